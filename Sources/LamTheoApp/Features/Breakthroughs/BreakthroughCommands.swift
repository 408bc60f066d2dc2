import Fluent
import LamTheoCore
import SQLKit
import struct Vapor.File

/// A breakthrough as typed into the form or sent to the API. Numbers come as numbers (the form turns
/// "12,5" into 12.5 before it gets here).
struct BreakthroughInput: Codable, Sendable {
    var organizationId: Int?
    /// The rating period; by default the year of `startsOn`.
    var periodId: Int?
    var campaignId: Int?
    var content: String?
    /// `numeric` or `deliverable`.
    var targetKind: String?
    var baselineValue: Double?
    var targetValue: Double?
    var measureUnit: String?
    var deliverable: String?
    var ownerMemberId: Int?
    var ownerRole: String?
    var startsOn: String?
    var endsOn: String?
}

/// A check-in: `value` for numeric targets, `done` for deliverables; `checkedOn` defaults to today. JSON (the
/// evidence file as `{"filename", "data": base64}`) or multipart/form-data.
struct CheckInInput: Codable, Sendable {
    var checkedOn: String?
    var value: Double?
    var done: Bool?
    var note: String?
    /// What shows the progress: a minute's number, a document, where a photo is kept.
    var evidence: String?
    /// A PDF, DOCX, JPEG or PNG showing it, stored like commitments' evidence.
    var evidenceFile: File?
}

/// Setting, changing and checking in on breakthroughs. Every write refreshes the breakthrough's own
/// progress and status inputs from its check-ins, inside the same transaction.
enum BreakthroughCommands {
    static func set(_ input: BreakthroughInput, on db: any Database) async throws -> Breakthrough {
        let breakthrough = Breakthrough()
        breakthrough.done = false
        try await apply(input, to: breakthrough, on: db)
        return breakthrough
    }

    /// Changes what was set; the unit stays. Progress is recomputed against the new target and dates.
    static func update(_ id: Int, _ input: BreakthroughInput, on db: any Database) async throws -> Breakthrough {
        let breakthrough = try await BreakthroughQueries.require(id, on: db)
        let period = try await BreakthroughQueries.period(of: breakthrough, on: db)
        try await RatingPeriods.requireOpen(period, at: breakthrough.treePath, field: "periodId", on: db)
        var input = input
        input.organizationId = breakthrough.organizationId
        try await apply(input, to: breakthrough, on: db)
        return breakthrough
    }

    /// A check-in; its evidence file is stored (by content, see `DocumentFileStore`) once everything is checked.
    static func checkIn(_ id: Int, _ input: CheckInInput, store: DocumentFileStore, today: CalendarDate = .today(),
                        on db: any Database) async throws -> Breakthrough {
        let breakthrough = try await BreakthroughQueries.require(id, on: db)
        var validator = Validator()
        let checkedOn = validator.optionalDate(input.checkedOn, field: "checkedOn", label: LocalizedText(vi: "Ngày báo cáo", en: "Check-in date")) ?? today
        if checkedOn < breakthrough.startsOn || checkedOn > breakthrough.endsOn {
            validator.add("checkedOn", LocalizedText(
                vi: "Ngày \(checkedOn.vietnamese) nằm ngoài thời gian thực hiện (\(breakthrough.startsOn.vietnamese) – \(breakthrough.endsOn.vietnamese))",
                en: "\(checkedOn.vietnamese) is outside the breakthrough's time frame (\(breakthrough.startsOn.vietnamese) – \(breakthrough.endsOn.vietnamese))"))
        } else if checkedOn > today {
            validator.add("checkedOn", LocalizedText(vi: "Chưa thể báo cáo cho ngày \(checkedOn.vietnamese)", en: "\(checkedOn.vietnamese) has not come yet"))
        }
        switch breakthrough.targetKind {
        case .numeric:
            validator.check(input.value?.isFinite == true, "value", LocalizedText(
                vi: "Nhập kết quả đạt được (một con số, đơn vị \(breakthrough.measureUnit ?? ""))",
                en: "Enter the result reached (a number, in \(breakthrough.measureUnit ?? ""))"))
        case .deliverable:
            validator.check(input.done != nil, "done", LocalizedText(vi: "Cho biết sản phẩm đã hoàn thành hay chưa", en: "Say whether the deliverable is done"))
        }
        let note = validator.optionalText(input.note, field: "note", label: LocalizedText(vi: "Ghi chú", en: "Note"), maxLength: 2000)
        let evidence = validator.optionalText(input.evidence, field: "evidence", label: LocalizedText(vi: "Minh chứng", en: "Evidence"), maxLength: 1000)
        let evidenceFile = validator.evidence(input.evidenceFile, field: "evidenceFile")
        try validator.throwIfInvalid()
        let period = try await BreakthroughQueries.period(of: breakthrough, on: db)
        try await RatingPeriods.requireOpen(period, at: breakthrough.treePath, field: "checkedOn", on: db)

        let row = BreakthroughCheckIn()
        row.breakthroughId = breakthrough.requireID()
        row.checkedOn = checkedOn
        row.value = breakthrough.targetKind == .numeric ? input.value : nil
        row.done = breakthrough.targetKind == .deliverable ? input.done! : false
        row.note = note
        row.evidence = evidence
        if let evidenceFile { try row.attach(evidenceFile, in: store) }
        try await row.create(on: db)
        try await refresh(breakthrough, on: db)
        return breakthrough
    }

