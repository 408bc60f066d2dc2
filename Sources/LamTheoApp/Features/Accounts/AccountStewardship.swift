import Fluent
import LamTheoCore

/// Who looks after an account (resets its password, deactivates and reactivates it): an administrator any
/// account; a manager an account whose roles all lie inside the subtrees where the manager gives roles, so that a
/// ward's manager never locks out a city officer or another ward's secretary. An account with an administrator's
/// role, or with no role at all, is the administrators' alone.
enum AccountStewardship {
    /// - Parameter places: where each of the account's roles lies; nil for a role with no place (an administrator's).
    static func looksAfter(places: [TreePath?], actor: Actor) -> Bool {
        if actor.isAdministrator { return true }
        return !places.isEmpty && places.allSatisfy { $0.map { actor.can(.delegate, at: $0) } ?? false }
    }

    /// The roles that count: not revoked, and in force now or still to come (a deputy's ended stand-in does not).
    static func counts(_ grant: RoleGrant, today: CalendarDate) -> Bool {
        grant.revokedAt == nil && (grant.endsOn.map { today <= $0 } ?? true)
    }

    static func looksAfter(_ userId: Int, actor: Actor, on db: any Database) async throws -> Bool {
        if actor.isAdministrator { return true }
        let today = CalendarDate.today()
        let grants = try await RoleGrant.query(on: db).filter(\.$userId == userId).filter(\.$revokedAt == nil).all()
            .filter { counts($0, today: today) }
        let places = try await Places.of(grants, on: db)
        return looksAfter(places: grants.map(places.of), actor: actor)
    }

    /// Where roles lie: an officer's or secretary's unit, a member's cell (their current one).
    struct Places: Sendable {
        let units: [Int: TreePath]
        let cells: [Int: TreePath]

        static func of(_ grants: [RoleGrant], on db: any Database) async throws -> Places {
            let units = try await Organization.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.organizationId))).all()
            let members = try await Member.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.memberId))).all()
            return Places(units: Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.treePath) }),
                          cells: Dictionary(uniqueKeysWithValues: members.compactMap { member in
                              TreePath(rawValue: member.organizationPath).map { (member.id!, $0) }
                          }))
        }

        func of(_ grant: RoleGrant) -> TreePath? {
            grant.organizationId.flatMap { units[$0] } ?? grant.memberId.flatMap { cells[$0] }
        }
    }
}
