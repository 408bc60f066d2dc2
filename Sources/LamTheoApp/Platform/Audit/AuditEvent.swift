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
