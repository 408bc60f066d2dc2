import Fluent
import LamTheoCore
import Vapor

/// A period members and units are assessed and rated for: a year, a quarter, a committee term, or an ad
/// hoc span. Commitments, breakthroughs and ratings belong to one; closing it for a subtree freezes them.
final class RatingPeriod: Model, @unchecked Sendable {
    static let schema = "rating_periods"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: RatingPeriodKind
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: CalendarDate
    @Field(key: "ends_on") var endsOn: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum RatingPeriodKind: String, Codable, Sendable, CaseIterable {
    case year
    case quarter
    case term
    case adHoc = "ad_hoc"

    var label: LocalizedText {
        switch self {
        case .year: return LocalizedText(vi: "Năm", en: "Year")
        case .quarter: return LocalizedText(vi: "Quý", en: "Quarter")
        case .term: return LocalizedText(vi: "Nhiệm kỳ", en: "Term")
        case .adHoc: return LocalizedText(vi: "Đột xuất", en: "Ad hoc")
        }
    }
}

/// A period closed for a unit's subtree: from then on what belongs to the period there is frozen, until
/// the closure is reopened (which the audit trail records with its reason).
final class PeriodClosure: Model, @unchecked Sendable {
    static let schema = "period_closures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "period_id") var periodId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "closed_on") var closedOn: CalendarDate
    @OptionalField(key: "reopened_on") var reopenedOn: CalendarDate?
    @OptionalField(key: "reopen_reason") var reopenReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The questions other features ask about periods.
enum RatingPeriods {
    /// The period of `kind` that contains `date`, if one is defined.
    static func containing(_ date: CalendarDate, kind: RatingPeriodKind, on db: any Database) async throws -> RatingPeriod? {
        try await RatingPeriod.query(on: db).filter(\.$kind == kind)
            .filter(\.$startsOn <= date).filter(\.$endsOn >= date).sort(\.$startsOn, .descending).first()
    }

    /// The year period for `year`, created the first time it is needed: every year is a period.
    static func year(_ year: Int, on db: any Database) async throws -> RatingPeriod {
        let start = CalendarDate(year: year, month: 1, day: 1)!
        if let existing = try await RatingPeriod.query(on: db).filter(\.$kind == .year).filter(\.$startsOn == start).first() {
            return existing
        }
        let period = RatingPeriod()
        period.kind = .year
        period.title = "Năm \(year)"
        period.startsOn = start
        period.endsOn = CalendarDate(year: year, month: 12, day: 31)!
        try await period.create(on: db)
        return period
    }

    /// The open closure of `period` that covers `path` (at the unit or above it), if any.
    static func closure(of period: RatingPeriod, covering path: TreePath, on db: any Database) async throws -> PeriodClosure? {
        try await PeriodClosure.query(on: db).filter(\.$periodId == period.requireID())
            .filter(\.$organizationPath ~~ path.lineage.map(\.rawValue)).filter(\.$reopenedOn == nil).first()
    }

    /// Refuses a write on something of `period` at `path` once the period is closed there.
    static func requireOpen(_ period: RatingPeriod, at path: TreePath, field: String, on db: any Database) async throws {
        guard try await closure(of: period, covering: path, on: db) != nil else { return }
        throw DomainError.conflict(field: field, LocalizedText(
            vi: "Kỳ đánh giá “\(period.title)” đã khóa sổ tại đơn vị này: không thể thay đổi",
            en: "The period “\(period.title)” is closed for this unit: nothing in it can be changed"))
    }
}
