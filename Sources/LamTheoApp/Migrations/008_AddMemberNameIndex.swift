import Fluent
import SQLKit

/// Lists of a large subtree walk the members in name order (`MemberQueries.walksNameIndex`).
struct AddMemberNameIndex: AsyncMigration {
    var name: String { "008_AddMemberNameIndex" }

    func prepare(on database: any Database) async throws {
        try await database.createIndex("members_name_sort", on: "members", columns: ["name_sort", "id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "members_name_sort").run()
    }
}
