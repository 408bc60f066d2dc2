import Fluent
import SQLKit

/// Readers' comments on a site's published articles, held for moderation: the commenter's name, e-mail (never shown
/// publicly) and text; the moderator's decision, a rejection's reason, and the committee's official answer.
struct CreateArticleComments: AsyncMigration {
    var name: String { "039_CreateArticleComments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_comments")
            .field("id", .int, .identifier(auto: true))
            .field("site_id", .int, .required, .references("public_sites", "id"))
            .field("article_id", .int, .required, .references("articles", "id"))
            .field("author_name", .string, .required)
            // Personal data: shown to the site's moderators only, each view logged.
            .field("author_email", .string, .required)
            .field("content", .string, .required)
            // pending, approved, rejected.
            .field("status", .string, .required)
            .field("rejection_reason", .string)
            .field("moderated_by", .string)
            .field("moderated_at", .datetime)
            // The official answer, and whose voice it is: editorial (Ban biên tập) or committee (cấp ủy).
            .field("answer", .string)
            .field("answer_voice", .string)
            .field("answered_by", .string)
            .field("answered_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("article_comments_article", on: "article_comments", columns: ["article_id", "status"])
        try await database.createIndex("article_comments_site", on: "article_comments", columns: ["site_id", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_comments").delete()
    }
}
