import Fluent
import LamTheoCore

enum AccountQueries {
    struct GrantRow: Sendable {
        let grant: RoleGrant
        let user: User
        let unitName: String?
    }

    /// Grants not revoked, each with its account, limited to the caller's scope (all for administrators).
    static func grants(visibleTo actor: Actor, on db: any Database) async throws -> [GrantRow] {
        let grants = try await RoleGrant.query(on: db).filter(\.$revokedAt == nil).sort(\.$id).all()
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(grants.map(\.userId))).all().map { ($0.requireID(), $0) })
        let units = Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.organizationId))).all()
            .map { ($0.requireID(), $0) })
        let memberCells = Dictionary(uniqueKeysWithValues: try await Member.query(on: db).filter(\.$id ~~ Set(grants.compactMap(\.memberId))).all()
            .map { ($0.requireID(), TreePath(rawValue: $0.organizationPath)) })
        return grants.compactMap { grant in
            guard let user = users[grant.userId] else { return nil }
            let unit = grant.organizationId.flatMap { units[$0] }
            let place = unit?.treePath ?? grant.memberId.flatMap { memberCells[$0] ?? nil }
            guard actor.isAdministrator || place.map({ actor.can(.delegate, at: $0) }) == true else { return nil }
            return GrantRow(grant: grant, user: user, unitName: unit?.name)
        }
    }
}
