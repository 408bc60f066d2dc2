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
        let app = request.application
        if let bearer = request.headers.bearerAuthorization {
            guard let token = try await ActorLoader.presented(bearer.token, .apiToken, app: app, on: request.db),
                  token.credential.admits(.apiToken) else {
                throw DomainError(.unauthorized, title: LocalizedText(vi: "Khóa truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                                                                       en: "The access token is invalid, expired or revoked"))
            }
            request.actor = token.actor
            try await LastSeen.note(token, app: app)
        } else if !request.isAPI, let secret = request.sentCookies[SessionCookie.name]?.string,
                  let session = try await ActorLoader.presented(secret, .browserSession, app: app, on: request.db),
                  session.credential.admits(.browserSession) {
            // The API accepts bearer tokens only: a browser's cookie never authorises an API call, so
            // another site cannot make one on a user's behalf.
            request.actor = session.actor
            request.browserSessionId = session.credential.id
            try await LastSeen.note(session, app: app)
            if session.credential.mustChangePassword, let detour = try PasswordChangeGate.detour(for: request) {
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

        /// Whether it lets its holder in now: not expired, the account open; a token also not revoked, nor held by an
        /// account whose password is a temporary one (its browser is let through, to the change-password form only).
        func admits(_ kind: Kind) -> Bool {
            guard expiresAt > Date(), isActive else { return false }
            switch kind {
            case .apiToken: return revokedAt == nil && !mustChangePassword
            case .browserSession: return true
            }
        }

        /// The row with its holder and the holder's grants (one row each, or one row without a grant), found by the
        /// secret's hash (`SecretToken.hash`).
        static func find(hash: String, _ kind: Kind, on db: any Database) async throws -> Credential? {
            let columns = kind.columns
            let rows = try await db.sql.raw("""
                SELECT s.id, s.expires_at, \(columns.revokedAt) AS revoked_at, \(columns.lastSeen) AS last_seen, u.id AS user_id, u.username,
                       u.display_name, u.is_active, u.must_change_password, g.role, g.level, g.member_id, o.path, o.status
                FROM \(columns.table) s JOIN users u ON u.id = s.user_id
                LEFT JOIN role_grants g ON g.user_id = u.id AND \(grantInForce(on: CalendarDate.today()))
                LEFT JOIN organizations o ON o.id = g.organization_id
                WHERE s.token_hash = \(bind: hash)
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

    /// The holder of `secret` and its credential, as read or as kept by this process since (`CallerCache`), whether or
    /// not the credential still lets them in (`Credential.admits`); nil when the secret matches nothing.
    static func presented(_ secret: String, _ kind: Credential.Kind, app: Application, on db: any Database) async throws -> CallerCache.Caller? {
        let cache = app.callers
        let generation = try await app.accessGeneration.follow(db) { cache.removeAll() }
        let key = CallerCache.Key(secretHash: SecretToken.hash(secret), kind: kind, day: .today())
        if let generation, let kept = cache.caller(key, generation: generation) { return kept }
        guard let credential = try await Credential.find(hash: key.secretHash, kind, on: db) else { return nil }
        let caller = CallerCache.Caller(key: key, actor: try await actor(holding: credential, on: db), credential: credential)
        if let generation { cache.keep(caller, readUnder: generation) }
        return caller
    }

    /// A token's holder, read afresh (a job acting for the one who queued it).
    static func forToken(_ token: String, on db: any Database) async throws -> Actor? {
        guard let stored = try await Credential.find(hash: SecretToken.hash(token), .apiToken, on: db), stored.admits(.apiToken) else { return nil }
        return try await actor(holding: stored, on: db)
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

    /// Writes the session's or token's last use when the stored one is stale, and lets the process's copy of the caller go
    /// (it holds the old time: it would be written again on every request until the copy expires).
    static func note(_ caller: CallerCache.Caller, app: Application) async throws {
        let credential = caller.credential
        guard isStale(credential.lastSeen) else { return }
        switch caller.key.kind {
        case .browserSession:
            _ = try await app.writeBookkeeping { try await UserSession.query(on: $0).filter(\.$id == credential.id).set(\.$lastSeenAt, to: Date()).update() }
        case .apiToken:
            _ = try await app.writeBookkeeping { try await APIToken.query(on: $0).filter(\.$id == credential.id).set(\.$lastUsedAt, to: Date()).update() }
        }
        app.callers.forget(caller.key)
    }
}
