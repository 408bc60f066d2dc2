import Fluent
import SQLKit

/// A position is held in a unit: the member's cell (Bí thư chi bộ) or a committee above it (Bí thư Đảng ủy
/// phường), so that "the units a member heads" is a query. Positions recorded before have none.
struct AddPositionUnits: AsyncMigration {
    var name: String { "019_AddPositionUnits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("member_positions").field("organization_id", .int, .references("organizations", "id")).update()
        try await database.createIndex("member_positions_organization", on: "member_positions", columns: ["organization_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "member_positions_organization").run()
        try await database.schema("member_positions").deleteField("organization_id").update()
    }
}
