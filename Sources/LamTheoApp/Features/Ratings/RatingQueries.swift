import Fluent
import LamTheoCore
import SQLKit

/// Reads of ratings: periods, rules, who decides, the quota's counts, members' sheets and the roll-up.
enum RatingQueries {
    static func requirePeriod(_ id: Int, on db: any Database) async throws -> RatingPeriod {
        guard let period = try await RatingPeriod.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy kỳ đánh giá", en: "Period not found"))
        }
        return period
    }

    static func requireClosure(_ id: Int, on db: any Database) async throws -> PeriodClosure {
        guard let closure = try await PeriodClosure.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy lần khóa sổ", en: "Closure not found"))
        }
        return closure
    }

    /// Every period, the latest first.
    static func periods(on db: any Database) async throws -> [RatingPeriod] {
        try await RatingPeriod.query(on: db).sort(\.$endsOn, .descending).sort(\.$id, .descending).all()
    }

    static func ruleRecords(on db: any Database) async throws -> [RatingRuleRecord] {
        try await RatingRuleRecord.query(on: db).sort(\.$id).all()
    }

    static func rules(on db: any Database) async throws -> [RatingRule] {
        try await ruleRecords(on: db).map(\.rule)
    }

    /// The months of the active `minimumMonths` rule; nil when it is off.
    static func minimumMonths(_ rules: [RatingRule]) -> Int? {
        rules.first { $0.kind == .minimumMonths && $0.active }?.parameter.map { Int($0) }
    }

    /// Why `member` is not rated in `period`, if they are not.
    static func notRated(_ member: Member, in period: RatingPeriod, rules: [RatingRule]) -> NotRatedReason? {
        NotRatedReason.of(status: member.status, admittedOn: member.admittedOn,
                          periodEnd: period.endsOn, minimumMonths: minimumMonths(rules))
    }

    /// The grassroots organisation that decides a cell's members' ratings: the nearest unit above (or the
    /// cell itself, for a grassroots cell) of a grassroots kind; the parent when the tree has none.
    static func grassroots(of cell: Organization, on db: any Database) async throws -> Organization {
        if cell.kindCode == StandardOrganizationKind.grassrootsCell.rawValue { return cell }
        let above = try await Organization.query(on: db).filter(\.$path ~~ cell.treePath.lineage.dropLast().map(\.rawValue))
            .filter(\.$kindCode ~~ grassrootsKinds.map(\.rawValue)).sort(\.$depth, .descending).first()
        if let above { return above }
        return try await OrganizationQueries.require(cell.parentId ?? cell.requireID(), on: db)
    }

    static let grassrootsKinds: [StandardOrganizationKind] = [.grassroots, .commune, .upperGrassroots, .grassrootsCell]

    /// Whether a unit decides its members' ratings (a grassroots organisation).
    static func decidesMembers(_ unit: Organization) -> Bool {
        grassrootsKinds.contains { $0.rawValue == unit.kindCode }
    }

    static func rating(of subject: RatingSubject, in period: RatingPeriod, on db: any Database) async throws -> Rating? {
        let query = Rating.query(on: db).filter(\.$periodId == period.requireID())
        if let member = subject.member { return try await query.filter(\.$memberId == member.id).first() }
        return try await query.filter(\.$memberId == nil).filter(\.$organizationId == subject.unit.requireID()).first()
    }

    static func latestStep(_ kind: RatingStepKind, of rating: Rating, on db: any Database) async throws -> RatingStep? {
        try await RatingStep.query(on: db).filter(\.$ratingId == rating.requireID()).filter(\.$kind == kind).sort(\.$id, .descending).first()
    }

    /// The latest step of each kind for each rating.
    static func latestSteps(of ratingIds: [Int], on db: any Database) async throws -> [Int: [RatingStepKind: RatingStep]] {
        guard !ratingIds.isEmpty else { return [:] }
        let steps = try await RatingStep.query(on: db).filter(\.$ratingId ~~ ratingIds).sort(\.$id).all()
        return steps.reduce(into: [:]) { latest, step in latest[step.ratingId, default: [:]][step.kind] = step }
    }

    /// A grassroots organisation's member decisions in a period by level, leaving out one rating (the one being decided).
    static func decidedCounts(deciding: Organization, period: RatingPeriod, excluding ratingId: Int? = nil, on db: any Database) async throws -> [RatingLevel: Int] {
        let rows = try await db.sql.raw("""
            SELECT decided_level, COUNT(*) AS n FROM ratings
            WHERE period_id = \(bind: period.requireID()) AND deciding_id = \(bind: deciding.requireID())
              AND member_id IS NOT NULL AND decided_level IS NOT NULL AND id <> \(bind: ratingId ?? 0)
            GROUP BY decided_level
            """).all()
        return try rows.reduce(into: [:]) { counts, row in
            if let level = RatingLevel(rawValue: try row.decode(column: "decided_level", as: String.self)) {
                counts[level] = try row.decode(column: "n", as: Int.self)
            }
        }
    }

    /// The quota as it stands at a grassroots organisation: "đã xếp 3/4 xuất sắc được phép"; nil when the rule is off.
    static func quota(deciding: Organization, period: RatingPeriod, on db: any Database) async throws -> ExcellentQuota? {
        guard let share = try await rules(on: db).first(where: { $0.kind == .excellentQuota && $0.active })?.parameter else { return nil }
        let counts = try await decidedCounts(deciding: deciding, period: period, on: db)
        return ExcellentQuota(excellent: counts[.excellent] ?? 0, good: counts[.good] ?? 0, share: share)
    }

    /// The grassroots organisations in `subtree` (itself included) whose decided ratings in `period` are over
    /// the "xuất sắc" quota, after a correction took away a "tốt"; empty when the rule is off.
    static func brokenQuotas(within subtree: TreePath, period: RatingPeriod, on db: any Database) async throws -> [(unit: String, quota: ExcellentQuota)] {
        guard let share = try await rules(on: db).first(where: { $0.kind == .excellentQuota && $0.active })?.parameter else { return [] }
        let rows = try await db.sql.raw("""
            SELECT r.deciding_id AS deciding, o.name AS name,
                   SUM(CASE WHEN r.decided_level = \(bind: RatingLevel.excellent.rawValue) THEN 1 ELSE 0 END) AS excellent,
                   SUM(CASE WHEN r.decided_level = \(bind: RatingLevel.good.rawValue) THEN 1 ELSE 0 END) AS good
            FROM ratings r JOIN organizations o ON o.id = r.deciding_id
            WHERE r.period_id = \(bind: period.requireID()) AND r.member_id IS NOT NULL AND \(column: "r.deciding_path", in: subtree)
            GROUP BY r.deciding_id, o.name ORDER BY o.name
            """).all()
        return try rows.compactMap { row in
            let quota = ExcellentQuota(excellent: try row.decode(column: "excellent", as: Int.self), good: try row.decode(column: "good", as: Int.self), share: share)
            return quota.isBroken ? (try row.decode(column: "name", as: String.self), quota) : nil
        }
    }

    /// One member's line on a rating sheet.
    struct SheetRow: Sendable {
        let member: Member
        let notRated: NotRatedReason?
        let rating: Rating?
        let steps: [RatingStepKind: RatingStep]
    }

    /// The members on the roll in a unit's subtree, in Vietnamese name order, with their rating steps.
    static func sheet(period: RatingPeriod, unit: Organization, page: Int, perPage: Int, on db: any Database) async throws -> Page<SheetRow> {
        let query = Member.query(on: db).filter(\.$status ~~ MemberStatus.onRoll)
            .filter(\.$organizationPath, in: unit.treePath)
        let total = try await query.count()
        let members = try await query.sort(\.$nameSort).sort(\.$id).range((page - 1) * perPage ..< page * perPage).all()
        let ratings = try await Rating.query(on: db).filter(\.$periodId == period.requireID()).filter(\.$memberId ~~ members.compactMap(\.id)).all()
        let byMember = Dictionary(uniqueKeysWithValues: ratings.compactMap { rating in rating.memberId.map { ($0, rating) } })
        let steps = try await latestSteps(of: ratings.map { $0.requireID() }, on: db)
        let rules = try await Self.rules(on: db)
        let rows = members.map { member in
            let rating = byMember[member.requireID()]
            return SheetRow(member: member, notRated: notRated(member, in: period, rules: rules), rating: rating,
                            steps: rating.flatMap { steps[$0.requireID()] } ?? [:])
        }
        return Page(items: rows, page: page, perPage: perPage, total: total)
    }

    /// The ratings of units in a period, by unit, with their latest steps.
    static func unitRatings(of unitIds: [Int], in period: RatingPeriod, on db: any Database) async throws -> [Int: (rating: Rating, steps: [RatingStepKind: RatingStep])] {
        guard !unitIds.isEmpty else { return [:] }
        let ratings = try await Rating.query(on: db).filter(\.$periodId == period.requireID()).filter(\.$memberId == nil)
            .filter(\.$organizationId ~~ unitIds).all()
        let steps = try await latestSteps(of: ratings.map { $0.requireID() }, on: db)
        return Dictionary(uniqueKeysWithValues: ratings.map { ($0.organizationId, ($0, steps[$0.requireID()] ?? [:])) })
    }

    /// A member's ratings in every period, the latest first: what their own page shows.
    static func ofMember(_ member: Member, on db: any Database) async throws -> [(period: RatingPeriod, rating: Rating?, steps: [RatingStepKind: RatingStep])] {
        let periods = try await Self.periods(on: db)
        let ratings = try await Rating.query(on: db).filter(\.$memberId == member.requireID()).all()
        let byPeriod = Dictionary(uniqueKeysWithValues: ratings.map { ($0.periodId, $0) })
        let steps = try await latestSteps(of: ratings.map { $0.requireID() }, on: db)
        return periods.map { period in
            let rating = byPeriod[period.requireID()]
            return (period, rating, rating.flatMap { steps[$0.requireID()] } ?? [:])
        }
    }

    /// A unit's subtree figures, from its `rating_figures` row.
    static func tally(period: RatingPeriod, at unit: Organization, on db: any Database) async throws -> RatingTally {
        try await tallies(period: period, units: "c.id = \(bind: unit.requireID())", on: db)[unit.requireID()] ?? RatingTally()
    }

    /// Each active child of a unit with its subtree's figures, for the drill-down.
    static func children(of unit: Organization, period: RatingPeriod, on db: any Database) async throws -> [(unit: UnitLink, tally: RatingTally)] {
        let children = try await OrganizationQueries.activeChildLinks(of: unit.requireID(), on: db)
        let tallies = try await tallies(period: period, units: "c.parent_id = \(bind: unit.requireID()) AND c.status = \(bind: OrganizationStatus.active.rawValue)", on: db)
        return children.map { (unit: $0, tally: tallies[$0.id] ?? RatingTally()) }
    }

    /// The subtree figures of each unit `c` the predicate picks, from its `rating_figures` row (none: not counted there).
    static func tallies(period: RatingPeriod, units: SQLQueryString, on db: any Database) async throws -> [Int: RatingTally] {
        try await RatingFigures.rollup.read(key: period.requireID(), units: units, .subtree, on: db).mapValues { row in
            RatingTally(excellent: try row.decode(column: "excellent", as: Int.self), good: try row.decode(column: "good", as: Int.self),
                        completed: try row.decode(column: "completed", as: Int.self), notCompleted: try row.decode(column: "not_completed", as: Int.self),
                        notRated: try row.decode(column: "not_rated", as: Int.self), pending: try row.decode(column: "pending", as: Int.self))
        }
    }

    /// The closures of a period that concern a unit: at it, above it or below it, the latest first.
    static func closures(of period: RatingPeriod, around unit: Organization, on db: any Database) async throws -> [PeriodClosure] {
        try await PeriodClosure.query(on: db).filter(\.$periodId == period.requireID())
            .group(.or) { any in
                any.filter(\.$organizationPath ~~ unit.treePath.lineage.map(\.rawValue))
                any.group(.and) { $0.filter(\.$organizationPath, in: unit.treePath) }
            }
            .sort(\.$id, .descending).all()
    }

    static func snapshot(of closure: PeriodClosure, on db: any Database) async throws -> RatingSnapshot? {
        try await RatingSnapshot.query(on: db).filter(\.$closureId == closure.requireID()).first()
    }
}

