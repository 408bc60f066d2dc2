import Foundation
import Vapor

/// An address of the site, described once and used both ways: registering a route reads its components
/// with parameters as keys (`/campaigns/:id`), a link, form action or redirect reads them with values
/// (`/campaigns/12`). So a link cannot point at a route that is not there, and renaming an address is one
/// edit. Each feature declares its addresses as one enum (`CampaignRoute`), the feature's public face and
/// the only place its paths are written; pages and API share it, so that one act has one word on both
/// (the API serves the same words under `/api/v1`).
///
/// Registering (the policy stays at each declaration):
///
///     routes.get(CampaignRoute.obligation(.key), use: obligation).requiring(.capability(.read))
///     api.post(CampaignRoute.submissions(.key), use: submit).requiring(.capability(.edit))   // api: APIRoutes
///
/// Linking:
///
///     CampaignRoute.obligation(.value(id)).path                     // "/obligations/12"
///     CampaignRoute.list.path(query: [.unit: unitId, "q": text])    // "/campaigns?unit=3&q=…", nil values left out
protocol SiteRoute: Sendable {
    /// The routes served as pages, and under `/api/v1`, parameters as keys: the route-table test checks
    /// that these are exactly the routes the application serves.
    static var pages: [Self] { get }
    static var api: [Self] { get }
    /// The address, word by word.
    var components: [RouteComponent] { get }
    /// Addresses under `/api/v1` that this route answered at before: still served with the same handler
    /// and policy, so that existing clients keep working, and listed as deprecated in the API description.
    /// (Pages simply move.)
    var formerAPIComponents: [[RouteComponent]] { get }
}

extension SiteRoute {
    static var pages: [Self] { [] }
    static var api: [Self] { [] }
    var formerAPIComponents: [[RouteComponent]] { [] }

    /// The components for `RoutesBuilder.on`: `:name` for each parameter.
    var pathComponents: [PathComponent] { Self.pathComponents(components) }

    /// The former API addresses, as `pathComponents` (after the API's prefix).
    var formerAPIPathComponents: [[PathComponent]] { formerAPIComponents.map(Self.pathComponents) }

    /// The address of a link, its parameter values percent-encoded.
    var path: String { path(query: [:]) }

    /// The address with a query string (nil values left out, in the order given) and a fragment.
    func path(query: KeyValuePairs<QueryName, (any CustomStringConvertible)?>, fragment: String? = nil) -> String {
        let words = components.map { component -> String in
            switch component {
            case .constant(let word): return word
            case .parameter(let name, nil): preconditionFailure("\(Self.self): a link needs a value for :\(name)")
            case .parameter(_, let value?): return value.addingPercentEncoding(withAllowedCharacters: .pathSegmentAllowed) ?? value
            }
        }
        let items = query.compactMap { key, value in value.map { "\(key.name)=\($0.description.queryValueEncoded)" } }
        return "/" + words.joined(separator: "/") + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
            + (fragment.map { "#" + ($0.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? $0) } ?? "")
    }

    /// The same address under `/api/v1`.
    var apiPath: String { APIRoutes.path + path }

    private static func pathComponents(_ components: [RouteComponent]) -> [PathComponent] {
        components.map { component in
            switch component {
            case .constant(let word): return .constant(word)
            case .parameter(let name, nil): return .parameter(name)
            case .parameter(let name, _?): preconditionFailure("\(Self.self): a route is registered with .key for :\(name)")
            }
        }
    }
}

/// Where features register their API: every route under `/api/v1`, and each former address of a route
/// registered beside it.
struct APIRoutes: RoutesBuilder {
    static let prefix: [PathComponent] = ["api", "v1"]
    static let path = "/" + prefix.map(\.description).joined(separator: "/")

    private let routes: any RoutesBuilder

    init(_ app: Application) {
        routes = app.routes.grouped(Self.prefix)
    }

    func add(_ route: Route) {
        routes.add(route)
    }
}

/// One word of an address: a fixed word, or a parameter with its value when the address is a link.
enum RouteComponent: Sendable, Equatable, ExpressibleByStringLiteral {
    case constant(String)
    case parameter(String, value: String?)

    init(stringLiteral word: String) {
        self = .constant(word)
    }
}

/// A route's parameter: `.key` where the route is registered, `.value(12)` in a link.
enum Parameter<Value: LosslessStringConvertible & Sendable>: Sendable {
    case key
    case value(Value)

    /// The parameter as a word of the address, under `name` (what the handler reads).
    func named(_ name: String) -> RouteComponent {
        switch self {
        case .key: return .parameter(name, value: nil)
        case .value(let value): return .parameter(name, value: value.description)
        }
    }
}

/// What registering a route returns: the route and the routes of its former addresses, which take the
/// same policy and body limits.
struct RouteDeclaration {
    let routes: [Route]

    @discardableResult
    func requiring(_ policy: Policy) -> RouteDeclaration {
        for route in routes { route.requiring(policy) }
        return self
    }

    /// Applies `change` to the route and to its former addresses.
    @discardableResult
    func each(_ change: (Route) -> Void) -> RouteDeclaration {
        routes.forEach(change)
        return self
    }
}

extension Route {
    /// Whether this route serves a former address of another (a deprecated alias).
    var isFormerAddress: Bool { userInfo[FormerAddressKey.name] as? Bool ?? false }
}

private enum FormerAddressKey {
    static let name = "lamtheo.formerAddress"
}

extension RoutesBuilder {
    @discardableResult
    func get(_ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.GET, route, use: handler)
    }

    @discardableResult
    func post(_ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.POST, route, use: handler)
    }

    @discardableResult
    func put(_ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.PUT, route, use: handler)
    }

    @discardableResult
    func patch(_ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.PATCH, route, use: handler)
    }

    @discardableResult
    func delete(_ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.DELETE, route, use: handler)
    }

    /// A file made once in memory, answered as it is (a stylesheet): `MiddlewareChain` answers it at once on the event
    /// loop, without the task and the steps a page needs.
    @discardableResult
    func get(_ route: some SiteRoute, file: StylesheetFile) -> RouteDeclaration {
        let served = Route(method: .GET, path: route.pathComponents, responder: file, requestType: Request.self, responseType: Response.self)
        add(served)
        return RouteDeclaration(routes: [served])
    }

    /// Registers the route at its address and, under `/api/v1`, at each former API address.
    @discardableResult
    func on(_ method: HTTPMethod, _ route: some SiteRoute, body: HTTPBodyStreamStrategy = .collect,
            use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        let current = on(method, route.pathComponents, body: body, use: handler)
        let former = (self is APIRoutes ? route.formerAPIPathComponents : []).map { path in
            let alias = on(method, path, body: body, use: handler)
            alias.userInfo[FormerAddressKey.name] = true
            return alias
        }
        return RouteDeclaration(routes: [current] + former)
    }
}

extension CharacterSet {
    /// What a path parameter's value may hold unencoded: a value never adds a `/` to the path.
    static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))
}

extension String {
    /// The text as a query value: everything but ASCII letters, digits and `-._~` percent-encoded (`&`, `=`,
    /// `+`, `#` and Vietnamese letters included).
    var queryValueEncoded: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? self
    }
}
