import Fluent
import Foundation

/// One write, as the audit trail keeps it: who, when, from where, what, and the entity before and after.
/// Events are append-only and hash-chained: each `hash` covers the event and the previous event's hash,
/// so an edited, deleted or reordered event breaks the chain (`AuditTrail.verify`).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    /// 1, 2, 3… with no gaps: a missing number is a deleted event.
    @ID(custom: "seq", generatedBy: .user) var id: Int?
    /// ISO 8601 with milliseconds, UTC; stored as text so that the hash input is the same on every database.
    @Field(key: "occurred_at") var occurredAt: String
    @OptionalField(key: "actor_user_id") var actorUserId: Int?
    /// The username, or `system` for the command line without a user.
    @Field(key: "actor_name") var actorName: String
    /// `web`, `api` or `cli`.
    @Field(key: "source") var source: String
    @OptionalField(key: "ip") var ip: String?
    /// `organization.move`, `member.create`, `session.start`…
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    /// The entity's id, as text (kinds of organisation have text ids).
    @OptionalField(key: "entity_key") var entityKey: String?
    /// JSON with sorted keys, or nil when the entity did not exist before (or no longer does after).
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    /// The exact bytes the hash covers, field by field in a fixed order, separated by U+001F.
    var hashInput: String {
        [String(id ?? 0), occurredAt, actorUserId.map(String.init) ?? "", actorName, source, ip ?? "", action, entity,
         entityKey ?? "", before ?? "", after ?? "", previousHash].joined(separator: "\u{1F}")
    }
}

struct CreateAuditEvents: AsyncMigration {
    var name: String { "005_CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
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
        try await database.createIndex("audit_events_entity", on: AuditEvent.schema, columns: ["entity", "entity_key", "seq"])
        try await database.createIndex("audit_events_actor", on: AuditEvent.schema, columns: ["actor_name", "seq"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}
