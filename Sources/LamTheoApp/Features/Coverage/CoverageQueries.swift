import Fluent
import LamTheoCore
import SQLKit

/// How far a campaign has got in one place: the unit's own figures, or its whole subtree's.
struct Coverage: Sendable {
    /// Members on the roll (the unit's own, or the subtree's).
    let members: Int
    let studied: CoverageFigure
    let reflectionsSubmitted: CoverageFigure
    let reflectionsAccepted: CoverageFigure
    let sessionsHeld: Int
    /// Units holding members that have reported anything (a session, an attendance, a reflection), out of
    /// all units holding members: a figure built on few reports says so.
    let reportingUnits: Int
    let unitsWithMembers: Int
    let obligations: ObligationTally

    static let empty = Coverage(members: 0, studied: CoverageFigure(count: nil, total: 0), reflectionsSubmitted: CoverageFigure(count: nil, total: 0),
                                reflectionsAccepted: CoverageFigure(count: nil, total: 0), sessionsHeld: 0, reportingUnits: 0, unitsWithMembers: 0,
                                obligations: ObligationTally(counts: [:], maxDaysLate: 0))
}

/// Obligations counted by status, with how late the latest one is.
struct ObligationTally: Sendable {
    let counts: [ObligationStatus: Int]
    /// Days past due of the most overdue obligation still awaiting the unit; 0 when none is late.
    let maxDaysLate: Int

    var total: Int { counts.values.reduce(0, +) }
    subscript(status: ObligationStatus) -> Int { counts[status] ?? 0 }

    /// Obligations met (accepted) out of those in force, or "not reported" when there are none.
    var done: CoverageFigure { CoverageFigure(count: total == 0 ? nil : self[.accepted], total: total) }
}

/// One child of a unit with its subtree's coverage: a row of the drill-down and of the lagging list.
struct ChildCoverage: Sendable {
    let organization: UnitLink
    let coverage: Coverage
}

/// The coverage roll-ups, read from stored figures: a unit's own and subtree figures are one
/// `campaign_figures` row, its obligations a handful of `obligation_tallies` rows, so the root of a
/// national tree costs what a cell costs.
enum CoverageQueries {
    static func coverage(of campaign: Campaign, at unit: Organization, _ extent: RollupExtent, today: CalendarDate, on db: any Database) async throws -> Coverage {
        let byUnit = try await coverage(of: campaign, units: "c.id = \(bind: unit.requireID())", extent, today: today, on: db)
        return byUnit[unit.requireID()] ?? Coverage.empty
    }

    /// The subtree coverage of each of `units`, in one grouped read: the dashboard's unit and its children.
    static func coverage(of campaign: Campaign, units: [Int], today: CalendarDate, on db: any Database) async throws -> [Int: Coverage] {
        guard !units.isEmpty else { return [:] }
        return try await coverage(of: campaign, units: "c.id IN (\(binds: units))", .subtree, today: today, on: db)
    }

    /// The drill-down: every active child of `unit` with its subtree's coverage, in Vietnamese order. Three
    /// grouped queries whatever the number of children.
    static func children(of unit: Organization, in campaign: Campaign, today: CalendarDate, on db: any Database) async throws -> [ChildCoverage] {
        let children = try await OrganizationQueries.activeChildLinks(of: unit.requireID(), on: db)
        let byUnit = try await coverage(of: campaign, units: "c.parent_id = \(bind: unit.requireID()) AND c.status = \(bind: OrganizationStatus.active.rawValue)", .subtree,
                                        today: today, on: db)
        return children.map { ChildCoverage(organization: $0, coverage: byUnit[$0.id] ?? Coverage.empty) }
    }

    /// The coverage of each unit `c` the predicate picks: one `campaign_figures` row each, and obligations
    /// by status (for the unit itself from its obligations, for its subtree from `obligation_tallies`).
    private static func coverage(of campaign: Campaign, units: SQLQueryString, _ extent: RollupExtent, today: CalendarDate,
                                 on db: any Database) async throws -> [Int: Coverage] {
        let campaignId = campaign.requireID()
        let figures = try await CampaignFigures.rollup.read(key: campaignId, units: units, extent, on: db)
        // A unit's own obligations are its rows of `obligations`; its subtree's, its rows of `obligation_tallies`.
        let (obligations, count): (SQLQueryString, SQLQueryString) = extent == .own
            ? ("obligations WHERE state NOT IN (\(binds: ObligationState.notInForce.map(\.rawValue))) AND", "COUNT(*)")
            : ("obligation_tallies WHERE", "SUM(obligations)")
        let statuses = try await db.sql.raw("""
            SELECT organization_id AS unit, \(CampaignQueries.obligationStatusCase(today: today)) AS status, CAST(\(count) AS BIGINT) AS n,
                   MIN(CASE WHEN state IN (\(binds: ObligationState.awaitingUnit.map(\.rawValue))) THEN COALESCE(extended_until, due_on) END) AS earliest
            FROM \(obligations) campaign_id = \(bind: campaignId) AND organization_id IN (SELECT c.id FROM organizations c WHERE \(units))
            GROUP BY organization_id, 2
            """).all()

        var tallies: [Int: (counts: [ObligationStatus: Int], maxDaysLate: Int)] = [:]
        for row in statuses {
            let unit = try row.decode(column: "unit", as: Int.self)
            guard let status = ObligationStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            var tally = tallies[unit] ?? ([:], 0)
            tally.counts[status] = try row.decode(column: "n", as: Int.self)
            if let earliest = try row.decode(column: "earliest", as: CalendarDate?.self) {
                tally.maxDaysLate = max(tally.maxDaysLate, ObligationStatus.daysLate(dueOn: earliest, extendedUntil: nil, today: today))
            }
            tallies[unit] = tally
        }
        var result: [Int: Coverage] = [:]
        for (unit, row) in figures {
            let members = try row.decode(column: "members", as: Int.self)
            let reporting = try row.decode(column: "reporting_units", as: Int.self)
            func share(_ column: String) throws -> CoverageFigure {
                CoverageFigure(count: reporting == 0 ? nil : try row.decode(column: column, as: Int.self), total: members)
            }
            let tally = tallies[unit] ?? ([:], 0)
            result[unit] = Coverage(
                members: members, studied: try share("members_studied"), reflectionsSubmitted: try share("reflections_submitted"),
                reflectionsAccepted: try share("reflections_accepted"), sessionsHeld: try row.decode(column: "sessions_held", as: Int.self),
                reportingUnits: reporting, unitsWithMembers: try row.decode(column: "member_units", as: Int.self),
                obligations: ObligationTally(counts: tally.counts, maxDaysLate: tally.maxDaysLate))
        }
        return result
    }
}

