import Crypto
import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// The parts of an event that describe the write itself.
struct AuditNote: Sendable {
    let action: String
    let entity: String
    let entityKey: String?
}

/// Who wrote and from where: taken from the request, or given by the command line.
struct AuditOrigin: Sendable {
    let userId: Int?
    let name: String
    let source: String
    let ip: String?

    static func commandLine(user: String? = nil) -> AuditOrigin {
        AuditOrigin(userId: nil, name: user ?? "system", source: "cli", ip: nil)
    }
}

/// Appends to and checks the hash-chained audit trail.
enum AuditTrail {
    static let genesisHash = String(repeating: "0", count: 64)

    /// Appends one event inside the caller's transaction. The chain is extended by one writer at a time:
    /// SQLite's writes are already serialised; PostgreSQL takes a transaction-scoped advisory lock.
    static func append(_ note: AuditNote, origin: AuditOrigin, before: String?, after: String?, on db: any Database) async throws {
        if db.isPostgres {
            try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: 72_710_001))").run()
        }
        let last = try await AuditEvent.query(on: db).sort(\.$id, .descending).first()
        let event = AuditEvent()
        event.id = (last?.id ?? 0) + 1
        event.occurredAt = timestamp(Date())
        event.actorUserId = origin.userId
        event.actorName = origin.name
        event.source = origin.source
        event.ip = origin.ip
        event.action = note.action
        event.entity = note.entity
        event.entityKey = note.entityKey
        event.before = before
        event.after = after
        event.previousHash = last?.hash ?? genesisHash
        event.hash = hash(event.hashInput)
        try await event.create(on: db)
    }

    /// Where the chain breaks, if it does.
    struct Break: Error, CustomStringConvertible {
        let seq: Int
        let reason: String
        var description: String { "event #\(seq): \(reason)" }
    }

    /// Walks the whole trail in order, a page at a time. - Returns: the number of events and the last hash.
    static func verify(on db: any Database, pageSize: Int = 2_000) async throws -> (count: Int, head: String) {
        var expectedSeq = 1
        var previous = genesisHash
        while true {
            let page = try await AuditEvent.query(on: db).filter(\.$id >= expectedSeq).sort(\.$id).limit(pageSize).all()
            if page.isEmpty { return (expectedSeq - 1, previous) }
            for event in page {
                let seq = event.id ?? 0
                if seq != expectedSeq {
                    throw Break(seq: expectedSeq, reason: "missing (the next stored event is #\(seq)): deleted or renumbered")
                }
                if event.previousHash != previous {
                    throw Break(seq: seq, reason: "its previous-hash does not match event #\(seq - 1): events removed, inserted or reordered")
                }
                if hash(event.hashInput) != event.hash {
                    throw Break(seq: seq, reason: "its content does not match its hash: the event was edited")
                }
                previous = event.hash
                expectedSeq += 1
            }
        }
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hex
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
