import Fluent
import LamTheoCore
import Vapor

/// A unit's breakthrough for a period (khâu đột phá): specific content, a measurable target, an owner and
/// dates. Besides what people typed, the row keeps what its check-ins come to (the latest value, the
/// progress, done, the day it turns "at risk"), refreshed on every write, so that a subtree's statuses are
/// counted over an index range without reading the check-ins.
final class Breakthrough: Model, @unchecked Sendable {
    static let schema = "breakthroughs"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "period_id") var periodId: Int
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @Field(key: "content") var content: String
    @Field(key: "target_kind") var targetKind: BreakthroughTargetKind
    /// Numeric targets: from `baselineValue` to `targetValue`, in `measureUnit`.
    @OptionalField(key: "baseline_value") var baselineValue: Double?
    @OptionalField(key: "target_value") var targetValue: Double?
    @OptionalField(key: "measure_unit") var measureUnit: String?
    /// Deliverable targets: what is done or not.
    @OptionalField(key: "deliverable") var deliverable: String?
    /// The person responsible, a member; or, when none is named, the role (such as "Bí thư Đảng ủy").
    @OptionalField(key: "owner_member_id") var ownerMemberId: Int?
    @OptionalField(key: "owner_role") var ownerRole: String?
    @Field(key: "starts_on") var startsOn: CalendarDate
    @Field(key: "ends_on") var endsOn: CalendarDate
    /// From the latest check-in; nil until the first one ("chưa báo cáo").
    @OptionalField(key: "latest_value") var latestValue: Double?
    @OptionalField(key: "progress_percent") var progressPercent: Double?
    @OptionalField(key: "last_check_in_on") var lastCheckInOn: CalendarDate?
    @Field(key: "done") var done: Bool
    /// The day it is at risk if nothing more is reported (`BreakthroughProgress.atRiskFrom`).
    @Field(key: "at_risk_from") var atRiskFrom: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }

    func status(today: CalendarDate) -> BreakthroughStatus {
        BreakthroughStatus(done: done, endsOn: endsOn, atRiskFrom: atRiskFrom, today: today)
    }
}

/// One report of progress: a value (numeric targets) or whether the deliverable is done, with a note, a
/// description of the evidence and an evidence file. The log is kept whole; the latest check-in is the
/// current progress.
final class BreakthroughCheckIn: Model, @unchecked Sendable {
    static let schema = "breakthrough_check_ins"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "breakthrough_id") var breakthroughId: Int
    @Field(key: "checked_on") var checkedOn: CalendarDate
    @OptionalField(key: "value") var value: Double?
    @Field(key: "done") var done: Bool
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "evidence") var evidence: String?
    /// The evidence file (`EvidenceCarrying`): a PDF, DOCX, JPEG or PNG kept in the attachment store.
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_name") var evidenceName: String?
    @OptionalField(key: "evidence_type") var evidenceType: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension BreakthroughCheckIn: EvidenceCarrying {}

extension Breakthrough: Auditable {
    static var auditEntity: String { "breakthrough" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "periodId": String(periodId), "campaignId": campaignId.map(String.init),
         "content": content, "targetKind": targetKind.rawValue, "baselineValue": baselineValue.map { String($0) },
         "targetValue": targetValue.map { String($0) }, "measureUnit": measureUnit, "deliverable": deliverable,
         "ownerMemberId": ownerMemberId.map(String.init), "ownerRole": ownerRole, "startsOn": startsOn.iso, "endsOn": endsOn.iso,
         "latestValue": latestValue.map { String($0) }, "lastCheckInOn": lastCheckInOn?.iso, "done": String(done)]
    }
}
