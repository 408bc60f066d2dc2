/// One event of the audit trail as the pages show it: plain values, which a page's model can hold.
struct AuditEntry: Sendable, Hashable {
    /// The event's place in the hash chain.
    let sequence: Int
    /// As stored: ISO 8601 in UTC.
    let occurredAt: String
    let actorName: String
    let source: String
    let ip: String?
    let action: String
    let entity: String
    let entityKey: String?
    /// What changed, as `AuditDiff.summary` writes it.
    let changes: String
}

extension AuditEntry {
    init(_ event: AuditEvent) {
        self.init(sequence: event.id ?? 0, occurredAt: event.occurredAt, actorName: event.actorName, source: event.source, ip: event.ip,
                  action: event.action, entity: event.entity, entityKey: event.entityKey,
                  changes: AuditDiff.summary(before: event.before, after: event.after))
    }
}
