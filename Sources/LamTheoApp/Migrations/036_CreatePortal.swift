import Fluent
import SQLKit

/// A committee's public news site (Trang tin điện tử): the site itself (one per committee, found by its slug), its
/// articles with every saved version, the images editors upload for them, and the views counted once per visitor
/// per article per day.
struct CreatePortal: AsyncMigration {
    var name: String { "036_CreatePortal" }

    func prepare(on database: any Database) async throws {
        try await database.schema("public_sites")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            // Lowercase a-z, 0-9 and '-': the site's address, /site/{slug}.
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("tagline", .string)
            // The committee's address line in the footer.
            .field("address_line", .string)
            .field("is_published", .bool, .required, .sql(.default(false)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "organization_id", name: "public_sites_unit")
            .unique(on: "slug", name: "public_sites_slug")
            .create()

        try await database.schema("articles")
            .field("id", .int, .identifier(auto: true))
            .field("site_id", .int, .required, .references("public_sites", "id"))
            .field("category", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            // HTML through the allow-list sanitizer.
            .field("body", .string, .required)
            // The searchable text (title, summary, body's text) folded: lowercase ASCII, no tones or marks.
            .field("search_text", .string, .required)
            .field("author_name", .string, .required)
            // draft, review, published (from published_at: a time to come is a scheduled article), unpublished.
            .field("status", .string, .required)
            .field("published_at", .datetime)
            // The record the article reports: campaign, exemplar or briefing, and its id.
            .field("link_kind", .string)
            .field("link_id", .int)
            .field("image_key", .string)
            .field("version", .int, .required)
            .field("view_count", .int, .required, .sql(.default(0)))
            .field("created_by", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("articles_site_published", on: "articles", columns: ["site_id", "status", "published_at"])

        try await database.schema("article_versions")
            .field("id", .int, .identifier(auto: true))
            .field("article_id", .int, .required, .references("articles", "id"))
            .field("version", .int, .required)
            .field("category", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("saved_by", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "article_id", "version", name: "article_versions_once")
            .create()

        // Images uploaded for a site's articles, named by their SHA-256 in the file store.
        try await database.schema("article_images")
            .field("id", .int, .identifier(auto: true))
            .field("site_id", .int, .required, .references("public_sites", "id"))
            .field("file_key", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("name", .string, .required)
            .field("uploaded_by", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .unique(on: "site_id", "file_key", name: "article_images_once")
            .create()

        // One row per visitor (a hash of address, browser and day) per article: a view counts once a day.
        try await database.schema("article_view_keys")
            .field("article_id", .int, .required, .references("articles", "id"))
            .field("visitor_key", .string, .required)
            .field("day", .string, .required)
            .unique(on: "article_id", "visitor_key", name: "article_view_keys_once")
            .create()
        try await database.createIndex("article_view_keys_day", on: "article_view_keys", columns: ["day"])
    }

    func revert(on database: any Database) async throws {
        for table in ["article_view_keys", "article_images", "article_versions", "articles", "public_sites"] {
            try await database.schema(table).delete()
        }
    }
}
