import Fluent
import LamTheoCore
import SQLKit

/// A period as typed into the period form or sent to the API.
struct RatingPeriodInput: Codable, Sendable {
    /// `year`, `quarter`, `term` or `ad_hoc`.
    var kind: String?
    var title: String?
    var startsOn: String?
    var endsOn: String?
}

/// One step of a rating: a member's (`memberId`) or a unit's (`organizationId`).
struct RatingStepInput: Codable, Sendable {
    var periodId: Int?
    var memberId: Int?
    var organizationId: Int?
    /// `self_assessment`, `proposal` or `decision`.
    var step: String?
    var score: Int?
    var explanation: String?
    /// For a decision: the member was disciplined during the period (caps the level).
    var disciplined: Bool?
    /// For a decision: the period's tasks and how they were done (Quy định 366-QĐ/TW, Điều 11).
    var tasks: RatingTasksInput?
}

struct RatingTasksInput: Codable, Sendable {
    var assigned: Int?
    var onTime: Int?
    var late: Int?
    var exceeding: Int?
}

struct RatingRuleInput: Codable, Sendable {
    var parameter: Double?
    var textVi: String?
    var textEn: String?
    var active: Bool?
}

struct RatingClosureInput: Codable, Sendable {
    var organizationId: Int?
}

struct RatingReopenInput: Codable, Sendable {
    var reason: String?
}

/// Who takes a step, as the step records it.
struct RatingAuthor: Sendable {
    let userId: Int?
    let username: String
}

/// The writes of ratings: periods, the three steps, rules, closing and reopening a subtree.
enum RatingCommands {
    static func createPeriod(_ input: RatingPeriodInput, on db: any Database) async throws -> RatingPeriod {
        let period = RatingPeriod()
        try await fill(period, from: input, on: db)
        try await period.create(on: db)
        return period
    }

    static func updatePeriod(_ id: Int, _ input: RatingPeriodInput, on db: any Database) async throws -> RatingPeriod {
        let period = try await RatingQueries.requirePeriod(id, on: db)
        try await fill(period, from: input, on: db)
        try await period.save(on: db)
        return period
    }

    private static func fill(_ period: RatingPeriod, from input: RatingPeriodInput, on db: any Database) async throws {
        var validator = Validator()
        let kind = RatingPeriodKind(rawValue: input.kind ?? "")
        if kind == nil {
            validator.add("kind", LocalizedText(vi: "Loại kỳ phải là year, quarter, term hoặc ad_hoc", en: "The kind must be year, quarter, term or ad_hoc"))
        }
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên kỳ đánh giá", en: "Title"), maxLength: 200)
        let startsOn = validator.requiredDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date"))
        let endsOn = validator.requiredDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        let span = validator.period(startsOn, endsOn)
        try validator.throwIfInvalid()
        let clash = try await RatingPeriod.query(on: db).filter(\.$kind == kind!).filter(\.$startsOn == span!.lowerBound)
            .filter(\.$endsOn == span!.upperBound).first()
        if let clash, clash.id != period.id {
            throw DomainError.conflict(field: "startsOn", LocalizedText(vi: "Đã có kỳ “\(clash.title)” cùng loại và cùng thời gian",
                                                                        en: "“\(clash.title)” already has this kind and these dates"))
        }
        period.kind = kind!
        period.title = title
        period.startsOn = span!.lowerBound
        period.endsOn = span!.upperBound
    }

