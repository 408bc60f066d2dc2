import Fluent
import Foundation
import Vapor

/// `lamtheo benchmark-http`: ordinary requests over a real socket under load — static files, public pages, a signed-in
/// officer's pages and API reads — each beside a bare Vapor "hello" route that the command starts itself in the same
/// process, all driven by `wrk` (the load generator the issue's figures came from), so a busy machine shows in both.
/// Prints requests per second, p50 and p95 under load, p50 of one request at a time, and each route's share of hello's
/// rate. Reads the database as configured: run it on the demo's (`lamtheo demo` once first), which has a published site
/// and the demo accounts; the signed-in routes use a session and a token the command issues to `--user` and removes
/// after the run.
struct HTTPBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seconds", help: "Seconds of load per route (default: 5)")
        var seconds: Int?

        @Option(name: "connections", help: "Connections wrk keeps open (default: 64)")
        var connections: Int?

        @Option(name: "port", help: "Port LamTheo listens on during the run (default: 18080); hello listens on the next")
        var port: Int?

        @Option(name: "user", help: "The account whose pages and API reads are measured (default: thanhuy, the demo's city officer)")
        var user: String?

        @Option(name: "only", help: "Measure only the routes whose label contains this text (hello always runs)")
        var only: String?

        init() {}
    }

    var help: String { "Measures static files, public pages and signed-in reads over HTTP (wrk) beside a hello route started in the same run" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let settings = Load(seconds: min(max(signature.seconds ?? 5, 1), 600),
                            connections: min(max(signature.connections ?? 64, 1), 1_000))
        let port = signature.port ?? 18_080
        try await app.autoMigrate()
        guard let site = try await PublicSites.all(on: app.db).first else {
            throw ImportBenchmarkCommand.Failure(description: "benchmark-http needs a published site: run `lamtheo demo` once and point LAMTHEO_DATABASE_URL at its database")
        }
        let username = signature.user ?? "thanhuy"
        guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else {
            throw ImportBenchmarkCommand.Failure(description: "benchmark-http needs the account `\(username)` (the demo's accounts: `lamtheo demo`), or name one with --user")
        }
        let article = try await ArticleQueries.latest(site: site, limit: 1, on: app.db).first
        let credentials = try await Credentials.issue(for: user, on: app.db)

        let hello = try await Application.make(.custom(name: "hello"))
        hello.logger.logLevel = .error
        hello.get("hello") { _ in "Hello, world!" }
        app.logger.logLevel = .error
        do {
            try await hello.server.start(address: .hostname("127.0.0.1", port: port + 1))
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            var routes = Self.routes(site: site, article: article, credentials: credentials, origin: "http://127.0.0.1:\(port)")
            if let only = signature.only { routes = routes.filter { $0.label.contains(only) } }
            try await measure(routes, hello: Route(label: "hello (bare Vapor, same process)", address: "http://127.0.0.1:\(port + 1)/hello"),
                              settings: settings, app: app, console: context.console)
        } catch {
            await shutDown(app, hello)
            try? await credentials.remove(on: app.db)
            throw error
        }
        await shutDown(app, hello)
        try await credentials.remove(on: app.db)
    }

    private func shutDown(_ app: Application, _ hello: Application) async {
        await app.server.shutdown()
        await hello.server.shutdown()
        try? await hello.asyncShutdown()
    }

    struct Route {
        let label: String
        let address: String
        var headers: [String] = []
    }

    struct Load {
        let seconds: Int
        let connections: Int
    }

    static func routes(site: PublicSite, article: PublicArticle?, credentials: Credentials, origin: String) -> [Route] {
        let browser = ["Cookie: \(Cookies.session)=\(credentials.session)"]
        let api = ["Authorization: Bearer \(credentials.token)"]
        var routes = [
            Route(label: "static /assets/app.css (gzip, as browsers ask)", address: origin + PlatformRoute.stylesheet.path,
                  headers: ["Accept-Encoding: gzip, deflate, br"]),
            Route(label: "static /assets/app.css (plain: no Accept-Encoding)", address: origin + PlatformRoute.stylesheet.path),
            Route(label: "health /healthz (SELECT 1)", address: origin + PlatformRoute.health.path),
            Route(label: "public: site home", address: origin + site.homePath),
        ]
        if let article {
            routes.append(Route(label: "public: article (view counted)", address: origin + PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path))
        }
        routes += [
            Route(label: "API /api/v1/me (bearer)", address: origin + AccountRoute.me.apiPath, headers: api),
            Route(label: "API /api/v1/organizations (bearer, kept page)", address: origin + OrganizationRoute.list.apiPath, headers: api),
            Route(label: "API /api/v1/organizations (read afresh: no-cache)", address: origin + OrganizationRoute.list.apiPath,
                  headers: api + ["Cache-Control: no-cache"]),
            Route(label: "web /organizations (signed in)", address: origin + OrganizationRoute.list.path, headers: browser),
            Route(label: "web /dashboard (signed in, kept page)", address: origin + DashboardRoute.show.path, headers: browser),
            Route(label: "web /dashboard (drawn afresh: no-cache)", address: origin + DashboardRoute.show.path, headers: browser + ["Cache-Control: no-cache"]),
        ]
        return routes
    }

    /// Hello is measured first and last, and each route's share is of the mean of the two: the machine's own pace drifts
    /// over a run of minutes (one hello measured first moved the shares by ten points between runs).
    private func measure(_ routes: [Route], hello: Route, settings: Load, app: Application, console: any Console) async throws {
        console.print("wrk: \(settings.connections) connections, 2 threads, \(settings.seconds) s per route; alone: 1 connection, 2 s; database: \(app.dialect)")
        console.print("hello is measured first and last; each share is of the mean of the two")
        var measured: [(label: String, loaded: Result, alone: Result)] = []
        for (index, route) in ([hello] + routes + [hello]).enumerated() {
            let label = route.label + (index == 0 ? ", first" : index == routes.count + 1 ? ", last" : "")
            measured.append((label, try await Self.wrk(route, settings), try await Self.wrk(route, .alone)))
        }
        let baseline = (measured[0].loaded.rate + measured[measured.count - 1].loaded.rate) / 2
        console.print(Self.row("route", ["req/s", "p50 ms", "p95 ms", "alone p50", "errors", "of hello"]))
        for row in measured {
            console.print(Self.row(row.label, row.loaded.cells(alone: row.alone, against: baseline)))
        }
    }

    struct Result {
        let requests: Int
        let errors: Int
        let seconds: Double
        let p50: Double
        let p95: Double

        var rate: Double { Double(requests - errors) / max(seconds, 0.001) }

        func cells(alone: Result, against baseline: Double) -> [String] {
            [String(format: "%.0f", rate), String(format: "%.2f", p50), String(format: "%.2f", p95), String(format: "%.2f", alone.p50),
             String(errors), String(format: "%.0f%%", 100 * rate / max(baseline, 1))]
        }
    }

    /// wrk's own summary, printed by its `done` hook in one line the command parses: requests, errors (refused
    /// connections, timeouts, answers of 400 or more), seconds, p50 and p95 in milliseconds.
    private static let report = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("LAMTHEO %d %d %f %f %f\\n", summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
            summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3))
        end
        """

    static func wrk(_ route: Route, _ load: Load) async throws -> Result {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-wrk-\(UUID().uuidString).lua")
        try report.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let threads = min(2, load.connections)
        var arguments = ["-t\(threads)", "-c\(load.connections)", "-d\(load.seconds)s", "-s", script.path]
        for header in route.headers { arguments += ["-H", header] }
        arguments.append(route.address)
        let output = try await Self.runWrk(arguments)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("LAMTHEO ") }) else {
            throw ImportBenchmarkCommand.Failure(description: "wrk printed no summary for \(route.address):\n\(output)")
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count == 5 else { throw ImportBenchmarkCommand.Failure(description: "wrk's summary is not understood: \(line)") }
        return Result(requests: Int(fields[0]), errors: Int(fields[1]), seconds: fields[2], p50: fields[3], p95: fields[4])
    }

    private static func runWrk(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw ImportBenchmarkCommand.Failure(description: "benchmark-http needs wrk (Debian: apt-get install wrk): \(error)")
        }
        // wrk runs for seconds: wait for it off the event loops.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    continuation.resume(throwing: ImportBenchmarkCommand.Failure(description: "wrk failed (\(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))"))
                    return
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }

    private static func row(_ label: String, _ cells: [String]) -> String {
        label.padding(toLength: max(label.count, 38), withPad: " ", startingAt: 0)
            + cells.map { String(repeating: " ", count: max(0, 10 - $0.count)) + $0 }.joined()
    }
}

extension HTTPBenchmarkCommand.Load {
    /// One request at a time: the latency of a request with the server otherwise idle.
    static let alone = Self(seconds: 2, connections: 1)
}

extension HTTPBenchmarkCommand {
    /// A browser session and an API token issued to the measured account for the run, removed after it.
    struct Credentials {
        let session: String
        let token: String
        let sessionId: Int
        let tokenId: Int

        static func issue(for user: User, on db: any Database) async throws -> Credentials {
            let session = SecretToken.make(prefix: "ls_")
            let token = SecretToken.make(prefix: "lt_")
            let storedSession = try await SessionCookie.start(session, for: user, ip: nil, userAgent: "lamtheo benchmark-http", on: db)
            let storedToken = try await AccountCommands.issueToken(token, for: user, name: "benchmark-http", days: 1, on: db)
            return Credentials(session: session, token: token, sessionId: storedSession.requireID(), tokenId: storedToken.requireID())
        }

        func remove(on db: any Database) async throws {
            try await UserSession.query(on: db).filter(\.$id == sessionId).delete()
            try await APIToken.query(on: db).filter(\.$id == tokenId).delete()
        }
    }
}
