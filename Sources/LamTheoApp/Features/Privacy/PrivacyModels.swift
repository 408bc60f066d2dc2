import Fluent
import LamTheoCore
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

/// A member's request to correct what LamTheo holds about them; it reaches their cell's secretary.
final class CorrectionRequest: Model, @unchecked Sendable {
    static let schema = "correction_requests"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    @Field(key: "text") var text: String
    @Field(key: "status") var status: String
    @OptionalField(key: "resolved_by") var resolvedBy: Int?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    static let open = "open"
    static let resolved = "resolved"
}

extension CorrectionRequest: Auditable {
    static var auditEntity: String { "correction_request" }

    var auditFields: [String: String?] {
        ["memberId": String(memberId), "text": text, "status": status, "resolvedBy": resolvedBy.map(String.init)]
    }
}