    /// Checks `input` whole, then writes it into `breakthrough` and refreshes its progress.
    private static func apply(_ input: BreakthroughInput, to breakthrough: Breakthrough, on db: any Database) async throws {
        var validator = Validator()
        let unit = try await validator.activeUnit(input.organizationId, on: db)
        let content = validator.requiredText(input.content, field: "content", label: LocalizedText(vi: "Nội dung", en: "Content"), maxLength: 1000)
        let kind = input.targetKind.flatMap { BreakthroughTargetKind(rawValue: $0) }
        let measureUnit = validator.optionalText(input.measureUnit, field: "measureUnit", label: LocalizedText(vi: "Đơn vị tính", en: "Unit of measure"), maxLength: 30)
        let deliverable = validator.optionalText(input.deliverable, field: "deliverable", label: LocalizedText(vi: "Sản phẩm", en: "Deliverable"), maxLength: 500)
        let ownerRole = validator.optionalText(input.ownerRole, field: "ownerRole", label: LocalizedText(vi: "Chức danh chịu trách nhiệm", en: "Responsible role"), maxLength: 200)
        let startsOn = validator.optionalDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date"))
        let endsOn = validator.optionalDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        let period = try await validator.period(input.periodId, startsOn: startsOn, on: db)
        if let unit {
            try await validator.owner(input.ownerMemberId, role: ownerRole, in: unit, on: db)
            // A campaign closed since it was chosen stays; a new choice must be active and cover the unit.
            if let campaignId = input.campaignId, campaignId != breakthrough.campaignId {
                _ = try await validator.campaign(campaignId, covering: unit.treePath, on: db)
            }
        }
        let draft = BreakthroughDraft(content: content, targetKind: kind, baselineValue: input.baselineValue, targetValue: input.targetValue,
                                      measureUnit: measureUnit, deliverable: deliverable, startsOn: startsOn, endsOn: endsOn)
        for problem in BreakthroughSpecificity.problems(of: draft, period: period?.range) where !validator.errors.contains(where: { $0.field == problem.field }) {
            validator.add(problem.field, problem.message)
        }
        try validator.throwIfInvalid()
        let stored = try await period!.stored(on: db)
        try await RatingPeriods.requireOpen(stored, at: unit!.treePath, field: "periodId", on: db)

        breakthrough.organizationId = unit!.requireID()
        breakthrough.organizationPath = unit!.path
        breakthrough.periodId = stored.requireID()
        breakthrough.campaignId = input.campaignId
        breakthrough.content = content
        breakthrough.targetKind = kind!
        breakthrough.baselineValue = kind == .numeric ? input.baselineValue ?? 0 : nil
        breakthrough.targetValue = kind == .numeric ? input.targetValue : nil
        breakthrough.measureUnit = kind == .numeric ? measureUnit : nil
        breakthrough.deliverable = kind == .deliverable ? deliverable : nil
        breakthrough.ownerMemberId = input.ownerMemberId
        breakthrough.ownerRole = ownerRole
        breakthrough.startsOn = startsOn!
        breakthrough.endsOn = endsOn!
        if breakthrough.id == nil {
            breakthrough.atRiskFrom = startsOn!
            try await breakthrough.create(on: db)
        }
        try await refresh(breakthrough, on: db)
    }

