import Fluent
import LamTheoCore
import Vapor

/// Finds who is calling: a bearer token (API) or the session cookie (browser), and the roles they hold
/// today. A presented token that is wrong, expired or revoked is refused outright. A browser signed in with a
/// temporary password is let through to the change-password form only (`PasswordChangeGate`).
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A public page is the same for everyone: it never learns who asks.
        if request.ignoresCaller { return try await next.respond(to: request) }
        if let bearer = request.headers.bearerAuthorization {
            guard let (actor, token) = try await ActorLoader.tokenHolder(bearer.token, on: request.db) else {
                throw DomainError(.unauthorized, title: LocalizedText(vi: "Khóa truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                                                                       en: "The access token is invalid, expired or revoked"))
            }
            request.actor = actor
            try await LastSeen.note(token, app: request.application)
        } else if !request.isAPI, let secret = request.cookies[SessionCookie.name]?.string,
                  let signedIn = try await ActorLoader.forSession(secret, on: request.db) {
            // The API accepts bearer tokens only: a browser's cookie never authorises an API call, so
            // another site cannot make one on a user's behalf.
            request.actor = signedIn.actor
            request.browserSessionId = signedIn.session.id
            try await LastSeen.note(signedIn.session, app: request.application)
            if signedIn.mustChangePassword, let detour = try PasswordChangeGate.detour(for: request) {
                return detour
            }
        }
        return try await next.respond(to: request)
    }
}

/// While an account's password is a temporary one (set by a manager's reset), its browser reaches the
/// change-password form, signing out and the public pages, nothing else: a page is redirected to the form,
/// any other request refused. (Its API tokens were all ended by the reset, and no new one is issued.)
enum PasswordChangeGate {
    static let message = LocalizedText(vi: "Bạn đang dùng mật khẩu tạm thời: hãy đặt mật khẩu mới trước khi làm việc khác",
                                       en: "You are using a temporary password: set a new one before anything else")

    static func detour(for request: Request) throws -> Response? {
        guard let route = request.route, route.policy != .everyone else { return nil }
        let path = route.path.map(\.description)
        let open = [AccountRoute.password, AccountRoute.signOut].contains { $0.pathComponents.map(\.description) == path }
        if open { return nil }
        if request.method == .GET {
            return request.redirect(to: AccountRoute.password.path)
        }
        throw DomainError(.forbidden, title: message)
    }
}

extension Request {
    /// The browser session the request came with: the one that stays when its owner changes the password or
    /// ends their other sessions. Nil for the API and for anonymous requests.
    var browserSessionId: Int? {
        get { storage[BrowserSessionKey.self] }
        set { storage[BrowserSessionKey.self] = newValue }
    }

    private struct BrowserSessionKey: StorageKey {
        typealias Value = Int
    }
}

enum ActorLoader {
    /// A browser's session and who it belongs to.
    struct SignedInBrowser: Sendable {
        let actor: Actor
        let session: UserSession
        let mustChangePassword: Bool
    }

    static func forToken(_ token: String, on db: any Database) async throws -> Actor? {
        try await tokenHolder(token, on: db)?.actor
    }

    /// The token's row and its holder, when the token may be used.
    /// The token and its holder are read in one query, as the session and its owner are: this runs on every request.
    static func tokenHolder(_ token: String, on db: any Database) async throws -> (actor: Actor, token: APIToken)? {
        guard let stored = try await APIToken.query(on: db).join(User.self, on: \APIToken.$userId == \User.$id)
                  .filter(\.$tokenHash == SecretToken.hash(token)).first(),
              stored.revokedAt == nil, stored.expiresAt > Date() else { return nil }
        let user = try stored.joined(User.self)
        guard user.isActive, !user.mustChangePassword else { return nil }
        return (try await actor(for: user, on: db), stored)
    }

    static func forSession(_ token: String, on db: any Database) async throws -> SignedInBrowser? {
        guard let session = try await UserSession.query(on: db).join(User.self, on: \UserSession.$userId == \User.$id)
                  .filter(\.$tokenHash == SecretToken.hash(token)).first(),
              session.expiresAt > Date() else { return nil }
        let user = try session.joined(User.self)
        guard user.isActive else { return nil }
        return SignedInBrowser(actor: try await actor(for: user, on: db), session: session, mustChangePassword: user.mustChangePassword)
    }

    /// The user with the grants in force today, each scope resolved to the unit's current path (so a
    /// scope follows its unit when the unit moves).
    static func actor(for user: User, on db: any Database) async throws -> Actor {
        let today = CalendarDate.today()
        // Each grant with its unit (none for an administrator's or a member's) in one query.
        let grants = try await RoleGrant.query(on: db).join(Organization.self, on: \RoleGrant.$organizationId == \Organization.$id, method: .left)
            .filter(\.$userId == user.requireID()).all().filter { $0.isInForce(on: today) }
        let resolved = grants.compactMap { grant -> Grant? in
            switch grant.role {
            case .officer, .secretary, .portalEditor:
                // A grant on a unit that has since closed lapses with it.
                guard let unit = try? grant.joined(Organization.self), unit.isActive else { return nil }
                return Grant(role: grant.role, scope: unit.treePath, level: grant.level)
            case .administrator:
                return Grant(role: .administrator)
            case .member:
                return Grant(role: .member, memberId: grant.memberId)
            }
        }
        // Read-only access lent for today (an inspection's team), on top of the roles held.
        let lent = try await GrantLendings.grants(for: user.requireID(), today: today, on: db)
        return Actor(userId: user.requireID(), username: user.username, displayName: user.displayName, grants: resolved + lent)
    }
}

/// When a session or token was last used, for its owner's list. Bookkeeping, not a user's write (so not
/// audited), and written only when the stored time is older than `step`: reading pages stays reading.
enum LastSeen {
    static let step: TimeInterval = 5 * 60

    static func isStale(_ seen: Date?) -> Bool {
        seen.map { -$0.timeIntervalSinceNow >= step } ?? true
    }

    static func note(_ session: UserSession, app: Application) async throws {
        guard isStale(session.lastSeenAt), let id = session.id else { return }
        _ = try await app.writeBookkeeping { try await UserSession.query(on: $0).filter(\.$id == id).set(\.$lastSeenAt, to: Date()).update() }
    }

    static func note(_ token: APIToken, app: Application) async throws {
        guard isStale(token.lastUsedAt), let id = token.id else { return }
        _ = try await app.writeBookkeeping { try await APIToken.query(on: $0).filter(\.$id == id).set(\.$lastUsedAt, to: Date()).update() }
    }
}
