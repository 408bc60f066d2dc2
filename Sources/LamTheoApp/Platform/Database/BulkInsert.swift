import Fluent
import FluentPostgresDriver
import SQLKit
import FluentSQLiteDriver
import Foundation
import LamTheoCore

/// Many rows into one table, inside the caller's transaction, as fast as each database takes them in:
/// `COPY … FROM STDIN` on PostgreSQL (one stream instead of a round trip per statement) and, on SQLite,
/// multi-row INSERTs bound with SQLite's own values (no per-value encoding through SQLKit).
enum BulkInsert {
    enum Value: Sendable {
        case text(String?)
        case integer(Int?)
        /// A day, stored as its ISO text like every `CalendarDate` field.
        case day(CalendarDate?)
        /// A `.datetime` column, stored as Fluent stores it on each database.
        case instant(Date)
    }

    static func rows(_ rows: some Sequence<[Value]>, into table: String, columns: [String], on db: any Database) async throws {
        if let postgres = db as? any PostgresDatabase {
            try await copy(rows, into: table, columns: columns, on: postgres, logger: db.logger)
        } else {
            try await insert(rows, into: table, columns: columns, on: db as! any SQLiteDatabase)
        }
    }

    /// Runs `body`, which adds `count` rows to `tables`, with the tables' plain (not unique) indexes dropped
    /// and built again after it, when the rows added are many and the table is small: building an index from
    /// all rows at once is several times faster than inserting into it in the rows' order. On PostgreSQL the
    /// foreign keys from one of `tables` to another are dropped and added back too: one set-based check
    /// instead of one per row. Inside the caller's transaction, so a failure restores them.
    ///
    /// On SQLite "small" means no more rows than are added: readers keep the indexes of their snapshot. On
    /// PostgreSQL it means empty, a first load: dropping an index makes readers of the table wait until the
    /// commit, and they would find nothing anyway. Keys to other tables stay: dropping them would lock those.
    static func deferringIndexesAndKeys<T>(of tables: [String], adding count: Int, on db: any Database,
                                           _ body: () async throws -> T) async throws -> T {
        guard count >= 10_000 else { return try await body() }
        var restore: [SQLQueryString] = []
        var rebuilt: [TextSearch.Table] = []
        for table in tables {
            let present = try await db.sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            guard db.isPostgres ? present == 0 : count >= present else { continue }
            let indexes = try await db.sql.raw(db.isPostgres ? """
                SELECT indexname AS name, indexdef AS sql FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = \(bind: table) AND indexdef NOT LIKE 'CREATE UNIQUE%'
                """ : """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                """).all()
            for index in indexes {
                restore.append(SQLQueryString(try index.decode(column: "sql", as: String.self)))
                try await db.sql.raw("DROP INDEX \(ident: try index.decode(column: "name", as: String.self))").run()
            }
            guard db.isPostgres else {
                rebuilt += try await deferringSearchTriggers(of: table, restore: &restore, on: db)
                continue
            }
            let keys = try await db.sql.raw("""
                SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                WHERE contype = 'f' AND conrelid = \(bind: table)::regclass AND confrelid::regclass::text = ANY(\(bind: tables))
                """).all()
            for key in keys {
                let name = try key.decode(column: "name", as: String.self)
                try await db.sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                restore.append("ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: name) \(unsafeRaw: try key.decode(column: "definition", as: String.self))")
            }
        }
        let result = try await body()
        for search in rebuilt {
            try await search.rebuild(on: db)
        }
        for statement in restore {
            try await db.sql.raw(statement).run()
        }
        // Fresh statistics for PostgreSQL's planner: autovacuum analyses the tables some time after a load, and until
        // then national lists are planned as if they were empty (a national walk right after loading: 23 routes over
        // 100 ms; after ANALYZE, 2).
        if db.isPostgres {
            for table in tables { try await db.sql.raw("ANALYZE \(ident: table)").run() }
        }
        return result
    }