    /// Records one step. A member's decision is checked against the quota of the grassroots organisation
    /// (its decisions in the period, this one included) while holding a lock per organisation and
    /// period, so two decisions at once cannot both slip under it. Refusals write nothing.
    static func record(_ input: RatingStepInput, by author: RatingAuthor, on db: any Database) async throws -> RatingStep {
        var validator = Validator()
        let foundPeriod = try await validator.ratingPeriod(input.periodId, on: db)
        let stepKind = RatingStepKind(rawValue: input.step ?? "")
        if stepKind == nil {
            validator.add("step", LocalizedText(vi: "Bước phải là self_assessment, proposal hoặc decision",
                                                en: "The step must be self_assessment, proposal or decision"))
        }
        if let score = input.score {
            validator.check(RatingLevel.scores.contains(score), "score", LocalizedText(vi: "Điểm phải từ 0 đến 100", en: "The score must be 0 to 100"))
        } else {
            validator.add("score", LocalizedText(vi: "Điểm không được để trống", en: "The score must not be empty"))
        }
        let explanation = validator.optionalText(input.explanation, field: "explanation", label: LocalizedText(vi: "Nhận xét", en: "Explanation"), maxLength: 2000)
        let tasks = validator.tasks(input.tasks, step: stepKind)
        let foundSubject = try await validator.ratingSubject(memberId: input.memberId, organizationId: input.organizationId, on: db)
        if stepKind == .selfAssessment, let foundSubject, foundSubject.member == nil {
            validator.add("step", LocalizedText(vi: "Tổ chức đảng không tự đánh giá ở đây: cấp trên đề xuất và quyết định",
                                                en: "Units have no self-assessment here: the level above proposes and decides"))
        }
        try validator.throwIfInvalid()
        guard let period = foundPeriod, let kind = stepKind, let subject = foundSubject, let score = input.score else { preconditionFailure("the validator checked them") }
        try await RatingPeriods.requireOpen(period, at: subject.unit.treePath, field: "periodId", on: db)
        let rules = try await RatingQueries.rules(on: db)
        if let member = subject.member, let reason = RatingQueries.notRated(member, in: period, rules: rules) {
            throw DomainError.conflict(field: "memberId", LocalizedText(vi: "\(member.fullName): \(reason.text(months: RatingQueries.minimumMonths(rules) ?? 0).vi)",
                                                                        en: "\(member.fullName): \(reason.text(months: RatingQueries.minimumMonths(rules) ?? 0).en)"))
        }

        try await lock(period: period.requireID(), deciding: subject.deciding.requireID(), on: db)
        let rating = try await RatingQueries.rating(of: subject, in: period, on: db) ?? newRating(subject, in: period)
        let proposal = kind == .decision && rating.id != nil ? try await RatingQueries.latestStep(.proposal, of: rating, on: db) : nil
        if kind == .decision, proposal == nil {
            throw DomainError.conflict(field: "step", LocalizedText(vi: "Chưa có đề xuất: quyết định xếp loại sau khi có đề xuất",
                                                                    en: "There is no proposal yet: the decision follows a proposal"))
        }
        let disciplined = kind == .decision && input.disciplined == true
        let level = RatingLevel(score: score).capped(disciplined: disciplined, rules: rules)
        if let tasks, let limit = tasks.limit(under: rules), level > limit.level {
            throw DomainError.conflict(field: "tasks", LocalizedText(
                vi: "\(limit.rule.text.vi). \(tasks.summary.vi): điểm \(score) (\(level.label.vi)) vượt mức được xếp tối đa, “\(limit.level.label.vi)”",
                en: "\(limit.rule.text.en). \(tasks.summary.en): the score \(score) (\(level.label.en)) is above the best level allowed, “\(limit.level.label.en)”"))
        }
        if kind == .decision, subject.member != nil {
            try await checkQuota(level, replacing: rating, deciding: subject.deciding, period: period, rules: rules, on: db)
        }
        if rating.id == nil { try await rating.create(on: db) }
        let step = RatingStep()
        step.ratingId = rating.requireID()
        step.kind = kind
        step.score = score
        step.level = level
        step.explanation = explanation
        step.disciplined = disciplined
        step.tasks = tasks
        step.userId = author.userId
        step.username = author.username
        try await step.create(on: db)
        if kind == .decision {
            rating.decidedScore = step.score
            rating.decidedLevel = level
            try await rating.save(on: db)
            if subject.member != nil { try await RatingFigures.recount([subject.unit.requireID()], period: period, on: db) }
        }
        return step
    }

    private static func newRating(_ subject: RatingSubject, in period: RatingPeriod) -> Rating {
        let rating = Rating()
        rating.periodId = period.requireID()
        rating.memberId = subject.member?.id
        rating.organizationId = subject.unit.requireID()
        rating.organizationPath = subject.unit.path
        rating.decidingId = subject.deciding.requireID()
        rating.decidingPath = subject.deciding.path
        return rating
    }

    /// PostgreSQL: a transaction-scoped advisory lock on (period, deciding unit), taken before the
    /// decisions are counted; the count runs in a later statement, so it sees what the holder before us
    /// committed. (Two int4 keys: a key space apart from the audit trail's single bigint key.) SQLite's
    /// writes are serialised already.
    private static func lock(period: Int, deciding: Int, on db: any Database) async throws {
        guard db.isPostgres else { return }
        try await db.sql.raw("SELECT pg_advisory_xact_lock(CAST(\(bind: period) AS INTEGER), CAST(\(bind: deciding) AS INTEGER))").run()
    }

