import Fluent
import LamTheoCore
import Vapor

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
