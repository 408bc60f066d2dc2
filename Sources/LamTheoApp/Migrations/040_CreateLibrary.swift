import Fluent
import SQLKit

/// The study-material library (tài liệu học tập): a committee's items, each version kept; the campaigns an item is
/// linked to (and whether the campaign requires reading it); each member's first reading of an item; and, per campaign,
/// the members who have read everything it requires, with their cell's path, counted over a subtree by an index range.
struct CreateLibrary: AsyncMigration {
    var name: String { "040_CreateLibrary" }

    func prepare(on database: any Database) async throws {
        try await database.schema("library_items")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            // Topics one a line, as typed; `topic_keys` holds them folded, "|nghi-quyet-dai-hoi-xiii|dao-duc|", for the filter.
            .field("topics", .string, .required)
            .field("topic_keys", .string, .required)
            // "public" (the committee's public site too) or "members".
            .field("visibility", .string, .required)
            .field("version", .int, .required)
            // An uploaded file (the attachment store, by SHA-256) or an external link, never both.
            .field("file_key", .string)
            .field("file_name", .string)
            .field("file_type", .string)
            .field("file_size", .int)
            .field("link_url", .string)
            .field("search_text", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("library_items_organization", on: "library_items", columns: ["organization_id"])

        try await database.schema("library_item_versions")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("library_items", "id"))
            .field("version", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("topics", .string, .required)
            .field("visibility", .string, .required)
            .field("file_key", .string)
            .field("file_name", .string)
            .field("file_type", .string)
            .field("link_url", .string)
            .field("saved_by", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "item_id", "version", name: "library_item_versions_once")
            .create()

        try await database.schema("library_item_campaigns")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("library_items", "id"))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("required", .bool, .required)
            .unique(on: "item_id", "campaign_id", name: "library_item_campaigns_once")
            .create()
        try await database.createIndex("library_item_campaigns_campaign", on: "library_item_campaigns", columns: ["campaign_id"])

        try await database.schema("library_readings")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("library_items", "id"))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("first_read_at", .datetime, .required)
            .unique(on: "member_id", "item_id", name: "library_readings_once")
            .create()

        try await database.schema("library_campaign_readers")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("member_id", .int, .required, .references("members", "id"))
            // The member's cell's path (a path copy), so that a subtree's readers are one index range.
            .field("organization_path", database.binaryText, .required)
            .field("completed_at", .datetime, .required)
            .unique(on: "campaign_id", "member_id", name: "library_campaign_readers_once")
            .create()
        try await database.createIndex("library_campaign_readers_path", on: "library_campaign_readers", columns: ["campaign_id", "organization_path"])
    }

    func revert(on database: any Database) async throws {
        for table in ["library_campaign_readers", "library_readings", "library_item_campaigns", "library_item_versions", "library_items"] {
            try await database.schema(table).delete()
        }
    }
}
