import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// `lamtheo benchmark-http`: the public pages and static files served over a real socket under load, each beside a
/// bare Vapor "hello" route that the command starts itself in the same process and drives with the same client, so a
/// busy machine shows in both. Prints requests per second, p50 and p95, and each route's share of hello's rate. Reads
/// the database as configured: run it on the demo's (`lamtheo demo` once first), which has a published site.
struct HTTPBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seconds", help: "Seconds of load per route (default: 5)")
        var seconds: Int?

        @Option(name: "connections", help: "Requests in flight at once (default: 32)")
        var connections: Int?

        @Option(name: "port", help: "Port LamTheo listens on during the run (default: 18080); hello listens on the next")
        var port: Int?

        init() {}
    }

    var help: String { "Measures public pages and static files over HTTP beside a hello route started in the same run" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let seconds = min(max(signature.seconds ?? 5, 1), 600)
        let connections = min(max(signature.connections ?? 32, 1), 512)
        let port = signature.port ?? 18_080
        try await app.autoMigrate()
        guard let site = try await PublicSites.all(on: app.db).first else {
            throw ImportBenchmarkCommand.Failure(
                description: "benchmark-http needs a published site: run `lamtheo demo` once and point LAMTHEO_DATABASE_URL at its database")
        }
        let article = try await ArticleQueries.latest(site: site, limit: 1, on: app.db).first

        let hello = try await Application.make(.custom(name: "hello"))
        hello.logger.logLevel = .error
        hello.get("hello") { _ in "Hello, world!" }
        app.logger.logLevel = .error
        try await hello.server.start(address: .hostname("127.0.0.1", port: port + 1))
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        do {
            try await measure(app, site: site, article: article, port: port, seconds: seconds, connections: connections, console: console)
        } catch {
            await app.server.shutdown()
            await hello.server.shutdown()
            try await hello.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        await hello.server.shutdown()
        try await hello.asyncShutdown()
    }

    private func measure(_ app: Application, site: PublicSite, article: PublicArticle?, port: Int, seconds: Int, connections: Int,
                         console: any Console) async throws {
        let origin = "http://127.0.0.1:\(port)"
        var routes: [(String, String)] = [
            ("stylesheet /assets/site.css", origin + PublicRoute.stylesheet.path),
            ("site home", origin + site.homePath),
        ]
        if let article { routes.append(("article", origin + PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path)) }
        routes.append(("health /healthz", origin + "/healthz"))

        console.print("\(connections) requests in flight, \(seconds) s per route; database: \(app.dialect); site \(site.slug)")
        console.print(Self.row("route", ["req/s", "p50 ms", "p95 ms", "errors", "of hello"]))
        let baseline = try await Self.load(URI(string: "http://127.0.0.1:\(port + 1)/hello"), seconds: seconds, connections: connections, client: app.client)
        console.print(Self.row("hello (bare Vapor, same process)", baseline.cells(against: baseline)))
        for (label, address) in routes {
            let result = try await Self.load(URI(string: address), seconds: seconds, connections: connections, client: app.client)
            console.print(Self.row(label, result.cells(against: baseline)))
        }
    }

    struct Result {
        let requests: Int
        let errors: Int
        let seconds: Double
        let latencies: [Double]

        var rate: Double { Double(requests) / seconds }

        func cells(against baseline: Result) -> [String] {
            [String(format: "%.0f", rate), String(format: "%.2f", BenchmarkTiming.percentile(latencies, 0.5)),
             String(format: "%.2f", BenchmarkTiming.percentile(latencies, 0.95)), String(errors),
             String(format: "%.0f%%", 100 * rate / max(baseline.rate, 1))]
        }
    }

    /// `connections` loops each sending the next request as the last one is answered, for `seconds`; a request whose
    /// answer is not 2xx or 304 counts as an error.
    static func load(_ uri: URI, seconds: Int, connections: Int, client: any Client) async throws -> Result {
        _ = try await client.get(uri) // warm-up: the first request fills caches and opens a connection
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: (latencies: [Double], errors: Int).self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    while ContinuousClock.now < deadline {
                        let sent = ContinuousClock.now
                        do {
                            let response = try await client.get(uri)
                            if !(200..<300).contains(response.status.code) && response.status != .notModified { errors += 1 }
                        } catch {
                            errors += 1
                        }
                        latencies.append((ContinuousClock.now - sent).milliseconds)
                    }
                    return (latencies, errors)
                }
            }
            var all: (latencies: [Double], errors: Int) = ([], 0)
            for try await part in group {
                all.latencies += part.latencies
                all.errors += part.errors
            }
            return all
        }
        return Result(requests: samples.latencies.count - samples.errors, errors: samples.errors,
                      seconds: (ContinuousClock.now - started).seconds, latencies: samples.latencies.sorted())
    }

    private static func row(_ label: String, _ cells: [String]) -> String {
        label.padding(toLength: max(label.count, 36), withPad: " ", startingAt: 0)
            + cells.map { String(repeating: " ", count: max(0, 10 - $0.count)) + $0 }.joined()
    }
}