/// The members a coverage figure counts (or leaves out): what a click on the figure lists.
enum CoverageMemberList: String, Sendable, CaseIterable, Codable {
    case studied
    case notStudied = "not-studied"
    case reflected
    case notReflected = "not-reflected"
    case accepted

    var label: LocalizedText {
        switch self {
        case .studied: return LocalizedText(vi: "Đã học tập", en: "Studied")
        case .notStudied: return LocalizedText(vi: "Chưa học tập", en: "Not yet studied")
        case .reflected: return LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflection submitted")
        case .notReflected: return LocalizedText(vi: "Chưa nộp bài thu hoạch", en: "No reflection yet")
        case .accepted: return LocalizedText(vi: "Bài thu hoạch đạt", en: "Reflection accepted")
        }
    }

    /// How many members the list holds, from the same stored figures the page shows.
    func count(in coverage: Coverage) -> Int {
        switch self {
        case .studied: return coverage.studied.count ?? 0
        case .notStudied: return coverage.members - (coverage.studied.count ?? 0)
        case .reflected: return coverage.reflectionsSubmitted.count ?? 0
        case .notReflected: return coverage.members - (coverage.reflectionsSubmitted.count ?? 0)
        case .accepted: return coverage.reflectionsAccepted.count ?? 0
        }
    }

    /// The condition on a member row `m`, mirroring what `CampaignFigures.recount` counts.
    func condition(campaign: Int) -> SQLQueryString {
        let studied: SQLQueryString = """
            EXISTS (SELECT 1 FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
                    WHERE a.member_id = m.id AND a.status = \(bind: AttendanceStatus.present.rawValue) AND s.campaign_id = \(bind: campaign))
            """
        let reflected: SQLQueryString = "EXISTS (SELECT 1 FROM reflections r WHERE r.member_id = m.id AND r.campaign_id = \(bind: campaign))"
        switch self {
        case .studied: return studied
        case .notStudied: return "NOT " + studied
        case .reflected: return reflected
        case .notReflected: return "NOT " + reflected
        case .accepted:
            return """
                EXISTS (SELECT 1 FROM reflections r
                        WHERE r.member_id = m.id AND r.campaign_id = \(bind: campaign) AND r.state = \(bind: ReflectionState.accepted.rawValue))
                """
        }
    }
}

extension CoverageQueries {
    /// One page of the members behind a figure, in Vietnamese name order.
    static func members(_ list: CoverageMemberList, of campaign: Campaign, within unit: Organization, total: Int,
                        page: Int, perPage: Int, on db: any Database) async throws -> Page<Member> {
        let ids = try await db.sql.raw("""
            SELECT m.id FROM members m
            WHERE \(column: "m.organization_path", in: unit.treePath)
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))) AND \(list.condition(campaign: campaign.requireID()))
            ORDER BY m.name_sort, m.id LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        return Page(items: try await Member.plainRows(ids, on: db), page: page, perPage: perPage, total: total)
    }
}

/// How the "lagging units" list orders a unit's children: furthest behind first. A unit that has not
/// reported a figure is further behind than any that has.
enum LaggingOrder: String, Sendable, CaseIterable, Codable {
    case studied
    case reflected
    case accepted
    case obligationsDone = "obligations-done"
    case late
    case daysLate = "days-late"

    var label: LocalizedText {
        switch self {
        case .studied: return LocalizedText(vi: "Tỷ lệ học tập", en: "Share studied")
        case .reflected: return LocalizedText(vi: "Tỷ lệ nộp bài thu hoạch", en: "Share with a reflection")
        case .accepted: return LocalizedText(vi: "Tỷ lệ bài thu hoạch đạt", en: "Share of reflections accepted")
        case .obligationsDone: return LocalizedText(vi: "Tỷ lệ nhiệm vụ hoàn thành", en: "Share of obligations met")
        case .late: return LocalizedText(vi: "Số nhiệm vụ trễ hạn", en: "Late obligations")
        case .daysLate: return LocalizedText(vi: "Số ngày trễ hạn", en: "Days late")
        }
    }

    func sorted(_ children: [ChildCoverage]) -> [ChildCoverage] {
        children.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element.coverage), key(rhs.element.coverage))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Smaller is further behind.
    private func key(_ coverage: Coverage) -> Double {
        switch self {
        case .studied: return coverage.studied.ratio ?? -1
        case .reflected: return coverage.reflectionsSubmitted.ratio ?? -1
        case .accepted: return coverage.reflectionsAccepted.ratio ?? -1
        case .obligationsDone: return coverage.obligations.done.ratio ?? -1
        case .late: return -Double(coverage.obligations[.late])
        case .daysLate: return -Double(coverage.obligations.maxDaysLate)
        }
    }
}
