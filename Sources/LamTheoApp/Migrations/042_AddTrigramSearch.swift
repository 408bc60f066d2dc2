import Fluent
import SQLKit

/// Search of member names, card and ID numbers, unit names and document titles through trigram indexes over
/// their folded keys, instead of `LIKE '%…%'` reading every row (`TextSearch`). A name or title is indexed as
/// `' ' || key || ' '` so that a term shorter than a trigram still finds word starts (" le") and whole words (" a ").
///
/// SQLite: one FTS5 table per searched table, `tokenize='trigram'`, contentless (the keys are in the table
/// already; `contentless_delete=1` lets a row be removed by its id) and kept in step by triggers, so that every
/// write path — commands, imports, merges, raw bulk inserts — updates it without knowing it exists.
/// PostgreSQL: pg_trgm GIN indexes on the same expressions, kept by PostgreSQL itself.
struct AddTrigramSearch: AsyncMigration {
    var name: String { "042_AddTrigramSearch" }

    /// Table, FTS5 table, and each indexed column with the expression it holds.
    private static let indexes: [(table: String, fts: String, columns: [(name: String, expression: String, postgresIndex: String)])] = [
        ("members", "members_search", [
            ("name_key", "' ' || name_search || ' '", "members_name_trigrams"),
            ("card_key", "card_number", "members_card_trigrams"),
            ("id_number_key", "COALESCE(id_number, '')", "members_id_number_trigrams"),
        ]),
        ("organizations", "organizations_search", [("name_key", "' ' || name_search || ' '", "organizations_name_trigrams")]),
        ("documents", "documents_search", [("title_key", "' ' || title_search || ' '", "documents_title_trigrams")]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgresDialect {
            // Trusted since PostgreSQL 13: the database's owner may create it.
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            for index in Self.indexes {
                for column in index.columns {
                    try await run("CREATE INDEX \(column.postgresIndex) ON \(index.table) USING gin ((\(column.expression)) gin_trgm_ops)", on: sql)
                }
                // Statistics of the new expressions now, not at the next autovacuum: without them the planner takes
                // "nguyen" (two million rows) for a rare term and sorts every match instead of walking the name order.
                try await run("ANALYZE \(index.table)", on: sql)
            }
            return
        }
        for index in Self.indexes {
            let names = index.columns.map(\.name).joined(separator: ", ")
            let values = { (row: String) in index.columns.map { Self.qualified($0.expression, by: row) }.joined(separator: ", ") }
            let insert = "INSERT INTO \(index.fts)(rowid, \(names)) VALUES (new.id, \(values("new")));"
            let delete = "DELETE FROM \(index.fts) WHERE rowid = old.id;"
            let watched = index.columns.map { Self.sourceColumn(of: $0.expression) }.joined(separator: ", ")
            for statement in [
                "CREATE VIRTUAL TABLE \(index.fts) USING fts5(\(names), content='', contentless_delete=1, tokenize='trigram')",
                "INSERT INTO \(index.fts)(rowid, \(names)) SELECT id, \(index.columns.map(\.expression).joined(separator: ", ")) FROM \(index.table)",
                "CREATE TRIGGER \(index.fts)_insert AFTER INSERT ON \(index.table) BEGIN \(insert) END",
                "CREATE TRIGGER \(index.fts)_delete AFTER DELETE ON \(index.table) BEGIN \(delete) END",
                "CREATE TRIGGER \(index.fts)_update AFTER UPDATE OF \(watched) ON \(index.table) BEGIN \(delete) \(insert) END",
            ] {
                try await run(statement, on: sql)
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for index in Self.indexes {
            if database.isPostgresDialect {
                // The extension stays: it may have been there before, and other databases' objects do not depend on it here.
                for column in index.columns { try await run("DROP INDEX \(column.postgresIndex)", on: sql) }
                continue
            }
            for suffix in ["insert", "delete", "update"] { try await run("DROP TRIGGER \(index.fts)_\(suffix)", on: sql) }
            try await run("DROP TABLE \(index.fts)", on: sql)
        }
    }

    private func run(_ statement: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(SQLQueryString(statement)).run()
    }

    /// The column an indexed expression reads.
    private static func sourceColumn(of expression: String) -> String {
        ["name_search", "title_search", "card_number", "id_number"].first { expression.contains($0) }!
    }

    /// `expression` reading the column of the trigger's `row` (new or old).
    private static func qualified(_ expression: String, by row: String) -> String {
        let column = sourceColumn(of: expression)
        return expression.replacingOccurrences(of: column, with: "\(row).\(column)")
    }
}

private extension Database {
    var isPostgresDialect: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}
