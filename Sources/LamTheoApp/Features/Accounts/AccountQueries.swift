import Fluent
import Foundation
import LamTheoCore

enum AccountQueries {
    struct GrantRow: Sendable {
        let grant: RoleGrant
        let user: User
        let unitName: String?
        /// Whether the reader looks after the account (`AccountStewardship`): its page is theirs to open.
        let looksAfterAccount: Bool
    }

    /// Grants not revoked, each with its account, limited to the caller's scope (all for administrators).
    static func grants(visibleTo actor: Actor, on db: any Database) async throws -> [GrantRow] {
        let grants = try await RoleGrant.query(on: db).filter(\.$revokedAt == nil).sort(\.$id).all()
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(grants.map(\.userId))).all().map { ($0.requireID(), $0) })
        let units = Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.organizationId))).all()
            .map { ($0.requireID(), $0) })
        let places = try await AccountStewardship.Places.of(grants, on: db)
        let today = CalendarDate.today()
        let placesByUser = Dictionary(grouping: grants.filter { AccountStewardship.counts($0, today: today) }, by: \.userId)
            .mapValues { $0.map(places.of) }
        return grants.compactMap { grant in
            guard let user = users[grant.userId] else { return nil }
            guard actor.isAdministrator || places.of(grant).map({ actor.can(.delegate, at: $0) }) == true else { return nil }
            let looksAfter = user.id != actor.userId && AccountStewardship.looksAfter(places: placesByUser[grant.userId] ?? [], actor: actor)
            return GrantRow(grant: grant, user: user, unitName: grant.organizationId.flatMap { units[$0]?.name }, looksAfterAccount: looksAfter)
        }
    }

    /// The account's browser sessions and API tokens in force.
    static func liveAccess(of userId: Int, on db: any Database) async throws -> (sessions: Int, tokens: Int) {
        let now = Date()
        return (try await UserSession.query(on: db).filter(\.$userId == userId).filter(\.$expiresAt > now).count(),
                try await APIToken.query(on: db).filter(\.$userId == userId).filter(\.$revokedAt == nil).filter(\.$expiresAt > now).count())
    }

    /// The account's roles that count (in force or to come), each with its unit's name, as lines such as
    /// "Cán bộ · quản lý — Thành ủy Hồ Chí Minh".
    static func roleLines(of userId: Int, on db: any Database) async throws -> [RoleLine] {
        let today = CalendarDate.today()
        let grants = try await RoleGrant.query(on: db).filter(\.$userId == userId).filter(\.$revokedAt == nil).sort(\.$id).all()
            .filter { AccountStewardship.counts($0, today: today) }
        let units = Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.organizationId))).all()
            .map { ($0.requireID(), $0.name) })
        return grants.map { RoleLine(role: $0.role, level: $0.level, unitName: $0.organizationId.flatMap { units[$0] }, startsOn: $0.startsOn, endsOn: $0.endsOn) }
    }
}

/// A role as an account's pages show it.
struct RoleLine: Sendable, Hashable {
    let role: Role
    let level: OfficerLevel?
    let unitName: String?
    let startsOn: CalendarDate
    let endsOn: CalendarDate?

    func text(_ language: UILanguage) -> String {
        role.label(language) + (level.map { " · " + $0.label(language) } ?? "") + (unitName.map { " — " + $0 } ?? "")
            + (endsOn.map { LocalizedText(vi: " (đến hết \($0.vietnamese))", en: " (until \($0.vietnamese))")(language) } ?? "")
    }
}
