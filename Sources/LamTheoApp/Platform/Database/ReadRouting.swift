import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A PostgreSQL streaming replica that reads which may lag go to (`LAMTHEO_REPLICA_URL`).
public struct ReplicaSettings: Sendable, Equatable {
    public var url: String
    /// How long after a client's write its reads stay on the primary at least (`LAMTHEO_REPLICA_STICKY`, seconds; longer
    /// when a kept dashboard page lives longer: `RecentWrites`).
    public var sticky: Int = 5
    /// Beyond this lag every read goes to the primary (`LAMTHEO_REPLICA_MAX_LAG`, seconds).
    public var maxLag: Double = 2

    static func load(from environment: [String: String], primary: DatabaseURL) throws -> ReplicaSettings? {
        guard let text = environment["LAMTHEO_REPLICA_URL"], !text.isEmpty else { return nil }
        guard case .postgres = primary else {
            throw ConfigurationError(variable: "LAMTHEO_REPLICA_URL", value: text,
                                     expected: "nothing with SQLite (a replica is PostgreSQL's streaming replication; LAMTHEO_DATABASE_URL is SQLite)")
        }
        guard case .postgres(let url)? = DatabaseURL(text) else {
            throw ConfigurationError(variable: "LAMTHEO_REPLICA_URL", value: text, expected: "postgres://user:password@host:5432/database")
        }
        var settings = ReplicaSettings(url: url)
        if let sticky = environment["LAMTHEO_REPLICA_STICKY"], !sticky.isEmpty {
            guard let seconds = Int(sticky), (0...3_600).contains(seconds) else {
                throw ConfigurationError(variable: "LAMTHEO_REPLICA_STICKY", value: sticky, expected: "a number of seconds from 0 to 3600")
            }
            settings.sticky = seconds
        }
        if let maxLag = environment["LAMTHEO_REPLICA_MAX_LAG"], !maxLag.isEmpty {
            guard let seconds = Double(maxLag), seconds > 0, seconds <= 3_600 else {
                throw ConfigurationError(variable: "LAMTHEO_REPLICA_MAX_LAG", value: maxLag, expected: "a number of seconds above 0, at most 3600")
            }
            settings.maxLag = seconds
        }
        return settings
    }
}

extension DatabaseID {
    /// The streaming replica, beside the primary (Fluent's default database).
    static let replica = DatabaseID(string: "replica")
}

/// How far the replica is behind, as last measured.
struct ReplicaLag: Sendable, Equatable {
    /// WAL the primary has written that the replica has not replayed yet.
    let bytes: Int64
    /// Since the last transaction the replica replayed was committed; 0 when it has replayed everything.
    let seconds: Double
    let measuredAt: Date
}

/// Where a request's reads go.
enum ReadTarget: String, Sendable {
    case primary
    case replica
}

/// The replica's routing rule and its lag, measured in the background (`ReplicaLagMonitor`).
final class ReplicaReads: Sendable {
    let settings: ReplicaSettings
    private let lag = NIOLockedValueBox<ReplicaLag?>(nil)

    /// The cookie that marks a client's recent write: the second it was answered.
    static let recentWriteCookie = "lt_recent_write"
    /// A measurement older than this is no measurement: the monitor is stuck or the replica does not answer.
    static let measurementLifetime: TimeInterval = 3

    init(settings: ReplicaSettings) {
        self.settings = settings
    }

    var lastLag: ReplicaLag? { lag.withLockedValue { $0 } }

    func record(_ measured: ReplicaLag?) {
        lag.withLockedValue { $0 = measured }
    }

    /// GET and HEAD read from the replica, unless the client wrote in the last `sticky` seconds (it reads its own
    /// writes back from the primary) or the replica is behind by more than `maxLag` (or its lag is unknown).
    func target(method: HTTPMethod, wroteRecently: Bool, now: Date = Date()) -> ReadTarget {
        guard method == .GET || method == .HEAD, !wroteRecently else { return .primary }
        guard let lag = lastLag, now.timeIntervalSince(lag.measuredAt) < Self.measurementLifetime,
              lag.bytes == 0 || lag.seconds <= settings.maxLag else { return .primary }
        return .replica
    }

    /// The primary's current WAL position, then how far the replica is from it and since when. Idle, the replica's last
    /// replayed transaction grows old without the replica being behind, so a replica with nothing left to replay is 0 s behind.
    func measure(primary: any Database, replica: any Database) async throws -> ReplicaLag? {
        guard let position = try await primary.sql.raw("SELECT pg_current_wal_lsn()::text AS lsn").first()?.decode(column: "lsn", as: String.self),
              let row = try await replica.sql.raw("""
                  SELECT pg_wal_lsn_diff(\(bind: position)::pg_lsn, pg_last_wal_replay_lsn())::bigint AS bytes,
                         COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 AS seconds
                  WHERE pg_is_in_recovery()
                  """).first(),
              let bytes = try row.decode(column: "bytes", as: Int64?.self) else { return nil }
        let behind = max(bytes, 0)
        return ReplicaLag(bytes: behind, seconds: behind == 0 ? 0 : try row.decode(column: "seconds", as: Double.self), measuredAt: Date())
    }
}

