import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    var name: String { "005_CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .field("seq", .int, .identifier(auto: false))
            .field("occurred_at", .string, .required)
            .field("actor_user_id", .int)
            .field("actor_name", .string, .required)
            .field("source", .string, .required)
            .field("ip", .string)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_key", .string)
            .field("before", .string)
            .field("after", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.createIndex("audit_events_entity", on: "audit_events", columns: ["entity", "entity_key", "seq"])
        try await database.createIndex("audit_events_actor", on: "audit_events", columns: ["actor_name", "seq"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
