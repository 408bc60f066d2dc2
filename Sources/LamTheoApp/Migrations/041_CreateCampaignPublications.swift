import Fluent
import SQLKit

/// A campaign's results published on a committee's site: which of the campaign's dashboard figures for the site's unit
/// are public (their keys, a JSON array), who published them and when. One per campaign and unit.
struct CreateCampaignPublications: AsyncMigration {
    var name: String { "041_CreateCampaignPublications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_publications")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("figure_keys", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "campaign_id", "organization_id")
            .create()
        try await database.createIndex("campaign_publications_unit", on: "campaign_publications", columns: ["organization_id", "published_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_publications").delete()
    }
}
