import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// `GET /api/v1/members/{id}/viewers`: who has seen a member's personal data, for administrators.
enum PersonalDataAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(PrivacyRoute.viewers(member: .key), use: viewers).requiring(.administrator)
    }

    struct ViewerDTO: Content {
        let viewedAt: Date
        let userId: Int
        let username: String
        /// `member.page`, `member.api`, `member.list.api`, `member.export.csv`…
        let what: String
        /// How many members the view showed (1 for the member alone).
        let count: Int
        let ip: String?
    }

    static func viewers(request: Request) async throws -> [ViewerDTO] {
        let id = try request.id()
        _ = try await MemberQueries.require(id, on: request.reads)
        return try await PersonalDataLog.viewers(of: id, on: request.reads).map {
            ViewerDTO(viewedAt: $0.viewedAt, userId: $0.userId, username: $0.username, what: $0.what, count: $0.count, ip: $0.ip)
        }
    }
}