    /// Refuses a decision that gives an "xuất sắc" the grassroots organisation's quota has no room for.
    /// A correction that takes away a "tốt" may leave the quota broken too, but it is the truth about a
    /// member and refusing it would make the cell undo other decisions first: it is recorded, the quota
    /// shows the excess, and the period cannot be closed there until an "xuất sắc" is lowered (`close`).
    private static func checkQuota(_ level: RatingLevel, replacing rating: Rating, deciding: Organization, period: RatingPeriod,
                                   rules: [RatingRule], on db: any Database) async throws {
        guard let rule = rules.first(where: { $0.kind == .excellentQuota && $0.active }), let share = rule.parameter else { return }
        guard level == .excellent, rating.decidedLevel != .excellent else { return }
        var counts = try await RatingQueries.decidedCounts(deciding: deciding, period: period, excluding: rating.id, on: db)
        counts[level, default: 0] += 1
        let quota = ExcellentQuota(excellent: counts[.excellent] ?? 0, good: counts[.good] ?? 0, share: share)
        if quota.isBroken {
            throw DomainError.conflict(field: "score", quota.breach(of: rule, organization: deciding.name))
        }
    }

    static func updateRule(_ id: Int, _ input: RatingRuleInput, on db: any Database) async throws -> RatingRuleRecord {
        guard let record = try await RatingRuleRecord.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy quy tắc", en: "Rule not found"))
        }
        var validator = Validator()
        let textVi = validator.requiredText(input.textVi, field: "textVi", label: LocalizedText(vi: "Nội dung (tiếng Việt)", en: "Text (Vietnamese)"), maxLength: 1000)
        let textEn = validator.requiredText(input.textEn, field: "textEn", label: LocalizedText(vi: "Nội dung (tiếng Anh)", en: "Text (English)"), maxLength: 1000)
        switch record.kind {
        case .excellentQuota, .tasksOnTime, .excellentExceeding:
            validator.check(input.parameter.map { (0...1).contains($0) } ?? false, "parameter",
                            LocalizedText(vi: "Tỷ lệ phải từ 0 đến 1 (0,2 là 20%)", en: "The share must be 0 to 1 (0.2 is 20%)"))
        case .minimumMonths:
            validator.check(input.parameter.map { (0...120).contains($0) && $0 == $0.rounded() } ?? false, "parameter",
                            LocalizedText(vi: "Số tháng phải là số nguyên từ 0 đến 120", en: "The months must be a whole number from 0 to 120"))
        case .disciplineCap:
            validator.check(input.parameter == nil, "parameter", LocalizedText(vi: "Quy tắc này không có tham số", en: "This rule has no parameter"))
        }
        try validator.throwIfInvalid()
        record.parameter = input.parameter
        record.textVi = textVi
        record.textEn = textEn
        record.active = input.active ?? record.active
        try await record.save(on: db)
        return record
    }

    /// Closes the period for a unit's subtree: ratings, commitments and breakthroughs there are frozen
    /// (`RatingPeriods.requireOpen`), and the subtree's figures are recounted and kept as a snapshot.
    static func close(_ periodId: Int, _ input: RatingClosureInput, on db: any Database) async throws -> PeriodClosure {
        var validator = Validator()
        let period = try await validator.ratingPeriod(periodId, on: db)
        let unit = try await validator.activeUnit(input.organizationId, on: db)
        try validator.throwIfInvalid()
        try await RatingPeriods.requireOpen(period!, at: unit!.treePath, field: "organizationId", on: db)
        let over = try await RatingQueries.brokenQuotas(within: unit!.treePath, period: period!, on: db)
        if !over.isEmpty {
            throw DomainError.conflict(field: "organizationId", LocalizedText(
                vi: "Chưa khóa sổ được: " + over.map { "\($0.unit) có \($0.quota.excellent) đảng viên hoàn thành xuất sắc, vượt mức tối đa \($0.quota.allowed) (\($0.quota.sharePercent) của \($0.quota.good) hoàn thành tốt)" }
                    .joined(separator: "; ") + ". Hạ bớt xếp loại xuất sắc rồi khóa sổ.",
                en: "The period cannot be closed yet: " + over.map { "\($0.unit) has \($0.quota.excellent) excellent ratings, above the \($0.quota.allowed) allowed (\($0.quota.sharePercent) of \($0.quota.good) good)" }
                    .joined(separator: "; ") + ". Lower an excellent rating, then close."))
        }
        let closure = PeriodClosure()
        closure.periodId = periodId
        closure.organizationId = unit!.requireID()
        closure.organizationPath = unit!.path
        closure.closedOn = CalendarDate.today()
        try await closure.create(on: db)
        try await RatingFigures.recount(subtree: unit!.treePath, period: period!, on: db)
        let tally = try await RatingQueries.tally(period: period!, at: unit!, on: db)
        try await RatingSnapshot(closureId: closure.requireID(), tally: tally).create(on: db)
        return closure
    }

    /// Reopens a closed subtree, with the reason the audit trail keeps. The snapshot stays as it was.
    static func reopen(_ closureId: Int, _ input: RatingReopenInput, on db: any Database) async throws -> PeriodClosure {
        let closure = try await RatingQueries.requireClosure(closureId, on: db)
        var validator = Validator()
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do mở lại", en: "Reason for reopening"), maxLength: 1000)
        try validator.throwIfInvalid()
        guard closure.reopenedOn == nil else {
            throw DomainError.conflict(field: "reason", LocalizedText(vi: "Kỳ đánh giá đã được mở lại tại đơn vị này", en: "The period is already reopened here"))
        }
        closure.reopenedOn = CalendarDate.today()
        closure.reopenReason = reason
        try await closure.save(on: db)
        return closure
    }
}

