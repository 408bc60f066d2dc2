import Fluent
import Foundation
import FluentSQLiteDriver
import LamTheoCore
import SQLKit
import Vapor

/// The database's half of a backup: a consistent copy taken while the server keeps writing, and its load into an
/// empty database. SQLite copies itself with `VACUUM INTO` (one read transaction: the writers go on, the copy is the
/// database as of its start); PostgreSQL's pg_dump reads a snapshot that this process exports and holds, so that the
/// facts recorded beside the dump are read from the very same moment.
enum DatabaseCopy {
    /// Writes the copy to `file` and returns the facts of the copied moment.
    static func take(of app: Application, to file: URL) async throws -> DatabaseFacts {
        switch app.configuredDatabase {
        case .sqliteFile(let path):
            // A connection of its own: the application's keep a 256 MB page cache, which the copy would fill.
            try await withSQLite(path, logger: app.logger) { live in
                try await live.raw("PRAGMA busy_timeout=10000").run()
                try await live.raw("VACUUM INTO \(bind: file.path)").run()
            }
            return try await withSQLite(file.path, logger: app.logger) { try await DatabaseFacts.read(from: $0, backend: .sqlite) }
        case .sqliteMemory:
            throw BackupError(vi: "Cơ sở dữ liệu trong bộ nhớ (sqlite::memory:) không sao lưu được.",
                              en: "An in-memory database (sqlite::memory:) cannot be backed up.")
        case .postgres(let url):
            let connection = try PostgresConnectionInfo(url)
            let pgDump = try PostgresTools.program("pg_dump")
            return try await app.db.transaction { db in
                try await db.sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                guard let snapshot = try await db.sql.raw("SELECT pg_export_snapshot() AS id").first(decodingColumn: "id", as: String.self) else {
                    throw BackupError(vi: "PostgreSQL không xuất được ảnh chụp dữ liệu.", en: "PostgreSQL exported no snapshot.")
                }
                let facts = try await DatabaseFacts.read(from: db.sql, backend: .postgres)
                // The transaction stays open until pg_dump has finished: the snapshot lives as long as it does.
                try await ExternalProgram.run(pgDump, ["--format=custom", "--snapshot=\(snapshot)", "--file=\(file.path)",
                                                       "--dbname=\(connection.url)"], environment: connection.environment)
                return facts
            }
        }
    }

    private static func withSQLite<T>(_ path: String, logger: Logger, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The tables already in the target database: a restore refuses to overwrite them without `--force`.
    static func existingTables(in app: Application) async throws -> [String] {
        try await DatabaseFacts.tables(in: app.db.sql, backend: BackupManifest.Backend(app.dialect))
    }

    /// Replaces the target database with the copy in `file`. SQLite: the application's connections are closed, the
    /// file (and its WAL) replaced in one rename, and the next use opens the restored file. PostgreSQL: the
    /// schema's tables and functions are dropped (only present with `--force`), then pg_restore loads the dump in one transaction.
    static func load(_ file: URL, into app: Application) async throws {
        switch app.configuredDatabase {
        case .sqliteFile(let path):
            // Shuts the pool down synchronously, waiting on the event loops: never from one, where tasks run (`BlockingWork`).
            await BlockingWork.run { app.databases.reinitialize(.sqlite) }
            let incoming = path + ".restoring"
            try? FileManager.default.removeItem(atPath: incoming)
            try FileManager.default.copyItem(atPath: file.path, toPath: incoming)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(incoming, path) == 0 else {
                throw BackupError(vi: "Không thay được tệp cơ sở dữ liệu \(path) (lỗi \(errno)).", en: "Could not replace the database file \(path) (error \(errno)).")
            }
        case .sqliteMemory:
            throw BackupError(vi: "Không phục hồi vào cơ sở dữ liệu trong bộ nhớ (sqlite::memory:).",
                              en: "Cannot restore into an in-memory database (sqlite::memory:).")
        case .postgres(let url):
            let connection = try PostgresConnectionInfo(url)
            let pgRestore = try PostgresTools.program("pg_restore")
            let tables = try await existingTables(in: app)
            if !tables.isEmpty {
                try await app.db.sql.raw("DROP TABLE IF EXISTS \(SQLList(tables.map { SQLIdentifier($0) })) CASCADE").run()
            }
            // The schema's own functions go too (the triggers' of 044: the dump creates them again); an extension's
            // stay with their extension.
            let functions = try await app.db.sql.raw("""
                SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                """).all().map { try $0.decode(column: "signature", as: String.self) }
            for function in functions {
                try await app.db.sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: function) CASCADE").run()
            }
            try await ExternalProgram.run(pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                                      "--dbname=\(connection.url)", file.path], environment: connection.environment)
        }
    }
}

/// A PostgreSQL URL as libpq's programs take it: the password in `PGPASSWORD` rather than on a command line that
/// `ps` shows, and Vapor's `tlsmode` spelled as libpq's `sslmode`.
struct PostgresConnectionInfo {
    let url: String
    let environment: [String: String]

    init(_ text: String) throws {
        guard var components = URLComponents(string: text) else {
            throw BackupError(vi: "Địa chỉ PostgreSQL không đọc được.", en: "The PostgreSQL address cannot be read.")
        }
        var environment: [String: String] = [:]
        if let password = components.password {
            environment["PGPASSWORD"] = password
            components.password = nil
        }
        components.queryItems = components.queryItems?.map { $0.name == "tlsmode" ? URLQueryItem(name: "sslmode", value: $0.value) : $0 }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        url = components.string ?? text
        self.environment = environment
    }
}

/// PostgreSQL's client programs, from the newest installed version (as the test harness finds its server), else the PATH.
enum PostgresTools {
    static func program(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        let folders = versions.map { "\(base)/\($0)/bin" } + (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let found = folders.map({ URL(fileURLWithPath: $0).appendingPathComponent(name) })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw BackupError(vi: "Không tìm thấy \(name): hãy cài gói postgresql-client-15 (đã tìm trong \(base)/*/bin và PATH).",
                              en: "\(name) was not found: install postgresql-client-15 (looked in \(base)/*/bin and the PATH).")
        }
        return found
    }
}

/// Runs an outside program to its end without holding a thread of Swift concurrency while it runs; its output goes to
/// a temporary file (a pipe nobody reads could fill and stall it) and, when it fails, into the error.
enum ExternalProgram {
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-\(executable.lastPathComponent)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let child = try ChildProcess.start(executable.path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                           output: output.fileDescriptor)
        let status = await child.wait()
        guard status == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw BackupError(vi: "\(executable.lastPathComponent) thất bại (mã \(status)): \(text.suffix(2_000))",
                              en: "\(executable.lastPathComponent) failed (status \(status)): \(text.suffix(2_000))")
        }
    }
}