    /// Progress, done and the at-risk day from the latest check-in (the latest day; the last recorded on it).
    private static func refresh(_ breakthrough: Breakthrough, on db: any Database) async throws {
        let latest = try await BreakthroughCheckIn.query(on: db).filter(\.$breakthroughId == breakthrough.requireID())
            .sort(\.$checkedOn, .descending).sort(\.$id, .descending).first()
        var percent: Double?
        switch breakthrough.targetKind {
        case .numeric:
            breakthrough.latestValue = latest?.value
            percent = latest?.value.map { BreakthroughProgress.percent(baseline: breakthrough.baselineValue ?? 0, target: breakthrough.targetValue!, value: $0) }
        case .deliverable:
            breakthrough.latestValue = nil
            percent = latest.map { $0.done ? 100 : 0 }
        }
        breakthrough.progressPercent = percent
        breakthrough.done = percent == 100
        breakthrough.lastCheckInOn = latest?.checkedOn
        breakthrough.atRiskFrom = BreakthroughProgress.atRiskFrom(
            startsOn: breakthrough.startsOn, endsOn: breakthrough.endsOn, percent: percent, measuresShare: breakthrough.targetKind == .numeric,
            lastCheckIn: latest?.checkedOn)
        try await breakthrough.save(on: db)
    }
}

/// The period a breakthrough is set for: a stored one, or the year of its start, made when first used.
enum BreakthroughPeriod: Sendable {
    case stored(RatingPeriod)
    case year(Int)

    var range: ClosedRange<CalendarDate> {
        switch self {
        case .stored(let period): return period.startsOn ... period.endsOn
        case .year(let year): return CalendarDate(year: year, month: 1, day: 1)! ... CalendarDate(year: year, month: 12, day: 31)!
        }
    }

    func stored(on db: any Database) async throws -> RatingPeriod {
        switch self {
        case .stored(let period): return period
        case .year(let year): return try await RatingPeriods.year(year, on: db)
        }
    }
}

extension Validator {
    /// The chosen period, or the year of the start date; nil when neither is known.
    mutating func period(_ id: Int?, startsOn: CalendarDate?, on db: any Database) async throws -> BreakthroughPeriod? {
        guard let id else { return startsOn.map { .year($0.year) } }
        guard let period = try await RatingPeriod.find(id, on: db) else {
            add("periodId", LocalizedText(vi: "Không tìm thấy kỳ đánh giá số \(id)", en: "Period \(id) not found"))
            return nil
        }
        return .stored(period)
    }

    /// Someone answers for it: a member of the unit's subtree, or a role.
    mutating func owner(_ memberId: Int?, role: String?, in unit: Organization, on db: any Database) async throws {
        guard let memberId else {
            if role == nil {
                add("ownerRole", LocalizedText(vi: "Chưa có người chịu trách nhiệm: chọn một đảng viên hoặc ghi chức danh. \(BreakthroughSpecificity.rule.vi)",
                                               en: "Nobody is responsible: choose a member or name a role. \(BreakthroughSpecificity.rule.en)"))
            }
            return
        }
        if let member = try await Member.find(memberId, on: db), unit.treePath.contains(TreePath(rawValue: member.organizationPath)!) { return }
        add("ownerMemberId", LocalizedText(vi: "Đảng viên số \(memberId) không thuộc \(unit.name)", en: "Member \(memberId) is not in \(unit.name)"))
    }
}
