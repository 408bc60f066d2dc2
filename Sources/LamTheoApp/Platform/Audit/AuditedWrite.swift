import Fluent
import FluentPostgresDriver
import Foundation
import LamTheoCore
import Vapor

/// An entity the audit trail can show before and after a write.
protocol Auditable: Model where IDValue: LosslessStringConvertible {
    /// The name the trail uses: `organization`, `member`…
    static var auditEntity: String { get }
    /// The fields worth recording, as text. Secrets (password hashes, token hashes) stay out.
    var auditFields: [String: String?] { get }
    /// The recorded state: `auditFields` of the stored row, unless the entity's state spans other rows too.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String?
}

extension Auditable {
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = IDValue(key) else { return nil }
        return try await find(id, on: db).map { try AuditSnapshot.json($0.auditFields) }
    }

    var auditKey: String? { id.map { String($0) } }
}

enum AuditSnapshot {
    /// Sorted keys, so that the same state always gives the same text (and the same hash). An encoding
    /// failure is thrown, failing the write: an event is never recorded with a blank state.
    static func json(_ fields: [String: String?]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }
}

/// What a write is about: the action and the entity it changes.
struct AuditSubject: Sendable {
    let action: String
    let entity: any Auditable.Type
    /// The entity's id when it exists before the write; for a create, the id of what the write returns.
    let key: String?

    init(_ action: String, _ entity: any Auditable.Type, id: (any LosslessStringConvertible)? = nil) {
        self.action = action
        self.entity = entity
        key = id.map { String($0) }
    }
}

extension Application {
    /// The one way LamTheo writes: `body` runs as one transaction that also appends one audit event, with
    /// the entity's state before and after. Either all of it is stored or none of it. It holds a share of
    /// `TreeShapeLock` throughout, so that no move of the tree lands in the middle of it.
    /// On PostgreSQL a write whose transaction lost a deadlock or a serialisation conflict to another writer runs again,
    /// whole, so no request fails for it; `body` must therefore do nothing a second run would repeat outside the
    /// database (the file store is keyed by content, so saving the same bytes again is harmless).
    func write<T: Sendable>(_ subject: AuditSubject, origin: AuditOrigin,
                            _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // It may have changed who may do what, or what a kept answer shows: the next request reads their generations again.
        defer { followedGenerations.checkSoon() }
        return try await writeGate.run { try await self.retryingConflicts {
            try await self.db.transaction { db in
                try await TreeShapeLock.share(on: db)
                let before = try await subject.key.asyncMap { try await subject.entity.auditSnapshot(key: $0, on: db) } ?? nil
                let result = try await body(db)
                let key = subject.key ?? (result as? any Auditable)?.auditKey
                let after = try await key.asyncMap { try await subject.entity.auditSnapshot(key: $0, on: db) } ?? nil
                let note = AuditNote(action: subject.action, entity: subject.entity.auditEntity, entityKey: key)
                try await AuditTrail.append(note, origin: origin, before: before, after: after, on: db)
                return result
            }
        } }
    }

    /// A transaction that is not a user's write and leaves no audit event: the sign-in throttle's
    /// bookkeeping of failed attempts.
    func writeBookkeeping<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        defer { followedGenerations.checkSoon() }
        return try await writeGate.run { try await self.retryingConflicts {
            try await self.db.transaction { db in
                try await TreeShapeLock.share(on: db)
                return try await body(db)
            }
        } }
    }

    /// Two writers of stored figures may each hold rows the other waits for (a recount of one campaign, then of every
    /// active one, against a member's move), and two moves of the tree each wait for the other's share of `TreeShapeLock`:
    /// PostgreSQL aborts one of them, which then simply runs again after a short
    /// random pause. SQLite has one writer and never gets here.
    private func retryingConflicts<T: Sendable>(_ transaction: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transaction()
            } catch where attempt < Self.conflictAttempts && Self.lostConflict(error) {
                logger.notice("A write lost a conflict with another writer and runs again", metadata: [
                    "attempt": .stringConvertible(attempt), "error": .string(String(describing: type(of: error)))])
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...25) * attempt))
                attempt += 1
            }
        }
    }

    /// Enough for a burst of writers on one unit's chain; past it the error reaches the caller as before.
    static let conflictAttempts = 8

    /// A deadlock (40P01) or serialisation failure (40001), for which PostgreSQL aborted the transaction so that another
    /// could go on, or a unit moved under the write's feet (`RollupChainMoved`): running it again is the remedy.
    static func lostConflict(_ error: any Error) -> Bool {
        if error is RollupChainMoved { return true }
        guard let error = error as? PSQLError else { return false }
        return ["40P01", "40001"].contains(error.serverInfo?[.sqlState] ?? "")
    }
}

extension Request {
    /// `Application.write`, with the signed-in user (or `signingIn`, the one a sign-in is about to
    /// authenticate), the source (web or API) and the address as origin.
    func write<T: Sendable>(_ subject: AuditSubject, signingIn: (userId: Int?, username: String)? = nil,
                            _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.write(subject, origin: auditOrigin(signingIn: signingIn), body)
    }

    func auditOrigin(signingIn: (userId: Int?, username: String)? = nil) -> AuditOrigin {
        AuditOrigin(userId: signingIn?.userId ?? actor?.userId, name: signingIn?.username ?? actor?.username ?? "anonymous",
                    source: isAPI ? "api" : "web", ip: clientAddress)
    }
}