    /// On SQLite, drops the triggers that keep `table`'s FTS5 search table in step (row by row), to be filled
    /// again from all rows after the load instead.
    private static func deferringSearchTriggers(of table: String, restore: inout [SQLQueryString], on db: any Database) async throws -> [TextSearch.Table] {
        guard let search = TextSearch.Table.all.first(where: { $0.name == table }) else { return [] }
        let triggers = try await db.sql.raw("""
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = \(bind: table) AND name LIKE \(bind: search.fts + "%")
            """).all()
        for trigger in triggers {
            restore.append(SQLQueryString(try trigger.decode(column: "sql", as: String.self)))
            try await db.sql.raw("DROP TRIGGER \(ident: try trigger.decode(column: "name", as: String.self))").run()
        }
        return triggers.isEmpty ? [] : [search]
    }

    /// `count` ids for rows about to be inserted with explicit ids, so that paths and references can be
    /// computed before writing. PostgreSQL draws them from the table's identity sequence (safe beside
    /// concurrent writers); SQLite's writes are serialised (`WriteGate`), so the next free ids are ours.
    static func reserveIds(_ count: Int, in table: String, on db: any Database) async throws -> [Int] {
        guard count > 0 else { return [] }
        if db.isPostgres {
            let row = try await db.sql.raw("""
                SELECT array_agg(nextval(pg_get_serial_sequence(\(bind: table), 'id'))) AS ids FROM generate_series(1, \(bind: count))
                """).first()
            return try row!.decode(column: "ids", as: [Int].self)
        }
        // Without AUTOINCREMENT, SQLite itself gives the next row MAX(id) + 1.
        let row = try await db.sql.raw("SELECT MAX(id) AS id FROM \(ident: table)").first()
        let last = try row?.decode(column: "id", as: Int?.self) ?? 0
        return Array(last + 1 ... last + count)
    }

    /// The text format of COPY: tab-separated, `\N` for NULL, backslash escapes.
    private static func copy(_ rows: some Sequence<[Value]>, into table: String, columns: [String], on postgres: any PostgresDatabase,
                             logger: Logger) async throws {
        // The transaction's own connection: `withConnection` on a transaction's database yields it, and it stays
        // ours until the transaction ends.
        let connection = try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        let instants = InstantText()
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    switch value {
                    case .text(nil), .integer(nil), .day(nil): buffer.writeStaticString("\\N")
                    case .text(let text?): writeEscaped(text, to: &buffer)
                    case .integer(let number?): buffer.writeString(String(number))
                    case .day(let day?): buffer.writeString(day.iso)
                    case .instant(let date): buffer.writeString(instants.text(date))
                    }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
            buffer.writeString(text)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Timestamps as PostgreSQL reads them; a bulk write stamps every row with the same instant, so the last
    /// one formatted is kept.
    private final class InstantText {
        private var last: (Date, String)?

        func text(_ date: Date) -> String {
            if let last, last.0 == date { return last.1 }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let text = formatter.string(from: date)
            last = (date, text)
            return text
        }
    }

    /// As many rows per statement as SQLite's default limit of bound values allows. The next statement's values
    /// are gathered while SQLite runs the previous one (on its thread pool), one statement in flight at a time,
    /// and every path waits for it: a statement left running could outlive the caller's transaction.
    private static func insert(_ rows: some Sequence<[Value]>, into table: String, columns: [String], on sqlite: any SQLiteDatabase) async throws {
        let rowsPerStatement = max(1, 32_000 / columns.count)
        let head = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let fullStatement = head + Array(repeating: tuple, count: rowsPerStatement).joined(separator: ", ")
        var running: EventLoopFuture<Void>?
        var binds: [SQLiteData] = []
        func flush() async throws {
            guard !binds.isEmpty else { return }
            let count = binds.count / columns.count
            let statement = count == rowsPerStatement ? fullStatement : head + Array(repeating: tuple, count: count).joined(separator: ", ")
            try await running?.get()
            running = sqlite.query(statement, binds, logger: sqlite.logger) { _ in }
            binds = []
            binds.reserveCapacity(rowsPerStatement * columns.count)
        }
        binds.reserveCapacity(rowsPerStatement * columns.count)
        for row in rows {
            for value in row {
                switch value {
                case .text(let text): binds.append(text.map(SQLiteData.text) ?? .null)
                case .integer(let number): binds.append(number.map(SQLiteData.integer) ?? .null)
                case .day(let day): binds.append(day.map { .text($0.iso) } ?? .null)
                case .instant(let date): binds.append(.float(date.timeIntervalSince1970))
                }
            }
            if binds.count == rowsPerStatement * columns.count { try await flush() }
        }
        try await flush()
        try await running?.get()
    }
}
