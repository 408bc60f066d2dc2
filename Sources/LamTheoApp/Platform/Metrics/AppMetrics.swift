import Fluent
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// What a Prometheus server scrapes at `GET /metrics`, which exists only when `LAMTHEO_METRICS_TOKEN` is set and
/// answers only a request bearing that token (anything else gets the ordinary 404: the endpoint is not advertised).
///
/// Each application keeps its own registry (tests start many applications in one process); the first one in a
/// process also becomes the swift-metrics backend, which `MetricsSystem.bootstrap` allows once per process, so
/// that libraries reporting through swift-metrics land in the same scrape.
final class AppMetrics: Sendable {
    static let minimumTokenLength = 32
    static let path = "/metrics"
    /// From 1 ms (a cached page) to 10 s (a national export), about three buckets a decade.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]

    let registry = PrometheusCollectorRegistry()
    private let token: String
    /// A request's counter and histogram, made once per route, method and status and looked up afterwards.
    private let series = NIOLockedValueBox<[SeriesKey: RequestSeries]>([:])
    private let jobs: [JobState: Prometheus.Gauge]
    private let connectionWait: Prometheus.Gauge
    private let residentMemory: Prometheus.Gauge
    private let openFiles: Prometheus.Gauge

    private static let processBackendTaken = NIOLockedValueBox(false)

    init(token: String) {
        self.token = token
        let registry = registry
        let jobsDescriptor = MetricNameDescriptor(namespace: "lamtheo", metricName: "jobs", unitName: "", helpText: "Background jobs in each state")
        jobs = Dictionary(uniqueKeysWithValues: JobState.allCases.map { state in
            (state, registry.makeGauge(descriptor: jobsDescriptor, labels: [("state", state.rawValue)]))
        })
        connectionWait = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "lamtheo", metricName: "db_connection_wait", unitName: "seconds",
            helpText: "Time the last scrape waited for a database connection from the pool"))
        residentMemory = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident memory size in bytes"))
        openFiles = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "open", unitName: "fds", helpText: "Number of open file descriptors"))
        let taken = Self.processBackendTaken.withLockedValue { taken in
            defer { taken = true }
            return taken
        }
        if !taken {
            // Prefixed: a library's `http_requests_total` (Vapor's own, in an application other than ours) must not
            // meet ours, which the registry refuses by stopping the process.
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.nameAndLabelSanitizer = { ("swift_metrics_" + $0, $1) }
            MetricsSystem.bootstrap(factory)
        }
    }

    func authorises(_ request: Request) -> Bool {
        guard let bearer = request.headers.bearerAuthorization else { return false }
        return SecretToken.constantTimeEqual(bearer.token, token)
    }

    // MARK: Requests

    private struct SeriesKey: Hashable {
        /// The matched route (routes live as long as the application); nil: no route matched.
        let route: ObjectIdentifier?
        /// Only for an unmatched request: a matched route has one method.
        let method: String?
        let status: UInt
    }

    struct RequestSeries: Sendable {
        let route: String
        let requests: Prometheus.Counter
        let duration: DurationHistogram
    }

    /// The series of a request's route (its pattern, never the raw path, so that the labels stay few), method and status.
    func series(of request: Request, status: HTTPResponseStatus) -> RequestSeries {
        let key = SeriesKey(route: request.route.map(ObjectIdentifier.init), method: request.route == nil ? Self.methodLabel(request.method) : nil,
                            status: status.code)
        if let known = series.withLockedValue({ $0[key] }) { return known }
        let method = key.method ?? request.method.rawValue
        let route = Self.routeLabel(of: request)
        // Two requests making the same series at once get the same counter: the registry keeps one per name and labels.
        let made = RequestSeries(
            route: route,
            requests: registry.makeCounter(
                descriptor: MetricNameDescriptor(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route pattern and status"),
                labels: [("method", method), ("route", route), ("status", String(status.code))]),
            duration: registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request duration by route pattern"),
                labels: [("method", method), ("route", route)], buckets: Self.durationBuckets))
        series.withLockedValue { $0[key] = made }
        return made
    }

    /// `/organizations/:id`, as the route was declared; `unmatched` when no route matched.
    static func routeLabel(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// An unmatched request's method may be anything a client sends: the standard ones keep their name.
    private static func methodLabel(_ method: HTTPMethod) -> String {
        [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS].contains(method) ? method.rawValue : "OTHER"
    }

    // MARK: Reminders

    /// Reminders delivered through a channel (`inbox`, `email`, `digest`) with an outcome (`recorded`, `sent`, …).
    func countReminders(_ count: Int, channel: String, outcome: String) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "lamtheo", metricName: "reminder_deliveries", unitName: "total",
                                                              helpText: "Reminder deliveries by channel and outcome"),
                             labels: [("channel", channel), ("outcome", outcome)]).increment(by: Int64(count))
    }

    // MARK: Scraping

    /// The exposition, after reading what is only worth knowing when asked: the jobs by state (one indexed query),
    /// the pool's wait for that query's connection, the process's memory and open files.
    func scrape(_ request: Request) async throws -> Response {
        let asked = ContinuousClock.now
        let jobCounts = try await request.db.withConnection { [connectionWait] db in
            connectionWait.set(Self.seconds(asked.duration(to: .now)))
            return try await JobQueue.countsByState(on: db)
        }
        for (state, gauge) in jobs { gauge.set(Double(jobCounts[state] ?? 0)) }
        let process = ProcessFigures.read()
        residentMemory.set(Double(process.residentBytes))
        openFiles.set(Double(process.openFiles))
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: registry.emitToBuffer())))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension Application {
    /// The metrics, when `LAMTHEO_METRICS_TOKEN` is set; nil: nothing is counted.
    var metrics: AppMetrics? {
        get { storage[AppMetricsKey.self] }
        set { storage[AppMetricsKey.self] = newValue }
    }

    private struct AppMetricsKey: StorageKey {
        typealias Value = AppMetrics
    }

    /// Counts and logs every request (one middleware, first in line, so that it sees every answer as sent, errors
    /// rendered) when metrics or the access log are on; with both off there is nothing in the way of a request.
    func observeRequests(_ configuration: AppConfiguration) {
        // Vapor's own request metrics are replaced by ours, which are labelled by route pattern.
        http.server.configuration.reportMetrics = false
        metrics = configuration.metricsToken.map(AppMetrics.init)
        if metrics != nil || configuration.accessLog != nil {
            middleware.use(RequestObservationMiddleware(metrics: metrics, accessLog: configuration.accessLog))
        }
    }
}
