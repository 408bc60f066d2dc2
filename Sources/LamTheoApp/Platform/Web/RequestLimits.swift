import Vapor

/// Refuses, before any work is done for them, requests that no client of LamTheo sends: methods it never
/// serves (TRACE echoes a request back, cookies included) or does not serve at that path (405 with the
/// ones it does, in `Allow`), and addresses or headers far beyond any real one — with the status that says
/// so, rather than a closed connection. (Headers beyond the HTTP parser's own limit, 80 KB, and NUL bytes
/// in the request line or a header never reach here: the parser closes the connection.)
struct RequestLimitsMiddleware: AsyncMiddleware {
    static let servedMethods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE]
    static let maximumURLBytes = 8 * 1_024
    static let maximumHeaderBytes = 16 * 1_024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let refusal = Self.refusal(of: request) { throw refusal }
        return try await next.respond(to: request)
    }

    /// The refusal the request gets (405, 414 or 431), or nil when it is within the limits.
    static func refusal(of request: Request) -> Abort? {
        // The most specific path wins, as in the router: `PATCH /commitments/pledges` is asked of the path
        // `commitments/pledges` (POST only), not of `commitments/:id` with an id that is not one. A request the router
        // matched to a path without parameters is served with its method there: it is not looked up again.
        let matchedExactly = request.route?.path.allSatisfy { if case .constant = $0 { true } else { false } } ?? false
        if !matchedExactly {
            let allowed = request.application.routeMethods.allowed(at: request.url.path)
            guard servedMethods.contains(request.method), allowed?.contains(request.method) ?? true else {
                let methods = allowed ?? servedMethods
                return Abort(.methodNotAllowed, headers: ["Allow": methods.map(\.rawValue).joined(separator: ", ")])
            }
        }
        guard request.url.string.utf8.count <= maximumURLBytes else { return Abort(.uriTooLong) }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        guard headerBytes <= maximumHeaderBytes else { return Abort(.requestHeaderFieldsTooLarge) }
        return nil
    }
}

/// The methods served at each path, for the 405 of a path asked with another one. (Unchecked: the router
/// is built once and only read afterwards.)
final class RouteMethods: @unchecked Sendable {
    private let router: TrieRouter<[HTTPMethod]>
    /// The start page's: a router takes no empty path.
    private let root: [HTTPMethod]?

    init(_ routes: [Route]) {
        let router = TrieRouter([HTTPMethod].self)
        var root: [HTTPMethod]?
        var methods: [String: (path: [PathComponent], methods: [HTTPMethod])] = [:]
        for route in routes {
            let key = route.path.map(\.description).joined(separator: "/")
            methods[key, default: (route.path, [])].methods.append(route.method)
        }
        for (path, served) in methods.values {
            // Vapor answers HEAD wherever it answers GET.
            let withHead = served.contains(.GET) && !served.contains(.HEAD) ? served + [.HEAD] : served
            let allowed = RequestLimitsMiddleware.servedMethods.filter(withHead.contains)
            if path.isEmpty { root = allowed } else { router.register(allowed, at: path) }
        }
        self.router = router
        self.root = root
    }

    /// The methods served at `path`, or nil when no route has that path.
    func allowed(at path: String) -> [HTTPMethod]? {
        let components = path.split(separator: "/").map(String.init)
        guard !components.isEmpty else { return root }
        var parameters = Parameters()
        return router.route(path: components, parameters: &parameters)
    }
}

extension Application {
    /// Set once all routes are registered (`routes(_:)`).
    var routeMethods: RouteMethods {
        get { storage[RouteMethodsKey.self] ?? RouteMethods([]) }
        set { storage[RouteMethodsKey.self] = newValue }
    }

    private struct RouteMethodsKey: StorageKey {
        typealias Value = RouteMethods
    }
}
