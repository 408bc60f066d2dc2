import Fluent
import SQLKit

/// The reminders of a unit's members page through the member accounts of its subtree (the reminders page's
/// preview): from the unit's members to their grants, not through every account in the country.
struct AddMemberGrantIndex: AsyncMigration {
    var name: String { "033_AddMemberGrantIndex" }

    func prepare(on database: any Database) async throws {
        try await database.createIndex("role_grants_member", on: "role_grants", columns: ["member_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "role_grants_member").run()
    }
}
