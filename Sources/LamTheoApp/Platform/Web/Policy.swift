import Vapor

/// What a route requires of the caller. Every route declares one (deny by default: a route without a
/// policy is refused, and a test walks the route table to catch it).
///
/// Until accounts exist, LamTheo runs with one built-in administrator, so every policy below admits
/// every caller; the declarations are what the access-control layer will check.
public enum Policy: String, Sendable, CaseIterable {
    /// Static assets, the API description, health checks.
    case everyone
    case readOrganizations
    case manageOrganizations
    case readMembers
    case manageMembers
}

extension Route {
    public var policy: Policy? {
        userInfo[PolicyKey.name] as? Policy
    }

    @discardableResult
    public func requiring(_ policy: Policy) -> Route {
        userInfo[PolicyKey.name] = policy
        return self
    }
}

private enum PolicyKey {
    static let name = "lamtheo.policy"
}

/// Refuses any request whose route declared no policy. Requests that match no route fall through to 404.
struct PolicyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let route = request.route, route.policy == nil {
            throw Abort(.forbidden, reason: "This route declares no access policy.")
        }
        return try await next.respond(to: request)
    }
}
