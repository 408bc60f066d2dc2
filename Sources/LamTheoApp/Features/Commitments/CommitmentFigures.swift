import Fluent
import LamTheoCore
import SQLKit

extension CommitmentFigures {
    /// Recounts the figures of `organizationIds` for `year` (or for every year their members have
    /// commitments in, and every year already counted there). Called inside the transaction of every
    /// write that changes a commitment's assessment or where a member is (through `UnitFigures.recount`).
    ///
    /// On PostgreSQL the rows are locked first and counted in a later statement, as `CampaignFigures` does.
    static func recount(_ organizationIds: Set<Int>, year: Int? = nil, on db: any Database) async throws {
        for ids in organizationIds.sorted().chunked(into: 500) {
            try await recount(ids: Array(ids), year: year, on: db)
        }
    }

    private static func recount(ids: [Int], year: Int?, on db: any Database) async throws {
        let yearFilter: (String) -> SQLQueryString = { column in year.map { "\(unsafeRaw: column) = \(bind: $0)" } ?? "1 = 1" }
        try await db.sql.raw("""
            INSERT INTO commitment_figures (year, organization_id, organization_path, members_registered, commitments,
                                            commitments_achieved, commitments_not_achieved, members_assessed)
            SELECT DISTINCT c.year, o.id, o.path, 0, 0, 0, 0, 0
            FROM commitments c JOIN members m ON m.id = c.member_id JOIN organizations o ON o.id = m.organization_id
            WHERE o.id IN (\(binds: ids)) AND \(yearFilter("c.year"))
            ON CONFLICT (year, organization_id) DO NOTHING
            """).run()
        let rows: SQLQueryString = "commitment_figures.organization_id IN (\(binds: ids)) AND \(yearFilter("commitment_figures.year"))"
        if db.isPostgres {
            try await db.sql.raw("SELECT id FROM commitment_figures WHERE \(rows) ORDER BY id FOR UPDATE").run()
        }
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        let commitmentsHere: SQLQueryString = """
            FROM commitments c JOIN members m ON m.id = c.member_id
            WHERE c.year = commitment_figures.year AND m.organization_id = commitment_figures.organization_id AND m.status IN (\(binds: onRoll))
            """
        try await db.sql.raw("""
            UPDATE commitment_figures SET
              organization_path = (SELECT o.path FROM organizations o WHERE o.id = commitment_figures.organization_id),
              members_registered = (SELECT COUNT(DISTINCT c.member_id) \(commitmentsHere)),
              commitments = (SELECT COUNT(*) \(commitmentsHere)),
              commitments_achieved = (SELECT COUNT(*) \(commitmentsHere) AND c.cell_result = 'achieved'),
              commitments_not_achieved = (SELECT COUNT(*) \(commitmentsHere) AND c.cell_result = 'not_achieved'),
              members_assessed = (SELECT COUNT(DISTINCT c.member_id) \(commitmentsHere)
                AND NOT EXISTS (SELECT 1 FROM commitments u WHERE u.member_id = c.member_id AND u.year = c.year AND u.cell_result IS NULL))
            WHERE \(rows)
            """).run()
    }
}
