@testable import LamTheoApp
import Testing
import Vapor
import VaporTesting

/// The middleware and the handler run as one task on the request's event loop, and every step still runs.
@Suite("Middleware chain")
struct MiddlewareChainTests {
    @Test("middleware added after the chain still runs: the chain calls the handler itself only when nothing comes between")
    func middlewareAfterTheChainRuns() async throws {
        try await withTestApp(.sqlite) { app in
            app.middleware.use(MarkingMiddleware())
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "X-Marked") == "yes")
        }
    }

    private struct MarkingMiddleware: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let response = try await next.respond(to: request)
            response.headers.replaceOrAdd(name: "X-Marked", value: "yes")
            return response
        }
    }

    @Test("a handler runs on its request's event loop, behind every step: over a socket, a thrown error, and a path no route has")
    func handlerRunsOnTheRequestsLoop() async throws {
        try await withTestApp(.sqlite) { app in
            app.get("loop-check") { request async -> String in
                await Task.yield()
                return request.eventLoop.inEventLoop ? "on its loop" : "elsewhere"
            }.requiring(.everyone)
            app.get("loop-check", "failing") { _ async throws -> String in
                throw Abort(.conflict, reason: "refused on purpose")
            }.requiring(.everyone)
            let tester = try app.testing(method: .running(port: 0))
            for _ in 0..<20 {
                let response = try await tester.sendRequest(.GET, "/loop-check")
                #expect(response.status == .ok)
                #expect(response.body.string == "on its loop")
                // The outermost step ran around it.
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            }
            let failing = try await tester.sendRequest(.GET, "/loop-check/failing", headers: ["Accept": "application/json"])
            #expect(failing.status == .conflict)
            #expect(failing.headers.first(name: "X-Frame-Options") == "DENY")
            let missing = try await tester.sendRequest(.GET, "/loop-check/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.headers.first(name: "X-Frame-Options") == "DENY")
        }
    }

    @Test("a stylesheet, answered without the steps a page needs, still carries over a socket the headers every answer carries; one the limits refuse is refused as any other")
    func stylesheetAnsweredAtOnce() async throws {
        try await withTestApp(.sqlite) { app in
            let tester = try app.testing(method: .running(port: 0))
            for path in [PlatformRoute.stylesheet.path, PublicRoute.stylesheet.path] {
                let plain = try await tester.sendRequest(.GET, path)
                #expect(plain.status == .ok)
                #expect(plain.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(plain.headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy)
                #expect(plain.headers[.cacheControl] == ["max-age=3600"], "its own, not the pages' no-store")
                #expect(!plain.headers.contains(name: .xVaporResponseCompression), "the compressor's marker is taken out")
                let gzipped = try await tester.sendRequest(.GET, path, headers: ["Accept-Encoding": "gzip"])
                #expect(gzipped.headers.first(name: .contentEncoding) == "gzip")
                #expect(!gzipped.headers.contains(name: .xVaporResponseCompression))
                let oversized = try await tester.sendRequest(.GET, path, headers: ["X-Padding": String(repeating: "a", count: 20_000)])
                #expect(oversized.status == .requestHeaderFieldsTooLarge)
                #expect(oversized.headers.first(name: "X-Frame-Options") == "DENY")
            }
        }
    }
}
