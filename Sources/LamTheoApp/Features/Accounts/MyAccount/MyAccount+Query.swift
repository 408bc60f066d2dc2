import Fluent
import Foundation
import LamTheoCore

extension MyAccount {
    enum Query {
        /// - Parameter thisBrowser: the session the request came with, if it came from a browser.
        static func run(userId: Int, thisBrowser: Int?, on db: any Database) async throws -> Model {
            guard let user = try await User.find(userId, on: db) else {
                throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài khoản", en: "Account not found"))
            }
            return Model(username: user.username, displayName: user.displayName, roles: try await AccountQueries.roleLines(of: userId, on: db),
                         passwordChangedAt: user.passwordChangedAt,
                         sessions: try await sessions(of: userId, thisBrowser: thisBrowser, on: db), tokens: try await tokens(of: userId, on: db))
        }

        static func sessions(of userId: Int, thisBrowser: Int?, on db: any Database) async throws -> [SessionLine] {
            try await UserSession.query(on: db).filter(\.$userId == userId).filter(\.$expiresAt > Date()).all()
                .map { SessionLine(id: $0.id!, startedAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, expiresAt: $0.expiresAt, ip: $0.ip,
                                   userAgent: $0.userAgent, isThisBrowser: $0.id == thisBrowser) }
                .sorted { ($0.isThisBrowser ? 1 : 0, $0.lastSeenAt ?? .distantPast, $0.id) > ($1.isThisBrowser ? 1 : 0, $1.lastSeenAt ?? .distantPast, $1.id) }
        }

        static func tokens(of userId: Int, on db: any Database) async throws -> [TokenLine] {
            try await APIToken.query(on: db).filter(\.$userId == userId).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
                .sort(\.$id, .descending).all()
                .map { TokenLine(id: $0.id!, name: $0.name, createdAt: $0.createdAt, expiresAt: $0.expiresAt, lastUsedAt: $0.lastUsedAt) }
        }
    }
}
