import Fluent
import LamTheoCore
import Vapor

/// A document rolled out to a subtree for a period (đợt triển khai), possibly as the year's topic.
final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "document_id") var documentId: Int
    /// The launching unit; the campaign covers its whole subtree.
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "title") var title: String
    @Field(key: "title_search") var titleSearch: String
    @Field(key: "starts_on") var startsOn: CalendarDate
    @Field(key: "ends_on") var endsOn: CalendarDate
    /// The year this campaign is the year's topic (chuyên đề năm) for, if it is one.
    @OptionalField(key: "topic_year") var topicYear: Int?
    /// Members submit their reflection by this date.
    @OptionalField(key: "reflection_due_on") var reflectionDueOn: CalendarDate?
    /// The grades a cell gives reflections, best first, separated by "|" (e.g. "Tốt|Khá|Đạt|Chưa đạt").
    @Field(key: "grading_scale") var gradingScale: String
    /// Whether work after a deadline (a reflection, a unit's submission) is still taken, marked late, or refused.
    @Field(key: "accepts_late_work") var acceptsLateWork: Bool
    @Field(key: "status") var status: CampaignStatus
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
    var grades: [String] { gradingScale.split(separator: "|").map(String.init) }
}

enum CampaignStatus: String, Codable, Sendable, CaseIterable {
    case active
    case closed
}

/// What a campaign asks of every unit of some kinds below it: one requirement becomes one obligation
/// per such unit.
final class CampaignRequirement: Model, @unchecked Sendable {
    static let schema = "campaign_requirements"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "kind") var kind: RequirementKind
    @Field(key: "title") var title: String
    @Field(key: "due_on") var dueOn: CalendarDate
    /// For `.studySessions`: how many sessions each unit must hold.
    @OptionalField(key: "minimum_sessions") var minimumSessions: Int?

    init() {}
}

/// A kind of unit that receives a requirement (every grassroots committee, every cell…).
final class CampaignRequirementKind: Model, @unchecked Sendable {
    static let schema = "campaign_requirement_kinds"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "requirement_id") var requirementId: Int
    @Field(key: "kind_code") var kindCode: String

    init() {}
}

enum RequirementKind: String, Codable, Sendable, CaseIterable {
    /// Issue the unit's own implementation plan (cụ thể hóa), itself a Document implementing the campaign's.
    case plan
    /// Hold at least N study sessions; fulfilled by the sessions recorded, not by a submission.
    case studySessions = "study_sessions"
    /// Report on the campaign by a date.
    case report

    var label: LocalizedText {
        switch self {
        case .plan: return LocalizedText(vi: "Ban hành kế hoạch thực hiện", en: "Issue an implementation plan")
        case .studySessions: return LocalizedText(vi: "Tổ chức học tập, quán triệt", en: "Hold study sessions")
        case .report: return LocalizedText(vi: "Báo cáo kết quả", en: "Report on the results")
        }
    }
}

/// One unit's share of a campaign: a requirement, a due date and where it stands.
final class Obligation: Model, @unchecked Sendable {
    static let schema = "obligations"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "requirement_id") var requirementId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "due_on") var dueOn: CalendarDate
    @OptionalField(key: "extended_until") var extendedUntil: CalendarDate?
    @OptionalField(key: "extension_reason") var extensionReason: String?
    @Field(key: "state") var state: ObligationState
    /// How many times the unit has submitted (1 = first submission, 2 = first resubmission…).
    @Field(key: "submission_count") var submissionCount: Int
    /// The evidence: for a plan, the unit's own plan Document.
    @OptionalField(key: "evidence_document_id") var evidenceDocumentId: Int?
    /// For `.handedOver`: the unit that carries the work on.
    @OptionalField(key: "handed_over_to_id") var handedOverToId: Int?
    /// Whether the latest submission came after the due date (or the extension).
    @Field(key: "submitted_late") var submittedLate: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func status(today: CalendarDate) -> ObligationStatus {
        ObligationStatus(state: state, dueOn: dueOn, extendedUntil: extendedUntil, today: today)
    }

    func daysLate(today: CalendarDate) -> Int {
        ObligationStatus.daysLate(dueOn: dueOn, extendedUntil: extendedUntil, today: today)
    }
}

/// One submission of an obligation and its review: numbered, so resubmissions after a return are kept.
final class ObligationSubmission: Model, @unchecked Sendable {
    static let schema = "obligation_submissions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "obligation_id") var obligationId: Int
    @Field(key: "number") var number: Int
    @Field(key: "submitted_on") var submittedOn: CalendarDate
    @OptionalField(key: "document_id") var documentId: Int?
    @OptionalField(key: "note") var note: String?
    /// Sent after the due date (or the extension); a resubmission after a return never is.
    @Field(key: "late") var late: Bool
    /// nil while waiting for review; then `accepted` or `returned`.
    @OptionalField(key: "outcome") var outcome: ObligationState?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "reviewed_on") var reviewedOn: CalendarDate?

    init() {}
}
