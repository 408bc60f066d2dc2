import Fluent
import SQLKit

/// Each day's dashboard figures of the units above the cells, so that a trend reads history instead of
/// recounting it, and a comparison finds the same day of the previous period.
struct CreateDashboardSnapshots: AsyncMigration {
    var name: String { "034_CreateDashboardSnapshots" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dashboard_snapshots")
            .field("id", .int, .identifier(auto: true))
            .field("day", .string, .required)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("key", .string, .required)
            .field("count", .int)
            .field("total", .int)
            // A unit's figure over a period is one range of this key.
            .unique(on: "organization_id", "key", "day", name: "dashboard_snapshots_once")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dashboard_snapshots").delete()
    }
}