extension RatingFigures {
    static let rollup = RollupTable(table: schema, key: "period_id",
                                    columns: ["excellent", "good", "completed", "not_completed", "not_rated", "pending"])

    /// Recounts the given cells' own figures for a period from members and decisions, and rolls them up to
    /// the root; called inside every write that changes a decision and on closing. On PostgreSQL the chains'
    /// rows are locked first and counted in later statements (`RollupTable.prepare`).
    static func recount(_ cellIds: Set<Int>, period: RatingPeriod, on db: any Database) async throws {
        let rules = try await RatingQueries.rules(on: db)
        // Admitted after this day: not rated. With the rule off, nobody is left out for it.
        let cutoff = RatingQueries.minimumMonths(rules).map { period.endsOn.adding(months: -$0) }
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        let periodId = period.requireID()
        for chunk in cellIds.sorted().chunked(into: 500) {
            let ids = Array(chunk)
            // `prepare` gives the cells (and their ancestors) their rows.
            let units = try await RollupUnits.chains(of: Set(ids), on: db)
            let before = try await rollup.prepare(units, keys: [periodId], on: db)
            let members: SQLQueryString = "m.organization_id = rating_figures.organization_id AND m.status IN (\(binds: onRoll))"
            let decided = { (level: RatingLevel) -> SQLQueryString in
                "(SELECT COUNT(*) FROM ratings r JOIN members m ON m.id = r.member_id WHERE r.period_id = rating_figures.period_id AND \(members) AND r.decided_level = \(bind: level.rawValue))"
            }
            let admittedLate: SQLQueryString = cutoff.map { "COALESCE(m.admitted_on, '') > \(bind: $0)" } ?? "1 = 0"
            let notRated: SQLQueryString = "(m.status = \(bind: MemberStatus.exempt.rawValue) OR \(admittedLate))"
            let after = try await db.sql.raw("""
                UPDATE rating_figures SET
                  excellent = \(decided(.excellent)), good = \(decided(.good)), completed = \(decided(.completed)), not_completed = \(decided(.notCompleted)),
                  not_rated = (SELECT COUNT(*) FROM members m WHERE \(members) AND \(notRated)),
                  pending = (SELECT COUNT(*) FROM members m WHERE \(members) AND NOT \(notRated)
                    AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.member_id = m.id AND r.period_id = rating_figures.period_id AND r.decided_level IS NOT NULL))
                WHERE period_id = \(bind: periodId) AND organization_id IN (\(binds: ids))
                RETURNING \(rollup.ownColumns)
                """).all()
            try await rollup.propagate(from: before, to: try rollup.ownFigures(after), along: units, on: db)
        }
    }

