import Fluent
import LamTheoCore
import SQLKit

extension CommitmentFigures {
    static let rollup = RollupTable(
        table: schema, key: "year",
        columns: ["members", "members_registered", "commitments", "commitments_achieved", "commitments_not_achieved", "members_assessed"],
        counts: [
            .init(name: "reporting_units", own: "CASE WHEN commitment_figures.commitments > 0 THEN 1 ELSE 0 END"),
            .init(name: "member_units", own: "CASE WHEN commitment_figures.members > 0 THEN 1 ELSE 0 END"),
        ])

    /// A year's first commitment gives every unit of the tree a row with its members on the roll and rolls
    /// them up, so that the registration rate has its denominator everywhere: a few set-based statements
    /// per tree level, once a year.
    static func start(year: Int, on db: any Database) async throws {
        // `1 = 1`: SQLite reads an ON right after FROM as a join's.
        try await rollup.seed(key: year, units: "1 = 1", on: db)
        for root in try await Organization.query(on: db).filter(\.$parentId == nil).all() {
            try await rollup.refresh(try await RollupUnits.subtree(root.treePath, andChainsOf: [], on: db), keys: [year], on: db)
        }
    }

    /// Recounts the figures of `organizationIds` for `year` (or for every year counted so far, and the years
    /// their members have commitments in), and rolls them up to the root. Called inside the transaction of
    /// every write that changes a commitment's assessment or where a member is (through `TreeFollowers.membersChanged`).
    static func recount(_ organizationIds: Set<Int>, year: Int? = nil, on db: any Database) async throws {
        guard !organizationIds.isEmpty else { return }
        // A started year has a row at every root: a handful of index entries, not every row of every year.
        let started = Set(try await db.sql.raw("""
            SELECT DISTINCT year FROM commitment_figures WHERE organization_id IN (SELECT id FROM organizations WHERE parent_id IS NULL)
            """).all().map { try $0.decode(column: "year", as: Int.self) })
        var years = year.map { Set([$0]) } ?? started
        if year == nil {
            for ids in organizationIds.sorted().chunked(into: 500) {
                let rows = try await db.sql.raw("""
                    SELECT DISTINCT c.year FROM commitments c JOIN members m ON m.id = c.member_id WHERE m.organization_id IN (\(binds: Array(ids)))
                    """).all()
                years.formUnion(try rows.map { try $0.decode(column: "year", as: Int.self) })
            }
        }
        for newYear in years.subtracting(started) {
            try await start(year: newYear, on: db)
        }
        guard !years.isEmpty else { return }
        for ids in organizationIds.sorted().chunked(into: 500) {
            try await recount(ids: Array(ids), years: years.sorted(), on: db)
        }
    }

    private static func recount(ids: [Int], years: [Int], on db: any Database) async throws {
        let units = try await RollupUnits.chains(of: Set(ids), on: db)
        let before = try await rollup.prepare(units, keys: years, on: db)
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        let commitmentsHere: SQLQueryString = """
            FROM commitments c JOIN members m ON m.id = c.member_id
            WHERE c.year = commitment_figures.year AND m.organization_id = commitment_figures.organization_id AND m.status IN (\(binds: onRoll))
            """
        let after = try await db.sql.raw("""
            UPDATE commitment_figures SET
              members = (SELECT o.member_count FROM organizations o WHERE o.id = commitment_figures.organization_id),
              members_registered = (SELECT COUNT(DISTINCT c.member_id) \(commitmentsHere)),
              commitments = (SELECT COUNT(*) \(commitmentsHere)),
              commitments_achieved = (SELECT COUNT(*) \(commitmentsHere) AND c.cell_result = \(bind: CommitmentResult.achieved.rawValue)),
              commitments_not_achieved = (SELECT COUNT(*) \(commitmentsHere) AND c.cell_result = \(bind: CommitmentResult.notAchieved.rawValue)),
              members_assessed = (SELECT COUNT(DISTINCT c.member_id) \(commitmentsHere)
                AND NOT EXISTS (SELECT 1 FROM commitments u WHERE u.member_id = c.member_id AND u.year = c.year AND u.cell_result IS NULL))
            WHERE organization_id IN (\(binds: ids)) AND year IN (\(binds: years))
            RETURNING \(rollup.ownColumns)
            """).all()
        try await rollup.propagate(from: before, to: try rollup.ownFigures(after), along: units, on: db)
    }
}
