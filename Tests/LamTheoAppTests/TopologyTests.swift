import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// Several identical processes behind a proxy, on a primary with a replica: the client's address through a trusted
/// proxy, the public page cache emptied through the database, and where reads go.
@Suite("Several servers")
struct TopologyTests {
    @Test("trusted proxies: addresses and CIDR ranges, IPv4 and IPv6 (an IPv4-mapped peer too); anything else refused")
    func trustedProxies() throws {
        let proxies = try #require(TrustedProxies(" 127.0.0.1, 10.0.0.0/8,fd00::/8 "))
        #expect(proxies.contains("127.0.0.1") && proxies.contains("10.200.3.4") && proxies.contains("::ffff:10.1.1.1"))
        #expect(proxies.contains("fd12::1") && !proxies.contains("fe80::1") && !proxies.contains("11.0.0.1") && !proxies.contains("127.0.0.2"))
        #expect(!proxies.contains("not an address"))
        #expect(TrustedProxies("192.168.0.0/23")?.contains("192.168.1.255") == true && TrustedProxies("192.168.0.0/23")?.contains("192.168.2.0") == false)
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3", ","] {
            #expect(TrustedProxies(bad) == nil, "\(bad)")
        }
        let refused = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.load(from: ["LAMTHEO_TRUSTED_PROXIES": "10.0.0.0/40"])
        }
        #expect(refused?.variable == "LAMTHEO_TRUSTED_PROXIES")
    }

    @Test("the client's address: the peer unless it is a trusted proxy, then X-Forwarded-For's last hop not a proxy; the audit trail records it",
          arguments: TestBackend.allCases)
    func clientAddress(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing(method: .running(port: 0))
            var cells = 0
            func auditedAddress(forwardedFor: String?) async throws -> String? {
                let headers = forwardedFor.map { admin.api.adding("X-Forwarded-For", $0) } ?? admin.api
                cells += 1
                let created = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: headers) {
                    try $0.content.encode(NewOrganization(name: "Chi bộ \(cells)", code: "PX-\(cells)", kindCode: "cell", parentId: tree.wardA))
                }
                #expect(created.status == .created)
                return try await AuditEvent.query(on: app.db).sort(\.$id, .descending).first()?.ip
            }
            // No proxy trusted: a client cannot choose the address its throttles count.
            #expect(try await auditedAddress(forwardedFor: "203.0.113.9") == "127.0.0.1")
            app.trustedProxies = try #require(TrustedProxies("127.0.0.1, 10.0.0.0/8"))
            #expect(try await auditedAddress(forwardedFor: "6.6.6.6, 203.0.113.7, 10.1.2.3") == "203.0.113.7")
            #expect(try await auditedAddress(forwardedFor: "not-an-address") == "127.0.0.1")
            #expect(try await auditedAddress(forwardedFor: nil) == "127.0.0.1")
        }
    }

    @Test("a publish through another process empties this process's public page cache within a second (the generation row)",
          arguments: TestBackend.allCases)
    func publicCacheFollowsTheDatabase(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let cache = PublicPageCache()
            let start = Date()
            let entry = PublicPageCache.Entry(body: "trang", etag: "\"1\"", contentType: .html, expires: start.addingTimeInterval(60))
            try await cache.follow(app.db, now: start)
            cache.keep(entry, at: "/site/a")
            // Another process publishes: it counts one more generation.
            try await app.publicPagesChanged()
            try await cache.follow(app.db, now: start.addingTimeInterval(0.5))
            #expect(cache.entry("/site/a") != nil, "read at most once a second")
            try await cache.follow(app.db, now: start.addingTimeInterval(1.1))
            #expect(cache.entry("/site/a") == nil)
            cache.keep(entry, at: "/site/a")
            try await cache.follow(app.db, now: start.addingTimeInterval(2.2))
            #expect(cache.entry("/site/a") != nil, "kept while nothing changed")
        }
    }

    @Test("processes started together migrate one at a time, and let go of the lock afterwards", arguments: TestBackend.allCases)
    func migrationsOneAtATime(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            async let first: Void = app.migrateOneAtATime()
            async let second: Void = app.migrateOneAtATime()
            _ = try await (first, second)
            guard backend == .postgres else { return }
            let free = try await app.db.sql.raw("SELECT pg_try_advisory_lock(\(bind: Application.migrationLock)) AS free").first()?
                .decode(column: "free", as: Bool.self)
            #expect(free == true)
        }
    }

    @Test("reads: one database without a replica; a replica is PostgreSQL's only", arguments: TestBackend.allCases)
    func withoutReplica(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let request = Request(application: app, method: .GET, url: "/organizations", on: app.eventLoopGroup.next())
            #expect(request.readTarget == .primary && !request.wroteRecently)
            let refused = #expect(throws: ConfigurationError.self) {
                try AppConfiguration.load(from: ["LAMTHEO_DATABASE_URL": "sqlite://./x.sqlite", "LAMTHEO_REPLICA_URL": "postgres://u@localhost/x"])
            }
            #expect(refused?.variable == "LAMTHEO_REPLICA_URL")
        }
    }

    @Test("reads from the replica: GET and HEAD while it keeps up; the primary after the client's write, for any other method, and when it lags or its lag is unknown")
    func routingRule() throws {
        let reads = ReplicaReads(settings: ReplicaSettings(url: "postgres://u@localhost/x", sticky: 5, maxLag: 2))
        let now = Date()
        #expect(reads.target(method: .GET, wroteRecently: false, now: now) == .primary, "lag not measured yet")
        reads.record(ReplicaLag(bytes: 4_096, seconds: 0.3, measuredAt: now))
        #expect(reads.target(method: .GET, wroteRecently: false, now: now) == .replica)
        #expect(reads.target(method: .HEAD, wroteRecently: false, now: now) == .replica)
        #expect(reads.target(method: .GET, wroteRecently: true, now: now) == .primary)
        for method in [HTTPMethod.POST, .PUT, .PATCH, .DELETE] {
            #expect(reads.target(method: method, wroteRecently: false, now: now) == .primary)
        }
        let recent = try #require(RecentWrites(replica: reads.settings, dashboardCache: 0))
        #expect(recent.include(now.addingTimeInterval(-4), now: now) && !recent.include(now.addingTimeInterval(-6), now: now) && !recent.include(nil, now: now))
        #expect(RecentWrites(replica: reads.settings, dashboardCache: 10)?.window == 11 && RecentWrites(replica: nil, dashboardCache: 0) == nil)
        #expect(reads.target(method: .GET, wroteRecently: false, now: now.addingTimeInterval(4)) == .primary, "a measurement 4 s old")
        reads.record(ReplicaLag(bytes: 4_096, seconds: 2.5, measuredAt: now))
        #expect(reads.target(method: .GET, wroteRecently: false, now: now) == .primary)
        reads.record(ReplicaLag(bytes: 0, seconds: 0, measuredAt: now))
        #expect(reads.target(method: .GET, wroteRecently: false, now: now) == .replica, "idle and caught up")
        reads.record(nil)
        #expect(reads.target(method: .GET, wroteRecently: false, now: now) == .primary, "the replica did not answer")
    }

    @Test("with a replica (here the same PostgreSQL database): a successful write marks the client, its GETs then read the primary; others read the replica")
    func replicaOverHTTP() async throws {
        try await withTestApp(.postgres) { app in
            guard case .postgres(let url) = app.configuredDatabase else { return }
            try app.useReplica(ReplicaSettings(url: url), measuresLag: false)
            app.recentWrites = RecentWrites(window: 5)
            app.middleware.use(RecentWriteMiddleware(window: 5))
            let reads = try #require(app.replicaReads)
            #expect(try await reads.measure(primary: app.db, replica: app.db(.replica)) == nil, "not a standby: no lag, reads go to the primary")
            reads.record(ReplicaLag(bytes: 0, seconds: 0, measuredAt: Date()))
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let list = try await tester.sendRequest(.GET, "/api/v1/organizations", headers: admin.api)
            #expect(list.status == .ok && list.headers.setCookie?[ReplicaReads.recentWriteCookie] == nil)
            let refused = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api) {
                try $0.content.encode(NewOrganization(name: "", code: "PX-1", kindCode: "cell", parentId: tree.wardA))
            }
            #expect(refused.status == .unprocessableEntity && refused.headers.setCookie?[ReplicaReads.recentWriteCookie] == nil)
            let created = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api) {
                try $0.content.encode(NewOrganization(name: "Chi bộ Bến Thành", code: "PX-2", kindCode: "cell", parentId: tree.wardA))
            }
            let mark = try #require(created.headers.setCookie?[ReplicaReads.recentWriteCookie])
            #expect(mark.maxAge == 5 && mark.isHTTPOnly)

            reads.record(ReplicaLag(bytes: 0, seconds: 0, measuredAt: Date()))  // a measurement lives 3 s: the steps above may take longer
            let marked = Request(application: app, method: .GET, url: "/organizations",
                                 headers: ["Cookie": "\(ReplicaReads.recentWriteCookie)=\(mark.string)"], on: app.eventLoopGroup.next())
            #expect(marked.wroteRecently && marked.readTarget == .primary)
            let other = Request(application: app, method: .GET, url: "/organizations", on: app.eventLoopGroup.next())
            #expect(other.readTarget == .replica)
            // The replica's connection answers the pages' reads.
            let again = try await tester.sendRequest(.GET, "/api/v1/organizations", headers: admin.api)
            #expect(again.status == .ok && String(buffer: again.body).contains("Bến Thành"))
        }
    }
}
