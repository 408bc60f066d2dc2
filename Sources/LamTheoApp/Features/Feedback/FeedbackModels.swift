import Fluent
import Foundation
import LamTheoCore

/// What a citizen's feedback is about: a fixed list, and "other" with the sender's own words.
enum FeedbackTopic: String, Codable, Sendable, CaseIterable {
    case partyBuilding = "party-building"
    case members
    case administration
    case landAndHousing = "land-housing"
    case socialWelfare = "social-welfare"
    case environment
    case other

    var label: LocalizedText {
        switch self {
        case .partyBuilding: return LocalizedText(vi: "Công tác xây dựng Đảng", en: "Party building")
        case .members: return LocalizedText(vi: "Cán bộ, đảng viên", en: "Officers and members")
        case .administration: return LocalizedText(vi: "Thủ tục hành chính", en: "Administrative procedures")
        case .landAndHousing: return LocalizedText(vi: "Đất đai, nhà ở", en: "Land and housing")
        case .socialWelfare: return LocalizedText(vi: "An sinh xã hội", en: "Social welfare")
        case .environment: return LocalizedText(vi: "Môi trường, đô thị", en: "Environment and the city")
        case .other: return LocalizedText(vi: "Khác", en: "Other")
        }
    }
}

/// Where a feedback item stands: received → acknowledged → forwarded → answered (or rejected with a reason) →
/// published (only with the sender's consent).
enum FeedbackState: String, Codable, Sendable, CaseIterable {
    case received
    case acknowledged
    case forwarded
    case answered
    case rejected
    case published

    /// Still waiting for its answer: counted as open, and overdue once past its deadline.
    static let open: [FeedbackState] = [.received, .acknowledged, .forwarded]

    var isOpen: Bool { Self.open.contains(self) }

    var label: LocalizedText {
        switch self {
        case .received: return LocalizedText(vi: "Đã tiếp nhận", en: "Received")
        case .acknowledged: return LocalizedText(vi: "Đã xác nhận, đang xem xét", en: "Acknowledged")
        case .forwarded: return LocalizedText(vi: "Đã chuyển đơn vị giải quyết", en: "Forwarded")
        case .answered: return LocalizedText(vi: "Đã trả lời", en: "Answered")
        case .rejected: return LocalizedText(vi: "Không thụ lý", en: "Rejected")
        case .published: return LocalizedText(vi: "Đã công khai trả lời", en: "Answer published")
        }
    }
}

/// A citizen's opinion or petition (ý kiến, kiến nghị) sent to a committee, routed to the unit responsible and
/// answered by a deadline. The sender's contact details are personal data: shown only within scope, every view
/// logged, erased on request (`contactErasedOn`) while the record and its figures stay.
final class Feedback: Model, @unchecked Sendable {
    static let schema = "feedback"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "site_organization_id") var siteOrganizationId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "topic") var topic: FeedbackTopic
    @OptionalField(key: "topic_other") var topicOther: String?
    @Field(key: "content") var content: String
    @OptionalField(key: "sender_name") var senderName: String?
    @OptionalField(key: "sender_address") var senderAddress: String?
    @OptionalField(key: "sender_phone") var senderPhone: String?
    @OptionalField(key: "sender_email") var senderEmail: String?
    @Field(key: "consents_to_publish") var consentsToPublish: Bool
    @Field(key: "state") var state: FeedbackState
    @Field(key: "received_on") var receivedOn: CalendarDate
    @Field(key: "answer_due_on") var answerDueOn: CalendarDate
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_on") var answeredOn: CalendarDate?
    @OptionalField(key: "rejection_reason") var rejectionReason: String?
    @OptionalField(key: "published_on") var publishedOn: CalendarDate?
    @OptionalField(key: "contact_erased_on") var contactErasedOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }

    /// The topic in words: the list's, or the sender's own for "other".
    var topicText: LocalizedText {
        topic == .other ? topicOther.map { LocalizedText(vi: $0, en: $0) } ?? topic.label : topic.label
    }

    func isOverdue(today: CalendarDate) -> Bool {
        state.isOpen && answerDueOn < today
    }
}

/// A file sent with a feedback item (PDF, DOCX, JPEG or PNG by its content), kept in the attachment store.
final class FeedbackAttachment: Model, @unchecked Sendable {
    static let schema = "feedback_attachments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "feedback_id") var feedbackId: Int
    @Field(key: "file_key") var fileKey: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// What happened to a feedback item, dated.
enum FeedbackAction: String, Codable, Sendable, CaseIterable {
    case received
    case acknowledged
    case forwarded
    case answered
    case rejected
    case published
    case contactErased = "contact_erased"

    var label: LocalizedText {
        switch self {
        case .received: return LocalizedText(vi: "Tiếp nhận", en: "Received")
        case .acknowledged: return LocalizedText(vi: "Xác nhận đã nhận", en: "Acknowledged")
        case .forwarded: return LocalizedText(vi: "Chuyển đơn vị giải quyết", en: "Forwarded")
        case .answered: return LocalizedText(vi: "Trả lời", en: "Answered")
        case .rejected: return LocalizedText(vi: "Không thụ lý", en: "Rejected")
        case .published: return LocalizedText(vi: "Công khai trả lời", en: "Published")
        case .contactErased: return LocalizedText(vi: "Xóa thông tin liên hệ theo yêu cầu", en: "Contact details erased on request")
        }
    }
}

final class FeedbackEvent: Model, @unchecked Sendable {
    static let schema = "feedback_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "feedback_id") var feedbackId: Int
    @Field(key: "action") var action: FeedbackAction
    @Field(key: "on_date") var onDate: CalendarDate
    @OptionalField(key: "actor") var actor: String?
    /// A forward's unit.
    @OptionalField(key: "organization_id") var organizationId: Int?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    convenience init(_ feedbackId: Int, _ action: FeedbackAction, on day: CalendarDate, by actor: String?, unit: Int? = nil, note: String? = nil) {
        self.init()
        self.feedbackId = feedbackId
        self.action = action
        onDate = day
        self.actor = actor
        organizationId = unit
        self.note = note
    }
}

/// The answer deadline a committee sets for feedback in its subtree (the nearest setting above a unit applies).
final class FeedbackSetting: Model, @unchecked Sendable {
    static let schema = "feedback_settings"

    @ID(custom: "organization_id", generatedBy: .user) var id: Int?
    @Field(key: "answer_days") var answerDays: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension Feedback: Auditable {
    static var auditEntity: String { "feedback" }
    /// The contact details are recorded as present or not, never their values: the trail outlives an erasure.
    var auditFields: [String: String?] {
        ["code": code, "organizationId": String(organizationId), "siteOrganizationId": String(siteOrganizationId), "topic": topic.rawValue,
         "state": state.rawValue, "answerDueOn": answerDueOn.iso, "answeredOn": answeredOn?.iso, "publishedOn": publishedOn?.iso,
         "consentsToPublish": String(consentsToPublish), "answerLength": answer.map { String($0.count) },
         "rejectionReason": rejectionReason, "contactErasedOn": contactErasedOn?.iso,
         "contact": [senderName, senderAddress, senderPhone, senderEmail].contains { $0 != nil } ? "present" : nil]
    }
}

extension FeedbackSetting: Auditable {
    static var auditEntity: String { "feedback-setting" }
    var auditFields: [String: String?] { ["organizationId": id.map(String.init), "answerDays": String(answerDays)] }
}
