import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// One member's (or one unit's) rating in one period. The steps — self-assessment, proposal, decision —
/// are `RatingStep` rows; the latest decision is copied here, because it is what counts (quota, figures).
final class Rating: Model, @unchecked Sendable {
    static let schema = "ratings"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "period_id") var periodId: Int
    /// The member rated; nil when a unit is rated.
    @OptionalField(key: "member_id") var memberId: Int?
    /// The member's cell, or the unit rated.
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    /// The unit that decides: the member's grassroots organisation, or the level above a rated unit.
    @Field(key: "deciding_id") var decidingId: Int
    @Field(key: "deciding_path") var decidingPath: String
    @OptionalField(key: "decided_score") var decidedScore: Int?
    @OptionalField(key: "decided_level") var decidedLevel: RatingLevel?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
}

enum RatingStepKind: String, Codable, Sendable, CaseIterable {
    /// The member rates themself (tự đánh giá); not for units.
    case selfAssessment = "self_assessment"
    /// The cell (for a unit: the level above) proposes (đề xuất).
    case proposal
    /// The grassroots committee (for a unit: the level above) decides (quyết định); this counts.
    case decision

    var label: LocalizedText {
        switch self {
        case .selfAssessment: return LocalizedText(vi: "Tự đánh giá", en: "Self-assessment")
        case .proposal: return LocalizedText(vi: "Chi bộ đề xuất", en: "Cell's proposal")
        case .decision: return LocalizedText(vi: "Cấp ủy cơ sở quyết định", en: "Grassroots decision")
        }
    }

    /// The step's name when a unit is rated: the level above it proposes and decides, not a cell ("Chi bộ đề xuất"
    /// would be wrong for a ward).
    var unitLabel: LocalizedText {
        switch self {
        case .selfAssessment: return label
        case .proposal: return LocalizedText(vi: "Cấp ủy cấp trên đề xuất", en: "Proposal by the level above")
        case .decision: return LocalizedText(vi: "Cấp ủy cấp trên quyết định", en: "Decision by the level above")
        }
    }
}

/// One step of a rating, with who took it and when. Steps are appended, never changed: the latest of
/// each kind is in force, the earlier ones are its history.
final class RatingStep: Model, @unchecked Sendable {
    static let schema = "rating_steps"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "rating_id") var ratingId: Int
    @Field(key: "kind") var kind: RatingStepKind
    @Field(key: "score") var score: Int
    @Field(key: "level") var level: RatingLevel
    @OptionalField(key: "explanation") var explanation: String?
    /// A disciplinary measure during the period, as the decision records it (caps the level).
    @Field(key: "disciplined") var disciplined: Bool
    /// The tasks of the period as the decision records them (Quy định 366-QĐ/TW, Điều 11); nil when not given.
    @OptionalField(key: "tasks_assigned") var tasksAssigned: Int?
    @OptionalField(key: "tasks_on_time") var tasksOnTime: Int?
    @OptionalField(key: "tasks_late") var tasksLate: Int?
    @OptionalField(key: "tasks_exceeding") var tasksExceeding: Int?
    @OptionalField(key: "user_id") var userId: Int?
    @Field(key: "username") var username: String
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}

    var tasks: TaskCompletion? {
        get {
            guard let tasksAssigned, let tasksOnTime, let tasksLate, let tasksExceeding else { return nil }
            return TaskCompletion(assigned: tasksAssigned, onTime: tasksOnTime, late: tasksLate, exceeding: tasksExceeding)
        }
        set {
            (tasksAssigned, tasksOnTime, tasksLate, tasksExceeding) = (newValue?.assigned, newValue?.onTime, newValue?.late, newValue?.exceeding)
        }
    }
}

/// A rule as stored and edited (see `RatingRuleKind`).
final class RatingRuleRecord: Model, @unchecked Sendable {
    static let schema = "rating_rules"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: RatingRuleKind
    @OptionalField(key: "parameter") var parameter: Double?
    @Field(key: "text_vi") var textVi: String
    @Field(key: "text_en") var textEn: String
    @Field(key: "active") var active: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    convenience init(_ rule: RatingRule) {
        self.init()
        kind = rule.kind
        parameter = rule.parameter
        textVi = rule.text.vi
        textEn = rule.text.en
        active = rule.active
    }

    var rule: RatingRule { RatingRule(kind: kind, parameter: parameter, text: LocalizedText(vi: textVi, en: textEn), active: active) }
}

/// The rating figures shared by the stored per-cell figures and a closure's snapshot.
struct RatingTally: Content, Hashable {
    var excellent = 0
    var good = 0
    var completed = 0
    var notCompleted = 0
    /// Members not rated ("không đánh giá"): recently admitted or exempt.
    var notRated = 0
    /// Members to be rated who have no decision yet.
    var pending = 0

    var decided: Int { excellent + good + completed + notCompleted }

    subscript(level: RatingLevel) -> Int {
        switch level {
        case .excellent: return excellent
        case .good: return good
        case .completed: return completed
        case .notCompleted: return notCompleted
        }
    }

    /// "12/40 (30%)", or "chưa báo cáo" while nothing has been decided.
    func figure(_ level: RatingLevel) -> CoverageFigure {
        CoverageFigure(count: decided == 0 ? nil : self[level], total: decided + pending)
    }
}

/// One cell's own member figures in one period, recounted by every rating write that touches the cell and
/// on closing, and (`subtree_…` columns, kept by `RatingFigures.rollup`) its whole subtree's.
final class RatingFigures: Model, @unchecked Sendable {
    static let schema = "rating_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "period_id") var periodId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "excellent") var excellent: Int
    @Field(key: "good") var good: Int
    @Field(key: "completed") var completed: Int
    @Field(key: "not_completed") var notCompleted: Int
    @Field(key: "not_rated") var notRated: Int
    @Field(key: "pending") var pending: Int

    init() {}
}

/// A subtree's figures frozen when the period was closed there: later changes elsewhere leave them as they were.
final class RatingSnapshot: Model, @unchecked Sendable {
    static let schema = "rating_snapshots"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "closure_id") var closureId: Int
    @Field(key: "excellent") var excellent: Int
    @Field(key: "good") var good: Int
    @Field(key: "completed") var completed: Int
    @Field(key: "not_completed") var notCompleted: Int
    @Field(key: "not_rated") var notRated: Int
    @Field(key: "pending") var pending: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(closureId: Int, tally: RatingTally) {
        self.closureId = closureId
        excellent = tally.excellent
        good = tally.good
        completed = tally.completed
        notCompleted = tally.notCompleted
        notRated = tally.notRated
        pending = tally.pending
    }

    var tally: RatingTally {
        RatingTally(excellent: excellent, good: good, completed: completed, notCompleted: notCompleted, notRated: notRated, pending: pending)
    }
}
