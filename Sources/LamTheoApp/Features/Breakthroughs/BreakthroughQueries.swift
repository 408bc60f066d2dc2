import Fluent
import LamTheoCore
import SQLKit

/// A subtree's breakthroughs counted by status, with how many of its units have set any.
struct BreakthroughTally: Sendable {
    let counts: [BreakthroughStatus: Int]
    /// Active units in the subtree, and those among them with at least one breakthrough in the period.
    let units: Int
    let reportingUnits: Int

    var total: Int { counts.values.reduce(0, +) }
    subscript(status: BreakthroughStatus) -> Int { counts[status] ?? 0 }
    /// Breakthroughs done out of all, or "chưa báo cáo" when the subtree has set none.
    var done: CoverageFigure { CoverageFigure(count: total == 0 ? nil : self[.done], total: total) }
}

/// One child of a unit with its subtree's tally: a row of the roll-up.
struct ChildBreakthroughs: Sendable {
    let organization: Organization
    let tally: BreakthroughTally
}

/// A breakthrough with its unit's name, for lists.
struct BreakthroughRow: Sendable {
    let breakthrough: Breakthrough
    let unitName: String
}

/// Reads of breakthroughs. A subtree's figures are counted over `breakthroughs_rollup` (a few rows per unit,
/// each carrying its own progress), so their cost follows the number of units, never of check-ins.
enum BreakthroughQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Breakthrough {
        guard let breakthrough = try await Breakthrough.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy khâu đột phá", en: "Breakthrough not found"))
        }
        return breakthrough
    }

    static func period(of breakthrough: Breakthrough, on db: any Database) async throws -> RatingPeriod {
        try await RatingPeriod.find(breakthrough.periodId, on: db)!
    }

    /// The period asked for, or the year period containing `today` (nil before any year has one).
    static func period(_ id: Int?, today: CalendarDate, on db: any Database) async throws -> RatingPeriod? {
        guard let id else { return try await RatingPeriods.containing(today, kind: .year, on: db) }
        guard let period = try await RatingPeriod.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy kỳ đánh giá", en: "Period not found"))
        }
        return period
    }

    /// Periods to choose from, latest first.
    static func periods(on db: any Database) async throws -> [RatingPeriod] {
        try await RatingPeriod.query(on: db).sort(\.$startsOn, .descending).sort(\.$id).all()
    }

    static func checkIns(of breakthrough: Breakthrough, on db: any Database) async throws -> [BreakthroughCheckIn] {
        try await BreakthroughCheckIn.query(on: db).filter(\.$breakthroughId == breakthrough.requireID())
            .sort(\.$checkedOn).sort(\.$id).all()
    }

    /// The breakthroughs of `ids` in `period`: a leader's evidence for the Ratings feature (the units a
    /// member heads). Callers check scope; the status of each is `status(today:)`.
    static func ofUnits(_ ids: [Int], period: RatingPeriod, on db: any Database) async throws -> [Breakthrough] {
        guard !ids.isEmpty else { return [] }
        return try await Breakthrough.query(on: db).filter(\.$organizationId ~~ ids).filter(\.$periodId == period.requireID())
            .sort(\.$organizationId).sort(\.$endsOn).sort(\.$id).all()
    }

    /// The subtree's breakthroughs, late and at risk first, then by end date; optionally of one status.
    static func list(within unit: Organization, period: RatingPeriod?, status: BreakthroughStatus?, today: CalendarDate,
                     page: Int, perPage: Int, on db: any Database) async throws -> Page<BreakthroughRow> {
        guard let period else { return Page(items: [], page: page, perPage: perPage, total: 0) }
        let statusFilter: SQLQueryString = status.map { "AND \(statusCase(today: today)) = \(bind: $0.rawValue)" } ?? ""
        let predicate: SQLQueryString = """
            period_id = \(bind: period.requireID()) AND \(column: "organization_path", in: unit.treePath) \(statusFilter)
            """
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM breakthroughs WHERE \(predicate)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT id FROM breakthroughs WHERE \(predicate)
            ORDER BY CASE \(statusCase(today: today)) WHEN \(bind: BreakthroughStatus.late.rawValue) THEN 0 WHEN \(bind: BreakthroughStatus.atRisk.rawValue) THEN 1
                                                      WHEN \(bind: BreakthroughStatus.onTrack.rawValue) THEN 2 ELSE 3 END,
                     ends_on, organization_path, id
            LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let byId = Dictionary(uniqueKeysWithValues: try await Breakthrough.query(on: db).filter(\.$id ~~ ids).all().map { ($0.requireID(), $0) })
        let names = try await OrganizationQueries.names(byId.values.map(\.organizationId), on: db)
        let rows = ids.compactMap { id in byId[id].map { BreakthroughRow(breakthrough: $0, unitName: names[$0.organizationId] ?? "") } }
        return Page(items: rows, page: page, perPage: perPage, total: total)
    }

    /// The subtree of `unit` counted by status.
    static func tally(within unit: Organization, period: RatingPeriod?, today: CalendarDate, on db: any Database) async throws -> BreakthroughTally {
        let range: (String) -> SQLQueryString = { column in
            "\(column: column, in: unit.treePath)"
        }
        let units = try await db.sql.raw("SELECT COUNT(*) AS n FROM organizations WHERE \(range("path")) AND status = \(bind: OrganizationStatus.active.rawValue)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard let period else { return BreakthroughTally(counts: [:], units: units, reportingUnits: 0) }
        let place: SQLQueryString = "period_id = \(bind: period.requireID()) AND \(range("organization_path"))"
        var counts: [BreakthroughStatus: Int] = [:]
        for row in try await db.sql.raw("SELECT \(statusCase(today: today)) AS status, COUNT(*) AS n FROM breakthroughs WHERE \(place) GROUP BY 1").all() {
            if let status = BreakthroughStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        let reporting = try await db.sql.raw("SELECT COUNT(DISTINCT organization_id) AS n FROM breakthroughs WHERE \(place)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return BreakthroughTally(counts: counts, units: units, reportingUnits: reporting)
    }

    /// Every active child of `unit` with its subtree's tally, in Vietnamese order.
    static func children(of unit: Organization, period: RatingPeriod?, today: CalendarDate, on db: any Database) async throws -> [ChildBreakthroughs] {
        var result: [ChildBreakthroughs] = []
        for child in try await OrganizationQueries.activeChildren(of: unit, on: db) {
            result.append(ChildBreakthroughs(organization: child, tally: try await tally(within: child, period: period, today: today, on: db)))
        }
        return result
    }

    /// The status of a breakthrough row, in SQL: mirrors `BreakthroughStatus.init(done:…)` (a test holds them
    /// together); ISO dates compare as text.
    static func statusCase(today: CalendarDate) -> SQLQueryString {
        """
        CASE WHEN done THEN \(bind: BreakthroughStatus.done.rawValue) WHEN ends_on < \(bind: today) THEN \(bind: BreakthroughStatus.late.rawValue)
             WHEN at_risk_from <= \(bind: today) THEN \(bind: BreakthroughStatus.atRisk.rawValue) ELSE \(bind: BreakthroughStatus.onTrack.rawValue) END
        """
    }
}
