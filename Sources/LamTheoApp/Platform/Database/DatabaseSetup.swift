import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// The two databases LamTheo runs on. Most code is the same for both; the few places that differ
/// (column collations, upserts) ask this.
public enum SQLDialectKind: Sendable {
    case sqlite
    case postgres
}

extension Application {
    /// Connects to the configured database and prepares it. SQLite gets WAL (readers never wait for the
    /// writer), `synchronous=NORMAL` (safe under WAL, far fewer fsyncs), a larger page cache and foreign keys
    /// on every connection.
    func useDatabase(_ url: DatabaseURL) async throws {
        switch url {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let text):
            databases.use(.postgres(configuration: try .lamTheo(url: text), maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
        }
        storage[DialectKey.self] = url.isSQLite ? .sqlite : .postgres
        storage[WriteGateKey.self] = WriteGate(serialises: url.isSQLite)
        if url.isSQLite {
            try await prepareSQLiteConnections(fileBacked: url != .sqliteMemory)
        }
    }

    /// SQLite's page cache of the whole process, in KiB.
    private static let sqlitePageCacheKiB = 256 * 1_024

    /// fluent-sqlite-driver keeps one connection per event loop and offers no set-up hook, so each
    /// loop's connection is configured here, once.
    private func prepareSQLiteConnections(fileBacked: Bool) async throws {
        let eventLoops = Array(eventLoopGroup.makeIterator())
        for eventLoop in eventLoops {
            let sql = databases.database(logger: logger, on: eventLoop)! as! any SQLDatabase
            if fileBacked {
                try await sql.raw("PRAGMA journal_mode=WAL").run()
            }
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
            // 256 MB of page cache at most in all, shared out between the connections (the default is 2 MB each; pages
            // are taken as used): a city's import keeps its index pages in memory until the commit instead of spilling
            // to the WAL and reading them back, and the process stays under 500 MB however many cores it runs on (256 MB
            // each made 600 MB under the national benchmark on two cores).
            try await sql.raw("PRAGMA cache_size=\(unsafeRaw: String(-Self.sqlitePageCacheKiB / eventLoops.count))").run()
            // Statement journals (a statement undone inside a larger transaction) in memory, not temporary files.
            try await sql.raw("PRAGMA temp_store=MEMORY").run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        }
    }

    public var dialect: SQLDialectKind {
        storage[DialectKey.self] ?? .sqlite
    }

    /// Gone once the application has shut down (Vapor clears its storage): a write still arriving then is
    /// refused, not a crash.
    var writeGate: WriteGate {
        get throws {
            guard let gate = storage[WriteGateKey.self] else { throw Abort(.serviceUnavailable, reason: "The server is shutting down") }
            return gate
        }
    }

    private struct DialectKey: StorageKey {
        typealias Value = SQLDialectKind
    }

    private struct WriteGateKey: StorageKey {
        typealias Value = WriteGate
    }
}

extension Application {
    /// `autoMigrate`, one process at a time: on PostgreSQL under a session advisory lock, held on a connection of its own
    /// while the migrations run on the pool's others, so that processes started together (after an upgrade) never run a
    /// migration twice: the next one waits, then finds nothing left to do. A process that dies lets go of the lock with
    /// its connection.
    func migrateOneAtATime() async throws {
        guard dialect == .postgres else { return try await autoMigrate() }
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let lock = connection.sql
                try await lock.raw("SELECT pg_advisory_lock(\(bind: Self.migrationLock))").run()
                do {
                    try await self.autoMigrate()
                } catch {
                    try? await lock.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLock))").run()
                    throw error
                }
                try await lock.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLock))").run()
            }
        }.get()
    }

    /// The advisory lock's key: "LamTheoM" as a number, apart from the audit trail's and the sign-in throttle's keys.
    static let migrationLock: Int64 = 0x4C61_6D54_6865_6F4D
}

extension Request {
    /// The database as SQLKit sees it, for the hot paths (roll-ups, search, bulk writes).
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

extension SQLPostgresConfiguration {
    /// A connection to the primary or a replica. The schema is the user's default (no search path set), and the JIT is
    /// off: PostgreSQL compiles a query whose estimated cost passes `jit_above_cost`, and the correlated counts of the
    /// roll-ups are estimated high and run in milliseconds — compiling took 106 ms of a 2 ms query at national scale.
    static func lamTheo(url: String) throws -> SQLPostgresConfiguration {
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = nil
        configuration.coreConfiguration.options.additionalStartupParameters.append(("jit", "off"))
        return configuration
    }
}
