import Fluent
import LamTheoCore

extension AccountShow {
    enum Query {
        /// The account, when `actor` looks after it; not found otherwise.
        static func run(_ userId: Int, actor: Actor, on db: any Database) async throws -> Model {
            let user = try await AccountCommands.accountLookedAfter(userId, by: actor, on: db)
            let access = try await AccountQueries.liveAccess(of: userId, on: db)
            return Model(id: userId, username: user.username, displayName: user.displayName, isActive: user.isActive,
                         mustChangePassword: user.mustChangePassword, passwordChangedAt: user.passwordChangedAt,
                         roles: try await AccountQueries.roleLines(of: userId, on: db), sessions: access.sessions, tokens: access.tokens,
                         changes: try await AuditPages.history(of: User.auditEntity, key: userId, on: db))
        }
    }
}
