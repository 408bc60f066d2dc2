import Fluent
import Foundation
import LamTheoCore
import SQLKit

enum AccountQueries {
    struct GrantRow: Sendable {
        let grant: RoleGrant
        let user: User
        let unitName: String?
        /// Whether the reader looks after the account (`AccountStewardship`): its page is theirs to open.
        let looksAfterAccount: Bool
    }

    /// One page of the access list: grants not revoked, newest first, limited to where the caller gives roles (all for
    /// administrators) — officers' roles by their unit, members' accounts by their cell, both the grant's place path —,
    /// optionally to one role. Paged by id (`before`: the last id of the previous page) and never counted: at national
    /// scale there are millions of members' accounts, and an offset or a total would read them all.
    static func grants(visibleTo actor: Actor, role: Role?, before: Int?, limit: Int, on db: any Database) async throws -> GrantPage {
        var conditions: [SQLQueryString] = ["g.revoked_at IS NULL"]
        if let role { conditions.append("g.role = \(bind: role.rawValue)") }
        if let before { conditions.append("g.id < \(bind: before)") }
        var order: SQLQueryString = "g.id DESC"
        if !actor.isAdministrator {
            let subtrees = actor.grants.filter { $0.allowsSomewhere(.delegate) }.compactMap(\.scope)
            guard !subtrees.isEmpty else { return GrantPage(rows: [], before: nil) }
            // At the root nearly every grant is in scope: walk them newest first (the place is read as an expression,
            // which no index serves). Below it the scope's grants are one range of `role_grants_place`, read and sorted:
            // `id + 0` keeps both planners from walking newest first, as they would believing a scope's grants spread
            // evenly among the newest — a province's may all be old (3 s).
            let atRoot = subtrees.contains { $0.depth == 0 }
            let place = atRoot ? "(g.organization_path || '')" : "g.organization_path"
            conditions.append("(" + subtrees.map { "\(column: place, in: $0)" as SQLQueryString }.joined(separator: " OR ") + ")")
            if !atRoot { order = "g.id + 0 DESC" }
        }
        let ids = try await db.sql.raw("""
            SELECT g.id AS id FROM role_grants g WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let grants = try await RoleGrant.query(on: db).filter(\.$id ~~ ids).sort(\.$id, .descending).all()
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(grants.map(\.userId))).all().map { ($0.requireID(), $0) })
        let unitNames = try await OrganizationQueries.names(grants.compactMap(\.organizationId), on: db)
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
        return GrantPage(rows: rows, before: ids.count == limit ? ids.last : nil)
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
