import Fluent
import SQLKit

struct CreateCampaignFigures: AsyncMigration {
    var name: String { "012_CreateCampaignFigures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_figures")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("members_studied", .int, .required)
            .field("reflections_submitted", .int, .required)
            .field("reflections_accepted", .int, .required)
            .field("sessions_held", .int, .required)
            .unique(on: "campaign_id", "organization_id")
            .create()
        // Subtree totals are sums over this index alone (it covers every figure).
        try await database.createIndex("campaign_figures_rollup", on: "campaign_figures",
                                       columns: ["campaign_id", "organization_path", "members_studied", "reflections_submitted",
                                                 "reflections_accepted", "sessions_held"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_figures").delete()
    }
}
