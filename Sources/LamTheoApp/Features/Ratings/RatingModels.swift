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

struct CreateRatings: AsyncMigration {
    var name: String { "016_CreateRatings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Rating.schema)
            .field("id", .int, .identifier(auto: true))
            .field("period_id", .int, .required, .references(RatingPeriod.schema, "id"))
            .field("member_id", .int, .references(Member.schema, "id"))
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("organization_path", database.binaryText, .required)
            .field("deciding_id", .int, .required, .references(Organization.schema, "id"))
            .field("deciding_path", database.binaryText, .required)
            .field("decided_score", .int)
            .field("decided_level", .string)
            .field("updated_at", .datetime)
            .unique(on: "member_id", "period_id")
            .create()
        // One rating per unit (member_id NULL) is kept by the command, under the lock it takes per deciding unit.
        try await database.createIndex("ratings_subject", on: Rating.schema, columns: ["period_id", "organization_id", "member_id"])
        // The quota counts a grassroots organisation's decisions: one index range.
        try await database.createIndex("ratings_deciding", on: Rating.schema, columns: ["period_id", "deciding_id", "decided_level"])

        try await database.schema(RatingStep.schema)
            .field("id", .int, .identifier(auto: true))
            .field("rating_id", .int, .required, .references(Rating.schema, "id"))
            .field("kind", .string, .required)
            .field("score", .int, .required)
            .field("level", .string, .required)
            .field("explanation", .string)
            .field("disciplined", .bool, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("rating_steps_rating", on: RatingStep.schema, columns: ["rating_id", "kind", "id"])

        try await database.schema(RatingRuleRecord.schema)
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("parameter", .double)
            .field("text_vi", .string, .required)
            .field("text_en", .string, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime)
            .unique(on: "kind")
            .create()
        for rule in RatingRule.defaults {
            try await RatingRuleRecord(rule).create(on: database)
        }

        let figures = database.schema(RatingFigures.schema)
            .field("id", .int, .identifier(auto: true))
            .field("period_id", .int, .required, .references(RatingPeriod.schema, "id"))
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("organization_path", database.binaryText, .required)
        try await tallyColumns(figures)
            .unique(on: "period_id", "organization_id")
            .create()
        try await database.createIndex("rating_figures_rollup", on: RatingFigures.schema,
                                       columns: ["period_id", "organization_path", "excellent", "good", "completed", "not_completed", "not_rated", "pending"])

        let snapshots = database.schema(RatingSnapshot.schema)
            .field("id", .int, .identifier(auto: true))
            .field("closure_id", .int, .required, .references(PeriodClosure.schema, "id"))
        try await tallyColumns(snapshots)
            .field("created_at", .datetime)
            .unique(on: "closure_id")
            .create()
    }

    /// The six counts of a `RatingTally`, shared by the figures and the snapshots.
    private func tallyColumns(_ schema: SchemaBuilder) -> SchemaBuilder {
        ["excellent", "good", "completed", "not_completed", "not_rated", "pending"].reduce(schema) { $0.field(.string($1), .int, .required) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RatingSnapshot.schema).delete()
        try await database.schema(RatingFigures.schema).delete()
        try await database.schema(RatingRuleRecord.schema).delete()
        try await database.schema(RatingStep.schema).delete()
        try await database.schema(Rating.schema).delete()
    }
}

/// Keeps a subtree copy of every rating figure (see `RollupTable`), replacing the path-range sums of 016's
/// index.
struct StoreSubtreeRatings: AsyncMigration {
    var name: String { "021_StoreSubtreeRatings" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await RatingFigures.rollup.adopt(replacingIndex: "rating_figures_rollup", on: database)
        let periods = try await sql.raw("SELECT DISTINCT period_id FROM rating_figures").all().map { try $0.decode(column: "period_id", as: Int.self) }
        guard !periods.isEmpty else { return }
        let cells = try await sql.raw("SELECT DISTINCT organization_id FROM rating_figures").all().map { try $0.decode(column: "organization_id", as: Int.self) }
        for chunk in cells.chunked(into: 500) {
            let units = try await RollupUnits.chains(of: Set(chunk), on: database)
            try await RatingFigures.rollup.prepare(units, keys: periods, on: database)
            try await RatingFigures.rollup.refresh(units, keys: periods, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await RatingFigures.rollup.abandon(on: database)
    }
}

/// The task conditions of Quy định 366-QĐ/TW (Điều 11): what a decision records of the period's tasks, and
/// the two rules that read them, added where the first three rules were seeded without them.
struct AddRatingTasks: AsyncMigration {
    var name: String { "022_AddRatingTasks" }

    func prepare(on database: any Database) async throws {
        for column in ["tasks_assigned", "tasks_on_time", "tasks_late", "tasks_exceeding"] {
            try await database.schema(RatingStep.schema).field(.string(column), .int).update()
        }
        let seeded = Set(try await RatingRuleRecord.query(on: database).all().map(\.kind))
        for rule in RatingRule.taskRules where !seeded.contains(rule.kind) {
            try await RatingRuleRecord(rule).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await RatingRuleRecord.query(on: database).filter(\.$kind ~~ RatingRule.taskRules.map(\.kind)).delete()
        for column in ["tasks_assigned", "tasks_on_time", "tasks_late", "tasks_exceeding"] {
            try await database.schema(RatingStep.schema).deleteField(.string(column)).update()
        }
    }
}
