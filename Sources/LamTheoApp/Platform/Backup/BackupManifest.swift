import Foundation
import LamTheoCore
import SQLKit

/// What a backup archive holds, stored in it as `manifest.json`. A restore checks the archive against it before
/// touching anything (every entry's SHA-256) and the restored database after (row counts, migrations, audit head).
struct BackupManifest: Codable, Sendable, Equatable {
    static let currentFormat = 1
    static let entryName = "manifest.json"
    /// Where attachments go inside the archive: `files/` + their path under `LAMTHEO_FILES_DIR`.
    static let filesFolder = "files/"

    enum Backend: String, Codable, Sendable {
        case sqlite
        case postgres

        init(_ dialect: SQLDialectKind) {
            self = dialect == .sqlite ? .sqlite : .postgres
        }
    }

    /// An entry of the archive: its name there, its size and the SHA-256 of its bytes.
    struct Entry: Codable, Sendable, Equatable {
        let path: String
        let size: Int64
        let sha256: String
    }

    let format: Int
    let backend: Backend
    let createdAt: Date
    /// The copy of the database: an SQLite file, or a pg_dump archive in its custom format.
    let database: Entry
    /// Every attachment file, in path order.
    let files: [Entry]
    let facts: DatabaseFacts
}

/// The last event of the audit trail: how many there are and the hash that ends the chain.
struct AuditHead: Codable, Sendable, Equatable {
    let events: Int
    let hash: String
}

/// What a backup records about a database and a restore checks: the copy is read at the moment it was taken, the
/// restored database the same way, so that the two are compared like with like.
struct DatabaseFacts: Codable, Sendable, Equatable {
    /// Rows in every table of the schema, migrations' bookkeeping included.
    let rowCounts: [String: Int]
    /// The migrations applied, in the order they ran.
    let migrations: [String]
    let auditHead: AuditHead

    static func read(from sql: any SQLDatabase, backend: BackupManifest.Backend) async throws -> DatabaseFacts {
        var counts: [String: Int] = [:]
        for table in try await tables(in: sql, backend: backend) {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? 0
        }
        let migrations = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, name").all(decodingColumn: "name", as: String.self)
        let last = try await sql.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        let head = try last.map { AuditHead(events: try $0.decode(column: "seq", as: Int.self), hash: try $0.decode(column: "hash", as: String.self)) }
        return DatabaseFacts(rowCounts: counts, migrations: migrations, auditHead: head ?? AuditHead(events: 0, hash: AuditTrail.genesisHash))
    }

    /// The tables of LamTheo's schema (not the database's own catalogue).
    static func tables(in sql: any SQLDatabase, backend: BackupManifest.Backend) async throws -> [String] {
        switch backend {
        case .sqlite:
            return try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .all(decodingColumn: "name", as: String.self)
        case .postgres:
            return try await sql.raw("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                .all(decodingColumn: "name", as: String.self)
        }
    }

    var totalRows: Int { rowCounts.values.reduce(0, +) }
}

/// Why a backup or a restore stopped, in both languages. Nothing was restored when a restore throws it before
/// writing (a corrupt archive, a non-empty target); afterwards it names what differs.
struct BackupError: Error, CustomStringConvertible {
    let text: LocalizedText

    init(vi: String, en: String) {
        text = LocalizedText(vi: vi, en: en)
    }

    var description: String { "\(text.vi) / \(text.en)" }

    static func corrupt(_ detail: String) -> BackupError {
        BackupError(vi: "Tệp sao lưu bị hỏng hoặc bị sửa (\(detail)); chưa phục hồi gì.",
                    en: "The backup archive is corrupt or was altered (\(detail)); nothing was restored.")
    }
}
