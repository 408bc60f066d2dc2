import Fluent
import LamTheoCore
import Vapor

/// Finds who is calling: a bearer token (API) or the session cookie (browser), and the roles they hold
/// today. A presented token that is wrong, expired or revoked is refused outright.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let actor = try await ActorLoader.forToken(bearer.token, on: request.db) else {
                throw DomainError(.unauthorized, title: LocalizedText(vi: "Khóa truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                                                                       en: "The access token is invalid, expired or revoked"))
            }
            request.actor = actor
        } else if !request.isAPI, let session = request.cookies[SessionCookie.name]?.string {
            // The API accepts bearer tokens only: a browser's cookie never authorises an API call, so
            // another site cannot make one on a user's behalf.
            request.actor = try await ActorLoader.forSession(session, on: request.db)
        }
        return try await next.respond(to: request)
    }
}

enum ActorLoader {
    static func forToken(_ token: String, on db: any Database) async throws -> Actor? {
        guard let stored = try await APIToken.query(on: db).filter(\.$tokenHash == SecretToken.hash(token)).first(),
              stored.revokedAt == nil, stored.expiresAt > Date(),
              let user = try await User.find(stored.userId, on: db), user.isActive else { return nil }
        return try await actor(for: user, on: db)
    }

    static func forSession(_ token: String, on db: any Database) async throws -> Actor? {
        guard let session = try await UserSession.query(on: db).filter(\.$tokenHash == SecretToken.hash(token)).first(),
              session.expiresAt > Date(),
              let user = try await User.find(session.userId, on: db), user.isActive else { return nil }
        return try await actor(for: user, on: db)
    }

    /// The user with the grants in force today, each scope resolved to the unit's current path (so a
    /// scope follows its unit when the unit moves).
    static func actor(for user: User, on db: any Database) async throws -> Actor {
        let today = CalendarDate.today()
        let grants = try await RoleGrant.query(on: db).filter(\.$userId == user.requireID()).all().filter { $0.isInForce(on: today) }
        let unitIds = grants.compactMap(\.organizationId)
        let units = try await Organization.query(on: db).filter(\.$id ~~ unitIds).all()
        let paths = Dictionary(uniqueKeysWithValues: units.filter(\.isActive).map { ($0.requireID(), $0.treePath) })
        let resolved = grants.compactMap { grant -> Grant? in
            switch grant.role {
            case .officer, .secretary:
                // A grant on a unit that has since closed lapses with it.
                guard let id = grant.organizationId, let path = paths[id] else { return nil }
                return Grant(role: grant.role, scope: path, level: grant.level)
            case .administrator:
                return Grant(role: .administrator)
            case .member:
                return Grant(role: .member, memberId: grant.memberId)
            }
        }
        return Actor(userId: user.requireID(), username: user.username, displayName: user.displayName, grants: resolved)
    }
}
