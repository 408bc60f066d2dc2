import Fluent
import Foundation
import SQLKit

/// A document's number is unique per issuing unit, not per issuer abbreviation: every ward's committee signs
/// "…/ĐU", so two wards may each issue 12-BC/ĐU in one term. Central documents (no unit in the tree) keep one
/// register among themselves, hence `COALESCE(organization_id, 0)`.
struct NumberDocumentsPerIssuingUnit: AsyncMigration {
    var name: String { "038_NumberDocumentsPerIssuingUnit" }

    private static let register = "documents_register"
    private static let registerColumns = "COALESCE(organization_id, 0), issuer_code, type_code, term_id, number"

    func prepare(on database: any Database) async throws {
        if database.sql.dialect.name == "sqlite" {
            try await Self.rebuildWithoutUniqueConstraint(on: database)
        } else {
            try await database.schema("documents").deleteUnique(on: "issuer_code", "type_code", "term_id", "number").update()
        }
        try await database.sql.raw("CREATE UNIQUE INDEX \(unsafeRaw: Self.register) ON documents (\(unsafeRaw: Self.registerColumns))").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: Self.register).run()
        if database.sql.dialect.name != "sqlite" {
            try await database.schema("documents").unique(on: "issuer_code", "type_code", "term_id", "number").update()
        }
    }

    /// SQLite cannot drop a table's constraint: the table is rebuilt as its documentation describes (sqlite.org,
    /// "Making other kinds of table schema changes"). Foreign keys from other tables point at `documents` by name, so
    /// they are switched off on one pinned connection (the pragma is ignored inside a transaction) while the copy
    /// replaces the original, and checked before the transaction commits.
    private static func rebuildWithoutUniqueConstraint(on database: any Database) async throws {
        try await database.withConnection { connection in
            let sql = connection.sql
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await connection.transaction { transaction in
                    try await rebuild(on: transaction.sql)
                }
            } catch {
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    private static func rebuild(on sql: any SQLDatabase) async throws {
        struct StoredStatement: Decodable { let type: String; let sql: String }
        let entries = try await sql.raw("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'documents' AND sql IS NOT NULL")
            .all(decoding: StoredStatement.self)
        guard let table = entries.first(where: { $0.type == "table" })?.sql,
              let constraint = table.range(of: #", CONSTRAINT "uq:documents.issuer_code+documents.type_code+documents.term_id+documents.number" UNIQUE ("issuer_code", "type_code", "term_id", "number")"#)
        else { throw MigrationShapeError(table: "documents") }
        var copy = table
        copy.removeSubrange(constraint)
        copy = copy.replacingOccurrences(of: #"CREATE TABLE "documents""#, with: #"CREATE TABLE "documents_rebuilt""#)
        try await sql.raw("\(unsafeRaw: copy)").run()
        try await sql.raw("INSERT INTO documents_rebuilt SELECT * FROM documents").run()
        try await sql.raw("DROP TABLE documents").run()
        try await sql.raw("ALTER TABLE documents_rebuilt RENAME TO documents").run()
        for index in entries where index.type == "index" {
            try await sql.raw("\(unsafeRaw: index.sql)").run()
        }
        let broken = try await sql.raw("PRAGMA foreign_key_check").all()
        if !broken.isEmpty { throw MigrationShapeError(table: "documents") }
    }
}

/// A table is not as the migrations before left it: the rebuild stops rather than guess.
private struct MigrationShapeError: Error, CustomStringConvertible {
    let table: String
    var description: String { "The table \(table) does not have the shape the earlier migrations gave it; it was left unchanged" }
}
