import Fluent
import Foundation
import LamTheoCore

/// A follow-up task (nhiệm vụ sau kết luận, kiến nghị): what an origin — a briefing's conclusion point, an
/// inspection's recommendation, an exemplar's replication — asks of one owner unit, with the person or role
/// responsible, the evidence required and a deadline. The issuer (the unit whose body set it) reviews the
/// owner's reports; its log is `FollowUpEvent`.
final class FollowUpTask: Model, @unchecked Sendable {
    static let schema = "follow_up_tasks"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// A registered `FollowUpOrigin`'s kind ("briefing", "inspection") and the id of the record within it.
    @Field(key: "origin_kind") var originKind: String
    @Field(key: "origin_id") var originId: Int
    /// Where it comes from, in words, as the origin named it: "Kết luận Hội nghị giao ban quý IV/2026, điểm 2".
    @Field(key: "origin_label") var originLabel: String
    @Field(key: "issuer_organization_id") var issuerOrganizationId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "title") var title: String
    /// A person or a role: "Bí thư Đảng ủy phường", "Đồng chí Trần Văn An".
    @Field(key: "responsible") var responsible: String
    @OptionalField(key: "required_evidence") var requiredEvidence: String?
    @Field(key: "due_on") var dueOn: CalendarDate
    @OptionalField(key: "extended_until") var extendedUntil: CalendarDate?
    @Field(key: "state") var state: FollowUpState
    /// Reports sent so far: a report after a return is the next one.
    @Field(key: "report_count") var reportCount: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
    /// The deadline in force: the extension's, if any.
    var deadline: CalendarDate { extendedUntil ?? dueOn }

    func status(today: CalendarDate) -> FollowUpStatus {
        FollowUpStatus(state: state, dueOn: deadline, today: today)
    }
}

/// What happened to a task, dated: issued, reported (with its evidence), accepted, returned (with the
/// reason), extended (until, with the reason), cancelled (with the reason), handed over with a merged unit.
enum FollowUpAction: String, Codable, Sendable, CaseIterable {
    case issued
    case reported
    case accepted
    case returned
    case extended
    case cancelled
    case handedOver = "handed_over"

    var label: LocalizedText {
        switch self {
        case .issued: return LocalizedText(vi: "Giao nhiệm vụ", en: "Issued")
        case .reported: return LocalizedText(vi: "Báo cáo kết quả", en: "Reported")
        case .accepted: return LocalizedText(vi: "Công nhận hoàn thành", en: "Accepted")
        case .returned: return LocalizedText(vi: "Trả lại", en: "Returned")
        case .extended: return LocalizedText(vi: "Gia hạn", en: "Extended")
        case .cancelled: return LocalizedText(vi: "Hủy nhiệm vụ", en: "Cancelled")
        case .handedOver: return LocalizedText(vi: "Chuyển cho đơn vị hợp nhất", en: "Handed over with a merger")
        }
    }
}

final class FollowUpEvent: Model, @unchecked Sendable {
    static let schema = "follow_up_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "task_id") var taskId: Int
    @Field(key: "action") var action: FollowUpAction
    @Field(key: "on_date") var onDate: CalendarDate
    /// Who did it, as the audit trail names them.
    @OptionalField(key: "actor") var actor: String?
    @OptionalField(key: "note") var note: String?
    /// A report's evidence, when it is a registered document.
    @OptionalField(key: "document_id") var documentId: Int?
    /// An extension's new deadline.
    @OptionalField(key: "until") var until: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    convenience init(task: Int, _ action: FollowUpAction, on day: CalendarDate, by actor: String?, note: String? = nil,
                     document: Int? = nil, until: CalendarDate? = nil) {
        self.init()
        taskId = task
        self.action = action
        onDate = day
        self.actor = actor
        self.note = note
        documentId = document
        self.until = until
    }
}

extension FollowUpTask: Auditable {
    static var auditEntity: String { "follow-up" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "issuerOrganizationId": String(issuerOrganizationId), "origin": originLabel, "title": title,
         "responsible": responsible, "requiredEvidence": requiredEvidence, "dueOn": dueOn.iso, "extendedUntil": extendedUntil?.iso,
         "state": state.rawValue, "reportCount": String(reportCount)]
    }
}
