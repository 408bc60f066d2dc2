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
    let organization: UnitLink
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

    /// The subtree of `unit` counted by status, and each active child's in Vietnamese order: five queries however many
    /// children there are (three for each child before: 290 ms for a unit with 706). The subtree is the unit and its
    /// children's subtrees, closed ones included, so its figures are the children's summed with the unit's own.
    static func rollup(of unit: Organization, period: RatingPeriod?, today: CalendarDate,
                       on db: any Database) async throws -> (subtree: BreakthroughTally, children: [ChildBreakthroughs]) {
        let unitId = unit.requireID()
        let children = try await OrganizationQueries.activeChildLinks(of: unitId, on: db)
        // Active units under each child, its own included; one index range each.
        var units: [Int: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT c.id AS unit, (SELECT COUNT(*) FROM organizations d WHERE d.path >= c.path AND d.path < c.path || '~'
                                  AND d.status = \(bind: OrganizationStatus.active.rawValue)) AS n
            FROM organizations c WHERE c.parent_id = \(bind: unitId)
            """).all() {
            units[try row.decode(column: "unit", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        let subtreeUnits = (unit.status == .active ? 1 : 0) + units.values.reduce(0, +)
        guard let period else {
            return (BreakthroughTally(counts: [:], units: subtreeUnits, reportingUnits: 0),
                    children.map { ChildBreakthroughs(organization: $0, tally: BreakthroughTally(counts: [:], units: units[$0.id] ?? 0, reportingUnits: 0)) })
        }
        let periodId = period.requireID()
        let underChildren: SQLQueryString = "c.parent_id = \(bind: unitId)"
        let counts = try await statusCounts(under: underChildren, period: period, today: today, on: db)
        var reporting: [Int: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT c.id AS unit, COUNT(DISTINCT b.organization_id) AS n \(subtrees(underChildren, period: period, on: db)) GROUP BY 1
            """).all() {
            reporting[try row.decode(column: "unit", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        var own: [BreakthroughStatus: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT \(statusCase(today: today)) AS status, COUNT(*) AS n FROM breakthroughs
            WHERE period_id = \(bind: periodId) AND organization_id = \(bind: unitId) GROUP BY 1
            """).all() {
            if let status = BreakthroughStatus(rawValue: try row.decode(column: "status", as: String.self)) { own[status] = try row.decode(column: "n", as: Int.self) }
        }
        let subtreeCounts = counts.values.reduce(into: own) { sum, child in sum.merge(child, uniquingKeysWith: +) }
        let subtree = BreakthroughTally(counts: subtreeCounts, units: subtreeUnits,
                                        reportingUnits: (own.isEmpty ? 0 : 1) + reporting.values.reduce(0, +))
        return (subtree, children.map { child in
            let id = child.id
            return ChildBreakthroughs(organization: child, tally: BreakthroughTally(counts: counts[id] ?? [:], units: units[id] ?? 0, reportingUnits: reporting[id] ?? 0))
        })
    }

    /// The breakthroughs of `period` under each unit `c` the predicate picks (its whole subtree), by status on `today`:
    /// one grouped query, for the roll-up's children and the dashboard's units.
    static func statusCounts(under units: SQLQueryString, period: RatingPeriod, today: CalendarDate,
                             on db: any Database) async throws -> [Int: [BreakthroughStatus: Int]] {
        var counts: [Int: [BreakthroughStatus: Int]] = [:]
        for row in try await db.sql.raw("""
            SELECT c.id AS unit, \(statusCase(today: today)) AS breakthrough_status, COUNT(*) AS n \(subtrees(units, period: period, on: db))
            GROUP BY 1, 2
            """).all() {
            if let status = BreakthroughStatus(rawValue: try row.decode(column: "breakthrough_status", as: String.self)) {
                counts[try row.decode(column: "unit", as: Int.self), default: [:]][status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    /// `FROM` the units `c` the predicate picks, each joined with its subtree's breakthroughs `b` of `period`: each unit,
    /// then its range of `breakthroughs_rollup` — SQLite is told that order (CROSS JOIN), which it would otherwise
    /// choose without statistics.
    private static func subtrees(_ units: SQLQueryString, period: RatingPeriod, on db: any Database) -> SQLQueryString {
        """
        FROM organizations c \(unsafeRaw: db.isPostgres ? "JOIN" : "CROSS JOIN") breakthroughs b
          ON b.period_id = \(bind: period.requireID()) AND b.organization_path >= c.path AND b.organization_path < c.path || '~'
        WHERE \(units)
        """
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
