import Fluent
import Foundation
import LamTheoCore

/// Where a reader's comment is: waiting for a moderator, shown under the article, or refused with a reason.
enum CommentStatus: String, Codable, Sendable, CaseIterable {
    case pending, approved, rejected

    var label: LocalizedText {
        switch self {
        case .pending: return LocalizedText(vi: "Chờ duyệt", en: "Pending")
        case .approved: return LocalizedText(vi: "Đã đăng", en: "Approved")
        case .rejected: return LocalizedText(vi: "Không đăng", en: "Rejected")
        }
    }
}

/// Whose answer an official answer is: the site's editorial board, or the Party committee itself.
enum AnswerVoice: String, Codable, Sendable, CaseIterable {
    case editorial, committee

    /// The heading readers see over the answer.
    var label: LocalizedText {
        switch self {
        case .editorial: return LocalizedText(vi: "Trả lời của Ban biên tập", en: "The editors' answer")
        case .committee: return LocalizedText(vi: "Trả lời của cấp ủy", en: "The committee's answer")
        }
    }
}

/// A reader's comment on a published article, held for moderation.
final class ArticleComment: Model, @unchecked Sendable {
    static let schema = "article_comments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "site_id") var siteId: Int
    @Field(key: "article_id") var articleId: Int
    @Field(key: "author_name") var authorName: String
    /// Never on a public page or in the public API; moderators see it, each view logged.
    @Field(key: "author_email") var authorEmail: String
    @Field(key: "content") var content: String
    @Field(key: "status") var status: CommentStatus
    @OptionalField(key: "rejection_reason") var rejectionReason: String?
    @OptionalField(key: "moderated_by") var moderatedBy: String?
    @OptionalField(key: "moderated_at") var moderatedAt: Date?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answer_voice") var answerVoice: AnswerVoice?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension ArticleComment: Auditable {
    static var auditEntity: String { "article-comment" }
    /// The e-mail is recorded as present, never its value: the trail is read by more people than the moderators.
    var auditFields: [String: String?] {
        ["articleId": String(articleId), "authorName": authorName, "email": "present", "contentLength": String(content.count),
         "status": status.rawValue, "rejectionReason": rejectionReason, "answerLength": answer.map { String($0.count) },
         "answerVoice": answerVoice?.rawValue]
    }
}
