import Fluent
import Foundation
import LamTheoCore

/// A thematic briefing (hội nghị giao ban chuyên đề): a committee meets the units it invites on a theme, with
/// a lead report, questions put to discussion and the units' contributions; the chair's conclusions become
/// follow-up tasks. Briefings of one committee with the same `series` form a sequence: each opens with the
/// state of the previous one's tasks.
final class Briefing: Model, @unchecked Sendable {
    static let schema = "briefings"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The convening committee: its editors create and run the briefing.
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "title") var title: String
    @Field(key: "theme") var theme: String
    @OptionalField(key: "campaign_id") var campaignId: Int?
    /// "Giao ban chuyên đề quý": briefings of the committee with the same words are one sequence.
    @OptionalField(key: "series") var series: String?
    @Field(key: "held_on") var heldOn: CalendarDate
    /// "08:00", local time.
    @OptionalField(key: "starts_at") var startsAt: String?
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "online_link") var onlineLink: String?
    /// One item a line (`BriefingLines`): the bridge points (điểm cầu), the agenda, the questions.
    @Field(key: "bridge_points") var bridgePointsText: String
    @Field(key: "agenda") var agendaText: String
    @Field(key: "questions") var questionsText: String
    /// The lead report (báo cáo đề dẫn), a registered document.
    @OptionalField(key: "lead_report_id") var leadReportId: Int?
    @Field(key: "contributions_due_on") var contributionsDueOn: CalendarDate
    @Field(key: "late_contributions_allowed") var lateContributionsAllowed: Bool
    /// The conclusion notice (thông báo kết luận, type TB), once registered.
    @OptionalField(key: "notice_document_id") var noticeDocumentId: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
    var bridgePoints: [String] { BriefingLines.items(bridgePointsText) }
    var agenda: [String] { BriefingLines.items(agendaText) }
    var questions: [String] { BriefingLines.items(questionsText) }
}

/// A unit invited to a briefing, in the committee's subtree.
final class BriefingUnit: Model, @unchecked Sendable {
    static let schema = "briefing_units"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "briefing_id") var briefingId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
}

/// A unit's contribution (tham luận): a summary and an optional file, marked late when it came after the
/// deadline the briefing allowed, and presented when the unit spoke to it at the meeting. A unit may send
/// more than one: each presented one is a turn (lượt).
final class BriefingContribution: Model, @unchecked Sendable {
    static let schema = "briefing_contributions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "briefing_id") var briefingId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_name") var evidenceName: String?
    @OptionalField(key: "evidence_type") var evidenceType: String?
    @Field(key: "submitted_on") var submittedOn: CalendarDate
    @Field(key: "late") var late: Bool
    @Field(key: "presented") var presented: Bool
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension BriefingContribution: EvidenceCarrying {}

/// One numbered point of the chair's conclusions.
final class BriefingConclusion: Model, @unchecked Sendable {
    static let schema = "briefing_conclusions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "briefing_id") var briefingId: Int
    @Field(key: "number") var number: Int
    @Field(key: "text") var text: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Which follow-up task a conclusion point became (one per owner unit).
final class BriefingConclusionTask: Model, @unchecked Sendable {
    static let schema = "briefing_conclusion_tasks"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "conclusion_id") var conclusionId: Int
    @Field(key: "task_id") var taskId: Int

    init() {}
}

extension Briefing: Auditable {
    static var auditEntity: String { "briefing" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "title": title, "theme": theme, "campaignId": campaignId.map(String.init), "series": series,
         "heldOn": heldOn.iso, "startsAt": startsAt, "place": place, "onlineLink": onlineLink, "bridgePoints": bridgePointsText,
         "agenda": agendaText, "questions": questionsText, "leadReportId": leadReportId.map(String.init),
         "contributionsDueOn": contributionsDueOn.iso, "lateContributionsAllowed": String(lateContributionsAllowed),
         "noticeDocumentId": noticeDocumentId.map(String.init)]
    }
}

extension BriefingContribution: Auditable {
    static var auditEntity: String { "briefing-contribution" }
    var auditFields: [String: String?] {
        ["briefingId": String(briefingId), "organizationId": String(organizationId), "summary": summary, "file": evidenceAuditValue,
         "submittedOn": submittedOn.iso, "late": String(late), "presented": String(presented)]
    }
}

extension BriefingConclusion: Auditable {
    static var auditEntity: String { "briefing-conclusion" }
    var auditFields: [String: String?] {
        ["briefingId": String(briefingId), "number": String(number), "text": text]
    }
}