/// Measures the replica's lag every second while the process serves; a failed measurement sends reads to the primary.
struct ReplicaLagMonitor: LifecycleHandler {
    let reads: ReplicaReads
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(reads: ReplicaReads) {
        self.reads = reads
    }

    func didBootAsync(_ application: Application) async throws {
        let reads = self.reads
        task.withLockedValue { $0 = Task {
            var reported = false
            while !Task.isCancelled {
                do {
                    let lag = try await reads.measure(primary: application.db, replica: application.db(.replica))
                    reads.record(lag)
                    reported = false
                } catch {
                    reads.record(nil)
                    if !reported { application.logger.warning("replica lag not measured, reads go to the primary: \(String(reflecting: error))") }
                    reported = true
                }
                try? await Task.sleep(for: .seconds(1))
            }
        } }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}

/// A client's own writes, as its `lt_recent_write` cookie tells them: for how long after one its reads skip what may be
/// older than the write — the replica, a dashboard page drawn before it.
struct RecentWrites: Sendable, Equatable {
    /// Seconds after a write during which the client reads afresh.
    let window: Int

    /// Long enough for the replica's `sticky` and for a dashboard page kept `dashboardCache` seconds (one more: the cookie
    /// holds whole seconds, so a write may be up to one older than it says); nil when neither is in use.
    init?(replica: ReplicaSettings?, dashboardCache: Int) {
        let window = max(replica?.sticky ?? 0, dashboardCache > 0 ? dashboardCache + 1 : 0)
        guard window > 0 else { return nil }
        self.window = window
    }

    init(window: Int) {
        self.window = window
    }

    /// Whether a client whose last write was answered at `written` (its cookie) still reads afresh.
    func include(_ written: Date?, now: Date = Date()) -> Bool {
        written.map { now.timeIntervalSince($0) < TimeInterval(window) } ?? false
    }
}

/// Marks a client that has just written (any method but GET and HEAD answered below 400) with a cookie holding the
/// time, so that its next reads come from the primary and draw dashboards afresh: a form's redirect shows what it saved.
/// A client that keeps no cookies (most API scripts) reads from the replica at once, at most `maxLag` behind; the
/// write's own answer carries what it stored.
struct RecentWriteMiddleware: AsyncMiddleware {
    let window: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.method != .GET, request.method != .HEAD, response.status.code < 400 {
            response.cookies[ReplicaReads.recentWriteCookie] = HTTPCookies.Value(
                string: String(Int(Date().timeIntervalSince1970)), maxAge: window, path: "/",
                isSecure: request.application.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

extension Application {
    /// Connects the replica beside the primary and sets the routing rule (`configure` adds `RecentWriteMiddleware`); the lag
    /// is measured only by a serving process.
    func useReplica(_ settings: ReplicaSettings, measuresLag: Bool) throws {
        databases.use(.postgres(configuration: try .lamTheo(url: settings.url), maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug),
                      as: .replica, isDefault: false)
        let reads = ReplicaReads(settings: settings)
        storage[ReplicaReadsKey.self] = reads
        if measuresLag { lifecycle.use(ReplicaLagMonitor(reads: reads)) }
    }

    /// Nil with one database.
    var replicaReads: ReplicaReads? { storage[ReplicaReadsKey.self] }

    private struct ReplicaReadsKey: StorageKey {
        typealias Value = ReplicaReads
    }

    /// Set by `configure` with a replica or kept dashboard pages; nil: no client is told from another by its writes.
    var recentWrites: RecentWrites? {
        get { storage[RecentWritesKey.self] }
        set { storage[RecentWritesKey.self] = newValue }
    }

    private struct RecentWritesKey: StorageKey {
        typealias Value = RecentWrites
    }
}

extension Request {
    /// Where this request's reads go (always the primary with one database), chosen once: a page never mixes the two.
    var readTarget: ReadTarget {
        guard let replica = application.replicaReads else { return .primary }
        if let chosen = storage[ReadTargetKey.self] { return chosen }
        let chosen = replica.target(method: method, wroteRecently: wroteRecently)
        storage[ReadTargetKey.self] = chosen
        return chosen
    }

    /// The client wrote a moment ago (its `lt_recent_write` cookie is within `RecentWrites.window`); false when no
    /// client is told from another (one database, no kept dashboards).
    var wroteRecently: Bool {
        guard let recentWrites = application.recentWrites else { return false }
        return recentWrites.include(sentCookies[ReplicaReads.recentWriteCookie].flatMap { Double($0.string) }.map(Date.init(timeIntervalSince1970:)))
    }

    /// The client has just written, or asks for what it reads afresh (a browser's forced reload sends `no-cache`): not an
    /// answer kept for other readers (a dashboard page, a page of units).
    var readsAfresh: Bool {
        wroteRecently || (headers[.cacheControl] + headers[.pragma]).contains { $0.lowercased().contains("no-cache") }
    }

    private struct ReadTargetKey: StorageKey {
        typealias Value = ReadTarget
    }

    /// The database this request reads from: lists, pages and dashboards read here, writes go through `request.write`
    /// (the primary). A GET may read from the replica (see `ReplicaReads.target`); `request.db` is always the primary.
    var reads: any Database {
        readTarget == .replica ? db(.replica) : db
    }
}