    /// Recounts the given cells' figures in every period already counted somewhere that is not closed for
    /// them: what a roster change (a transfer, a status change, an import, a merge, a move) calls through
    /// `TreeFollowers.membersChanged`, so that the figures follow members at once rather than at the period's closing.
    /// A cell whose period is closed keeps its figures as they were frozen.
    static func recountOpenPeriods(_ cellIds: Set<Int>, on db: any Database) async throws {
        guard !cellIds.isEmpty else { return }
        let counted = try await db.sql.raw("""
            SELECT p.id FROM rating_periods p WHERE EXISTS (SELECT 1 FROM rating_figures f WHERE f.period_id = p.id)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        guard !counted.isEmpty else { return }
        let periods = try await RatingPeriod.query(on: db).filter(\.$id ~~ counted).sort(\.$id).all()
        let closures = try await PeriodClosure.query(on: db).filter(\.$periodId ~~ counted).filter(\.$reopenedOn == nil).all()
        var cells: [(id: Int, path: TreePath)] = []
        for chunk in cellIds.sorted().chunked(into: 500) {
            cells += try await Organization.query(on: db).filter(\.$id ~~ Array(chunk)).all().map { ($0.requireID(), $0.treePath) }
        }
        for period in periods {
            let closed = closures.filter { $0.periodId == period.id }.compactMap { TreePath(rawValue: $0.organizationPath) }
            let open = cells.filter { cell in !closed.contains { $0.contains(cell.path) } }.map(\.id)
            try await recount(Set(open), period: period, on: db)
        }
    }

    /// Recounts every cell holding members in a subtree (closing it).
    static func recount(subtree: TreePath, period: RatingPeriod, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            SELECT id FROM organizations WHERE \(column: "path", in: subtree) AND member_count > 0
            """).all()
        try await recount(Set(try rows.map { try $0.decode(column: "id", as: Int.self) }), period: period, on: db)
    }
}
