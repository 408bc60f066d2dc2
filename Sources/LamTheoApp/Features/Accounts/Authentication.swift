import Fluent
import LamTheoCore
import SQLKit
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
            try await LastSeen.note(token: token, app: request.application)
        } else if !request.isAPI, let secret = request.cookies[SessionCookie.name]?.string,
                  let signedIn = try await ActorLoader.forSession(secret, on: request.db) {
            // The API accepts bearer tokens only: a browser's cookie never authorises an API call, so
            // another site cannot make one on a user's behalf.
            request.actor = signedIn.actor
            request.browserSessionId = signedIn.session.id
            try await LastSeen.note(session: signedIn.session, app: request.application)
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

/// Who presented a secret, read as plain columns in one query with the holder's grants: this runs on every request,
/// and decoding Fluent models (a reflection over every property of every row) was most of its time, then one query
/// more for the grants (SQLite parses every statement anew).
enum ActorLoader {
    /// A token's or a session's row, its holder's, and the holder's grants in force today.
    struct Credential: Sendable {
        let id: Int
        let expiresAt: Date
        let revokedAt: Date?
        /// When it was last used, kept to within `LastSeen.step`.
        let lastSeen: Date?
        let userId: Int
        let username: String
        let displayName: String
        let isActive: Bool
        let mustChangePassword: Bool
        let grants: [Grant]

        enum Kind {
            case apiToken, browserSession

            /// The table, and its columns of the last use and of the revocation (sessions are ended by deleting them).
            var columns: (table: SQLQueryString, lastSeen: SQLQueryString, revokedAt: SQLQueryString) {
                switch self {
                case .apiToken: return (SQLQueryString(APIToken.schema), "s.last_used_at", "s.revoked_at")
                case .browserSession: return (SQLQueryString(UserSession.schema), "s.last_seen_at", "NULL")
                }
            }
        }

        /// The row with its holder and the holder's grants (one row each, or one row without a grant), found by the
        /// secret's hash.
        static func find(_ secret: String, _ kind: Kind, on db: any Database) async throws -> Credential? {
            let columns = kind.columns
            let rows = try await db.sql.raw("""
                SELECT s.id, s.expires_at, \(columns.revokedAt) AS revoked_at, \(columns.lastSeen) AS last_seen, u.id AS user_id, u.username,
                       u.display_name, u.is_active, u.must_change_password, g.role, g.level, g.member_id, o.path, o.status
                FROM \(columns.table) s JOIN users u ON u.id = s.user_id
                LEFT JOIN role_grants g ON g.user_id = u.id AND \(grantInForce(on: CalendarDate.today()))
                LEFT JOIN organizations o ON o.id = g.organization_id
                WHERE s.token_hash = \(bind: SecretToken.hash(secret))
                """).all()
            guard let row = rows.first else { return nil }
            return Credential(id: try row.decode(column: "id", as: Int.self), expiresAt: try row.decode(column: "expires_at", as: Date.self),
                              revokedAt: try row.decode(column: "revoked_at", as: Date?.self), lastSeen: try row.decode(column: "last_seen", as: Date?.self),
                              userId: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                              displayName: try row.decode(column: "display_name", as: String.self),
                              isActive: try row.decode(column: "is_active", as: Bool.self),
                              mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
                              grants: try rows.compactMap(grant(in:)))
        }
    }

    /// A browser's session and who it belongs to.
    struct SignedInBrowser: Sendable {
        let actor: Actor
        let session: Credential
        var mustChangePassword: Bool { session.mustChangePassword }
    }

    static func forToken(_ token: String, on db: any Database) async throws -> Actor? {
        try await tokenHolder(token, on: db)?.actor
    }

    /// The token's row and its holder, when the token may be used.
    static func tokenHolder(_ token: String, on db: any Database) async throws -> (actor: Actor, token: Credential)? {
        guard let stored = try await Credential.find(token, .apiToken, on: db),
              stored.revokedAt == nil, stored.expiresAt > Date(), stored.isActive, !stored.mustChangePassword else { return nil }
        return (try await actor(holding: stored, on: db), stored)
    }

    static func forSession(_ token: String, on db: any Database) async throws -> SignedInBrowser? {
        guard let session = try await Credential.find(token, .browserSession, on: db),
              session.expiresAt > Date(), session.isActive else { return nil }
        return SignedInBrowser(actor: try await actor(holding: session, on: db), session: session)
    }

    /// The user with the grants in force today, each scope resolved to the unit's current path (so a
    /// scope follows its unit when the unit moves).
    static func actor(for user: User, on db: any Database) async throws -> Actor {
        let userId = user.requireID()
        let rows = try await db.sql.raw("""
            SELECT g.role, g.level, g.member_id, o.path, o.status FROM role_grants g LEFT JOIN organizations o ON o.id = g.organization_id
            WHERE g.user_id = \(bind: userId) AND \(grantInForce(on: CalendarDate.today()))
            """).all()
        return try await actor(userId: userId, username: user.username, displayName: user.displayName,
                               grants: try rows.compactMap(grant(in:)), on: db)
    }

    private static func actor(holding credential: Credential, on db: any Database) async throws -> Actor {
        try await actor(userId: credential.userId, username: credential.username, displayName: credential.displayName,
                        grants: credential.grants, on: db)
    }

    /// The user with `grants` and the read-only access lent for today (an inspection's team) on top of them.
    private static func actor(userId: Int, username: String, displayName: String, grants: [Grant], on db: any Database) async throws -> Actor {
        let lent = try await GrantLendings.grants(for: userId, today: CalendarDate.today(), on: db)
        return Actor(userId: userId, username: username, displayName: displayName, grants: grants + lent)
    }

    /// That the role grant `g` is in force on `day`.
    private static func grantInForce(on day: CalendarDate) -> SQLQueryString {
        "g.revoked_at IS NULL AND g.starts_on <= \(bind: day.iso) AND (g.ends_on IS NULL OR g.ends_on >= \(bind: day.iso))"
    }

    /// The grant of a row with its unit's path and status (`role`, `level`, `member_id`, `path`, `status`); nil for a
    /// row without one, and for a grant on a unit since closed, which lapses with it.
    private static func grant(in row: any SQLRow) throws -> Grant? {
        guard let role = try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)) else { return nil }
        switch role {
        case .officer, .secretary, .portalEditor:
            guard try row.decode(column: "status", as: String?.self) == OrganizationStatus.active.rawValue,
                  let path = try row.decode(column: "path", as: String?.self).flatMap(TreePath.init(rawValue:)) else { return nil }
            return Grant(role: role, scope: path, level: try row.decode(column: "level", as: String?.self).flatMap(OfficerLevel.init(rawValue:)))
        case .administrator:
            return Grant(role: .administrator)
        case .member:
            return Grant(role: .member, memberId: try row.decode(column: "member_id", as: Int?.self))
        }
    }
}

/// When a session or token was last used, for its owner's list. Bookkeeping, not a user's write (so not
/// audited), and written only when the stored time is older than `step`: reading pages stays reading.
enum LastSeen {
    static let step: TimeInterval = 5 * 60

    static func isStale(_ seen: Date?) -> Bool {
        seen.map { -$0.timeIntervalSinceNow >= step } ?? true
    }

    static func note(session: ActorLoader.Credential, app: Application) async throws {
        guard isStale(session.lastSeen) else { return }
        _ = try await app.writeBookkeeping { try await UserSession.query(on: $0).filter(\.$id == session.id).set(\.$lastSeenAt, to: Date()).update() }
    }

    static func note(token: ActorLoader.Credential, app: Application) async throws {
        guard isStale(token.lastSeen) else { return }
        _ = try await app.writeBookkeeping { try await APIToken.query(on: $0).filter(\.$id == token.id).set(\.$lastUsedAt, to: Date()).update() }
    }
}
