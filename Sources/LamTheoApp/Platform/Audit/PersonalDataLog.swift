import Fluent
import Foundation
import Vapor

/// One view or export of personal data (Law 91/2025/QH15): who saw what, when, from where.
final class PersonalDataView: Model, @unchecked Sendable {
    static let schema = "personal_data_views"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "viewed_at") var viewedAt: Date
    @Field(key: "user_id") var userId: Int
    @Field(key: "username") var username: String
    /// `member.page`, `member.api`, `member.list.api`, `member.export`…
    @Field(key: "what") var what: String
    /// The member shown, or nil for a list (then `count` says how many).
    @OptionalField(key: "member_id") var memberId: Int?
    /// The members a list, search or export showed, as `,12,40,57,` (migration 023); nil for one member and for
    /// lists logged before.
    @OptionalField(key: "member_ids") var memberIds: String?
    @Field(key: "count") var count: Int
    @OptionalField(key: "ip") var ip: String?

    init() {}
}

/// The log of every view and export of members' personal data (ID number, phone, address, date of
/// birth), kept beside the audit trail: features that show personal data log it here.
enum PersonalDataLog {
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
        view.ip = request.clientAddress
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
