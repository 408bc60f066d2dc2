import Foundation
@testable import LamTheoApp
import Testing
import VaporTesting

@Suite("Route table")
struct RouteTableTests {
    @Test("every route declares an access policy")
    func everyRouteHasAPolicy() async throws {
        try await withTestApp(.sqlite) { app in
            let missing = app.routes.all.filter { $0.policy == nil }.map { "\($0.method) /\($0.path.string)" }
            #expect(missing.isEmpty, "routes without a policy: \(missing)")
            #expect(app.routes.all.count > 40)
        }
    }

    @Test("a route without a policy is refused")
    func undeclaredRouteIsRefused() async throws {
        try await withTestApp(.sqlite) { app in
            app.get("undeclared") { _ in "should not be reachable" }
            let response = try await app.testing().sendRequest(.GET, "/undeclared")
            #expect(response.status == .forbidden)
        }
    }

    @Test("the OpenAPI document describes exactly the API routes the server has")
    func openAPIMatchesRoutes() async throws {
        try await withTestApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") }
            }
            let served = Set(app.routes.all.filter { $0.path.first == .constant("api") }.map { route in
                "\(route.method.rawValue) /" + route.path.map { component in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")

            // Every $ref points at something that exists.
            let text = String(buffer: response.body)
            let components = try #require(document["components"] as? [String: [String: Any]])
            let references = text.matches(of: /"\$ref":"#\/components\/(\w+)\/(\w+)"/).map { (String($0.1), String($0.2)) }
            #expect(!references.isEmpty)
            for (section, name) in references {
                #expect(components[section]?[name] != nil, "dangling $ref \(section)/\(name)")
            }
        }
    }
}
