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

    /// One page of the access list: grants not revoked, newest first, limited to where the caller gives roles (all for
    /// administrators) — officers' roles by their unit, members' accounts by their cell —, optionally to one role.
    /// Paged by id (`before`: the last id of the previous page) and never counted: at national scale there are millions
    /// of members' accounts, and an offset or a total would read them all.
    static func grants(visibleTo actor: Actor, role: Role?, before: Int?, limit: Int, on db: any Database) async throws -> GrantPage {
        var query = RoleGrant.query(on: db)
            .join(Organization.self, on: \RoleGrant.$organizationId == \Organization.$id, method: .left)
            .join(Member.self, on: \RoleGrant.$memberId == \Member.$id, method: .left)
            .filter(\.$revokedAt == nil)
        if let role { query = query.filter(\.$role == role) }
        if let before { query = query.filter(\.$id < before) }
        if !actor.isAdministrator {
            let subtrees = actor.grants.filter { $0.allowsSomewhere(.delegate) }.compactMap(\.scope)
            guard !subtrees.isEmpty else { return GrantPage(rows: [], before: nil) }
            query = query.group(.or) { place in
                for subtree in subtrees {
                    place.group(.and) { $0.filter(Organization.self, \.$path >= subtree.rawValue).filter(Organization.self, \.$path < subtree.upperBound) }
                    place.group(.and) { $0.filter(Member.self, \.$organizationPath >= subtree.rawValue).filter(Member.self, \.$organizationPath < subtree.upperBound) }
                }
            }
        }
        let grants = try await query.sort(\.$id, .descending).limit(limit).all()
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(grants.map(\.userId))).all().map { ($0.requireID(), $0) })
        let unitNames = grants.reduce(into: [Int: String]()) { names, grant in
            if let unit = try? grant.joined(Organization.self) { names[unit.requireID()] = unit.name }
        }
        // Whether the caller looks after each account depends on all its roles, not only those on this page.
        let userIds = Set(grants.map(\.userId))
        let theirGrants = try await RoleGrant.query(on: db).filter(\.$userId ~~ userIds).filter(\.$revokedAt == nil).all()
        let places = try await AccountStewardship.Places.of(theirGrants, on: db)
        let today = CalendarDate.today()
        let placesByUser = Dictionary(grouping: theirGrants.filter { AccountStewardship.counts($0, today: today) }, by: \.userId)
            .mapValues { $0.map(places.of) }
        let rows = grants.compactMap { grant -> GrantRow? in
            guard let user = users[grant.userId] else { return nil }
            guard actor.isAdministrator || places.of(grant).map({ actor.can(.delegate, at: $0) }) == true else { return nil }
            let looksAfter = user.id != actor.userId && AccountStewardship.looksAfter(places: placesByUser[grant.userId] ?? [], actor: actor)
            return GrantRow(grant: grant, user: user, unitName: grant.organizationId.flatMap { unitNames[$0] }, looksAfterAccount: looksAfter)
        }
        return GrantPage(rows: rows, before: grants.count == limit ? grants.last?.id : nil)
    }

    /// A page of the access list and where the next one starts (nil: this is the last).
    struct GrantPage: Sendable {
        let rows: [GrantRow]
        let before: Int?
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
