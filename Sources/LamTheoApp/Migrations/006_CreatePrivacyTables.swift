import Fluent
import SQLKit

struct CreatePrivacyTables: AsyncMigration {
    var name: String { "006_CreatePrivacyTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("personal_data_views")
            .field("id", .int, .identifier(auto: true))
            .field("viewed_at", .datetime, .required)
            .field("user_id", .int, .required, .references("users", "id"))
            .field("username", .string, .required)
            .field("what", .string, .required)
            .field("member_id", .int)
            .field("count", .int, .required)
            .field("ip", .string)
            .create()
        try await database.createIndex("personal_data_views_time", on: "personal_data_views", columns: ["viewed_at"])
        try await database.createIndex("personal_data_views_member", on: "personal_data_views", columns: ["member_id"])

        try await database.schema("correction_requests")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("text", .string, .required)
            .field("status", .string, .required)
            .field("resolved_by", .int, .references("users", "id"))
            .field("resolved_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("correction_requests_member", on: "correction_requests", columns: ["member_id", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("correction_requests").delete()
        try await database.schema("personal_data_views").delete()
    }
}