/// What a step rates: a member (with their cell) or a unit, and the unit that decides.
struct RatingSubject: Sendable {
    let member: Member?
    /// The member's cell, or the unit rated.
    let unit: Organization
    /// The member's grassroots organisation, or the level above a rated unit.
    let deciding: Organization
}

extension Validator {
    mutating func ratingPeriod(_ id: Int?, on db: any Database) async throws -> RatingPeriod? {
        guard let id else {
            add("periodId", LocalizedText(vi: "Chọn kỳ đánh giá", en: "Choose the period"))
            return nil
        }
        guard let period = try await RatingPeriod.find(id, on: db) else {
            add("periodId", LocalizedText(vi: "Không tìm thấy kỳ đánh giá số \(id)", en: "Period \(id) not found"))
            return nil
        }
        return period
    }

    /// Exactly one of a member on the roll or an active unit below the root.
    mutating func ratingSubject(memberId: Int?, organizationId: Int?, on db: any Database) async throws -> RatingSubject? {
        switch (memberId, organizationId) {
        case (let memberId?, nil):
            guard let member = try await Member.find(memberId, on: db), member.status.isOnRoll else {
                add("memberId", LocalizedText(vi: "Không tìm thấy đảng viên số \(memberId) trong danh sách sinh hoạt",
                                              en: "Member \(memberId) is not on any cell's roll"))
                return nil
            }
            let cell = try await OrganizationQueries.require(member.organizationId, on: db)
            return RatingSubject(member: member, unit: cell, deciding: try await RatingQueries.grassroots(of: cell, on: db))
        case (nil, let organizationId?):
            guard let unit = try await activeUnit(organizationId, on: db) else { return nil }
            guard let parentId = unit.parentId else {
                add("organizationId", LocalizedText(vi: "\(unit.name) không có cấp trên để đánh giá", en: "\(unit.name) has no level above to rate it"))
                return nil
            }
            return RatingSubject(member: nil, unit: unit, deciding: try await OrganizationQueries.require(parentId, on: db))
        default:
            add("memberId", LocalizedText(vi: "Chọn một đảng viên hoặc một tổ chức đảng", en: "Choose one member or one unit"))
            return nil
        }
    }
}

extension Validator {
    /// A decision's tasks: all four counts, consistent with each other; nil when none is given. Only a
    /// decision records them.
    mutating func tasks(_ input: RatingTasksInput?, step: RatingStepKind?) -> TaskCompletion? {
        guard let input, [input.assigned, input.onTime, input.late, input.exceeding].contains(where: { $0 != nil }) else { return nil }
        guard step == .decision else {
            add("tasks", LocalizedText(vi: "Chỉ quyết định xếp loại ghi kết quả nhiệm vụ", en: "Only a decision records the tasks"))
            return nil
        }
        guard let assigned = input.assigned else {
            add("tasks.assigned", LocalizedText(vi: "Thiếu số nhiệm vụ được giao", en: "The number of tasks assigned is missing"))
            return nil
        }
        let tasks = TaskCompletion(assigned: assigned, onTime: input.onTime ?? 0, late: input.late ?? 0, exceeding: input.exceeding ?? 0)
        if let problem = tasks.inconsistency { add("tasks", problem) }
        return tasks
    }
}
