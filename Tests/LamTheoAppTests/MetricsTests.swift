import Foundation
@testable import LamTheoApp
import LamTheoCore
import Logging
import NIOConcurrencyHelpers
import Testing
import VaporTesting

/// `GET /metrics`: hidden without its token, counting requests by route pattern, reading the job queue and the
/// reminders delivered; and the access-log line written from the same middleware.
@Suite("Metrics")
struct MetricsTests {
    static let token = String(repeating: "7f3a", count: 8)
    static let scraper: HTTPHeaders = ["Authorization": "Bearer \(token)"]

    private func withMetrics(_ backend: TestBackend, accessLog: Logger.Level? = nil, _ body: (Application) async throws -> Void) async throws {
        try await withTestApp(backend, configuring: { $0.metricsToken = Self.token; $0.accessLog = accessLog }, body)
    }

    /// The scrape's text, and the value of one series in it (`name{labels}` exactly as exposed).
    private func scrape(_ app: Application) async throws -> String {
        let answer = try await app.testing().sendRequest(.GET, "/metrics", headers: Self.scraper)
        #expect(answer.status == .ok)
        return answer.body.string
    }

    private func value(_ series: String, in exposition: String) -> Double? {
        exposition.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    @Test("the endpoint answers only its token: 404 as for any unknown address without it or with another, and no endpoint when no token is set",
          arguments: TestBackend.allCases)
    func hidden(_ backend: TestBackend) async throws {
        try await withMetrics(backend) { app in
            let unknown = try await app.testing().sendRequest(.GET, "/metricz")
            for headers: HTTPHeaders in [[:], ["Authorization": "Bearer \(Self.token.dropLast())x"], ["Authorization": "Bearer short"],
                                         ["Authorization": "Basic \(Self.token)"]] {
                let answer = try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
                #expect(answer.status == .notFound && answer.body.string == unknown.body.string.replacingOccurrences(of: "metricz", with: "metrics"))
            }
            let text = try await scrape(app)
            #expect(text.contains("# TYPE http_requests_total counter"))
            #expect((value("process_resident_memory_bytes", in: text) ?? 0) > 1_000_000)
            #expect((value("process_open_fds", in: text) ?? 0) > 2)
            #expect(value("lamtheo_db_connection_wait_seconds", in: text) != nil)
        }
        try await withTestApp(backend) { app in
            let answer = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(app.metrics == nil && answer.status == .notFound)
        }
    }

    @Test("a request is counted under its route's pattern, never its raw path; an unknown address under unmatched",
          arguments: TestBackend.allCases)
    func routePattern(_ backend: TestBackend) async throws {
        try await withMetrics(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            for unit in [tree.wardA, tree.wardB, tree.wardB] {
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/organizations/\(unit)", headers: admin.api).status == .ok)
            }
            _ = try await app.testing().sendRequest(.GET, "/no-such-page-\(tree.city)")
            _ = try await app.testing().sendRequest(.init(rawValue: "BREW"), "/coffee")
            let text = try await scrape(app)
            #expect(value(#"http_requests_total{method="GET",route="/api/v1/organizations/:id",status="200"}"#, in: text) == 3)
            #expect(value(#"http_request_duration_seconds_count{method="GET",route="/api/v1/organizations/:id"}"#, in: text) == 3)
            #expect(value(#"http_requests_total{method="GET",route="unmatched",status="404"}"#, in: text) == 1)
            #expect(text.contains(#"method="OTHER",route="unmatched""#))
            #expect(!text.contains("/organizations/\(tree.wardA)") && !text.contains("no-such-page") && !text.contains("BREW"))
        }
    }

    @Test("the job queue's depth by state, read at scrape time", arguments: TestBackend.allCases)
    func queueDepth(_ backend: TestBackend) async throws {
        try await withMetrics(backend) { app in
            #expect(value(#"lamtheo_jobs{state="queued"}"#, in: try await scrape(app)) == 0)
            for key in ["a", "b"] { try await app.jobs.enqueue(kind: "metrics.test", uniqueKey: key) }
            let text = try await scrape(app)
            #expect(value(#"lamtheo_jobs{state="queued"}"#, in: text) == 2)
            #expect(value(#"lamtheo_jobs{state="running"}"#, in: text) == 0)
        }
    }

    @Test("reminders delivered to the inbox are counted", arguments: TestBackend.allCases)
    func reminders(_ backend: TestBackend) async throws {
        try await withMetrics(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            _ = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            _ = try await app.remind(on: today)
            let inbox = value(#"lamtheo_reminder_deliveries_total{channel="inbox",outcome="recorded"}"#, in: try await scrape(app))
            let recorded = try await app.rowCount(UserNotification.schema)
            #expect(inbox == Double(recorded) && recorded > 0)
        }
    }

    @Test("the access line: one per request after the response, with method, route, status, duration, bytes and request id; off writes none")
    func accessLog() async throws {
        let lines = NIOLockedValueBox<[(message: String, metadata: Logger.Metadata)]>([])
        try await withMetrics(.sqlite, accessLog: .notice) { app in
            app.logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
            _ = try await app.testing().sendRequest(.GET, "/healthz")
        }
        let line = try #require(lines.withLockedValue { $0.first { $0.message == "GET /healthz" } })
        let fields = line.metadata.mapValues(\.description)
        #expect(fields["route"] == "/healthz" && fields["status"] == "200" && fields["method"] == "GET" && fields["bytes"] == "2")
        #expect(Double(fields["duration_ms"] ?? "") != nil && fields["request-id"] != nil)

        lines.withLockedValue { $0.removeAll() }
        try await withTestApp(.sqlite, configuring: { $0.accessLog = nil }) { app in
            app.logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
            _ = try await app.testing().sendRequest(.GET, "/healthz")
        }
        #expect(lines.withLockedValue { $0.isEmpty })
    }

    @Test("a metrics token shorter than 32 characters stops start-up naming the variable, without echoing the secret")
    func tokenLength() throws {
        #expect(try AppConfiguration.load(from: ["LAMTHEO_METRICS_TOKEN": Self.token]).metricsToken == Self.token)
        #expect(try AppConfiguration.load(from: [:]).metricsToken == nil)
        let error = #expect(throws: ConfigurationError.self) { try AppConfiguration.load(from: ["LAMTHEO_METRICS_TOKEN": "hunter2"]) }
        #expect(error?.variable == "LAMTHEO_METRICS_TOKEN" && error?.description.contains("hunter2") == false)
    }
}

/// Keeps what is logged at notice and above, with the logger's metadata merged in.
private struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[(message: String, metadata: Logger.Metadata)]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLockedValue { $0.append((event.message.description, metadata.merging(event.metadata ?? [:]) { $1 })) }
    }
}
