import LamTheoCore
import Vapor

/// What a route requires of the caller. Every route declares one (deny by default: a route without a
/// policy is refused, and a test walks the route table to catch it). A policy decides whether the caller
/// may use the route at all; the handler then checks the record at hand against the caller's scope.
public enum Policy: Sendable, Hashable {
    /// Sign-in, the start page, the language switch, the API description: anyone, the caller read when there is one.
    case everyone
    /// The stylesheet and the health check: the same answer for anyone, so who asks is never read (as `publicSite`).
    case anonymous
    /// A page of a committee's public site: anyone, answered as to a stranger — no session or grant is read and no
    /// cookie is set, whoever asks (a test walks every such route as anonymous).
    case publicSite
    /// Any signed-in user.
    case signedIn
    /// A capability held somewhere in the tree (the record's place is checked by the handler).
    case capability(Capability)
    /// A user who is a member (their own record).
    case selfService
    /// System administrators only.
    case administrator

    /// Whether the route is answered without reading who asks: no session, token or grant is read, no cookie set.
    var ignoresCaller: Bool { self == .anonymous || self == .publicSite }

    func admits(_ actor: Actor) -> Bool {
        switch self {
        case .everyone, .anonymous, .publicSite, .signedIn: return true
        case .capability(let capability): return actor.canSomewhere(capability)
        case .selfService: return actor.memberId != nil
        case .administrator: return actor.isAdministrator
        }
    }
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

/// Applies each route's policy: no policy, refused; no caller where one is needed, 401 (or the sign-in
/// page for a browser); a caller the policy does not admit, 403. Requests that match no route fall
/// through to 404.
struct PolicyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else { return try await next.respond(to: request) }
        guard let policy = route.policy else {
            throw Abort(.forbidden, reason: "This route declares no access policy.")
        }
        if policy != .everyone, !policy.ignoresCaller {
            guard let actor = request.actor else {
                if !request.isAPI, request.method == .GET {
                    return request.redirect(to: request.application.navigation.signIn.path(query: ["next": request.url.string]))
                }
                throw Abort(.unauthorized)
            }
            guard policy.admits(actor) else { throw Abort(.forbidden) }
        }
        return try await next.respond(to: request)
    }
}
