import Fluent
import Foundation
import LamTheoCore

/// An inspection or supervision (kiểm tra, giám sát) decided by a committee: its decision, subject, period
/// covered and schedule; the steps' dates as they are done. Its team, units, sessions and findings hang off it;
/// its recommendations are follow-up tasks of origin "inspection".
final class Inspection: Model, @unchecked Sendable {
    static let schema = "inspections"
    static let originKind = "inspection"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The deciding committee.
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "kind") var kind: InspectionKind
    @Field(key: "decision_document_id") var decisionDocumentId: Int
    @Field(key: "subject") var subject: String
    @Field(key: "period_from") var periodFrom: CalendarDate
    @Field(key: "period_to") var periodTo: CalendarDate
    @Field(key: "starts_on") var startsOn: CalendarDate
    @Field(key: "ends_on") var endsOn: CalendarDate
    @Field(key: "self_report_due_on") var selfReportDueOn: CalendarDate
    @OptionalField(key: "plan_sent_on") var planSentOn: CalendarDate?
    @OptionalField(key: "plan_note") var planNote: String?
    @OptionalField(key: "conclusion_document_id") var conclusionDocumentId: Int?
    @OptionalField(key: "concluded_on") var concludedOn: CalendarDate?
    @OptionalField(key: "closed_on") var closedOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
    var window: InspectionWindow { InspectionWindow(startsOn: startsOn, endsOn: endsOn) }
    /// How its recommendations name where they come from.
    var label: String { "\(kind.label.vi) \(subject)" }
}

final class InspectionTeamMember: Model, @unchecked Sendable {
    static let schema = "inspection_team"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "inspection_id") var inspectionId: Int
    @Field(key: "role") var role: InspectionTeamRole
    @Field(key: "name") var name: String
    /// The account that reads the inspected units under the team's grant, if the member has one.
    @OptionalField(key: "user_id") var userId: Int?
    @OptionalField(key: "member_id") var memberId: Int?

    init() {}
}

/// A unit inspected, with its self-report once in.
final class InspectedUnit: Model, @unchecked Sendable {
    static let schema = "inspection_units"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "inspection_id") var inspectionId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @OptionalField(key: "self_report_on") var selfReportOn: CalendarDate?
    @OptionalField(key: "self_report_document_id") var selfReportDocumentId: Int?
    @OptionalField(key: "self_report_note") var selfReportNote: String?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
}

final class InspectionSession: Model, @unchecked Sendable {
    static let schema = "inspection_sessions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "inspection_id") var inspectionId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "held_on") var heldOn: CalendarDate
    @OptionalField(key: "minutes_document_id") var minutesDocumentId: Int?
    @OptionalField(key: "minutes") var minutes: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class InspectionFinding: Model, @unchecked Sendable {
    static let schema = "inspection_findings"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "inspection_id") var inspectionId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "kind") var kind: FindingKind
    @Field(key: "text") var text: String
    @OptionalField(key: "commitment_id") var commitmentId: Int?
    @OptionalField(key: "breakthrough_id") var breakthroughId: Int?
    /// What else it concerns, in words: a coverage figure, a report.
    @OptionalField(key: "concerns") var concerns: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A criticism (phê bình) of a collective or a person, resting on a finding.
final class InspectionCriticism: Model, @unchecked Sendable {
    static let schema = "inspection_criticisms"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "finding_id") var findingId: Int
    @Field(key: "target") var target: CriticismTarget
    @OptionalField(key: "organization_id") var organizationId: Int?
    @OptionalField(key: "member_id") var memberId: Int?
    @Field(key: "text") var text: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A read of an inspected unit's records under the team's grant.
final class InspectionRead: Model, @unchecked Sendable {
    static let schema = "inspection_reads"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "inspection_id") var inspectionId: Int
    @Field(key: "user_id") var userId: Int
    @Field(key: "username") var username: String
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "page") var page: String
    @Field(key: "read_at") var readAt: Date

    init() {}
}

extension Inspection: Auditable {
    static var auditEntity: String { "inspection" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "kind": kind.rawValue, "decisionDocumentId": String(decisionDocumentId), "subject": subject,
         "periodFrom": periodFrom.iso, "periodTo": periodTo.iso, "startsOn": startsOn.iso, "endsOn": endsOn.iso, "selfReportDueOn": selfReportDueOn.iso,
         "planSentOn": planSentOn?.iso, "conclusionDocumentId": conclusionDocumentId.map(String.init), "concludedOn": concludedOn?.iso,
         "closedOn": closedOn?.iso]
    }
}
