import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// The rules for personal data: who may see a member's ID number, phone, address and date of birth,
/// and the log of every view and export of them.
enum PersonalData {
    /// Those whose scope covers the member's cell, and the member themself.
    static func visible(_ member: Member, to actor: Actor) -> Bool {
        actor.memberId == member.id || TreePath(rawValue: member.organizationPath).map { actor.can(.read, at: $0) } == true
    }

    /// Records that `request`'s caller saw personal data: one member (`memberId`), the members of a list, search
    /// or export (`memberIds`, kept in one row as `,12,40,57,`), or a list of `count` not named.
    /// The log is not the audit trail: it records reads, not changes, and is kept apart so that reading
    /// never contends with the audit chain.
    static func logView(_ what: String, memberId: Int? = nil, memberIds: [Int]? = nil, count: Int = 1, request: Request) async throws {
        let count = memberIds?.count ?? count
        guard let actor = request.actor, count > 0 else { return }
        let view = PersonalDataView()
        view.viewedAt = Date()
        view.userId = actor.userId
        view.username = actor.username
        view.what = what
        view.memberId = memberId
        view.memberIds = memberIds.map(idList)
        view.count = count
        view.ip = request.remoteAddress?.ipAddress
        _ = try await request.application.writeBookkeeping { try await view.create(on: $0) }
    }

    /// `,12,40,57,`: every id between commas, so that one `LIKE '%,40,%'` finds a member.
    static func idList(_ ids: [Int]) -> String {
        "," + ids.map(String.init).joined(separator: ",") + ","
    }

    /// Every view of the member's personal data, oldest first: of the member alone, and of lists, searches and
    /// exports that showed them. (A scan of the log's list rows: an administrator's question, not a page's.)
    static func viewers(of memberId: Int, on db: any Database) async throws -> [PersonalDataView] {
        try await PersonalDataView.query(on: db)
            .group(.or) { $0.filter(\.$memberId == memberId).filter(\.$memberIds, .contains(inverse: false, .anywhere), idList([memberId])) }
            .sort(\.$id).all()
    }
}

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
        _ = try await MemberQueries.require(id, on: request.db)
        return try await PersonalData.viewers(of: id, on: request.db).map {
            ViewerDTO(viewedAt: $0.viewedAt, userId: $0.userId, username: $0.username, what: $0.what, count: $0.count, ip: $0.ip)
        }
    }
}
