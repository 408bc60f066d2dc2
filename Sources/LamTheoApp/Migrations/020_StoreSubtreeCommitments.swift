import Fluent
import SQLKit

/// Keeps beside each commitment figure, and the members on the roll, its sum over the unit's whole subtree
/// (`subtree_…`, kept since by `CommitmentFigures.rollup`), replacing the path-range sums of 014's index.
/// Each year already counted is backfilled in plain SQL: every unit gets a row with its members on the roll,
/// then each row sums the rows below it.
struct StoreSubtreeCommitments: AsyncMigration {
    var name: String { "020_StoreSubtreeCommitments" }

    private static let newColumns = [
        "members", "subtree_members", "subtree_members_registered", "subtree_commitments", "subtree_commitments_achieved",
        "subtree_commitments_not_achieved", "subtree_members_assessed", "subtree_reporting_units", "subtree_member_units",
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        for column in Self.newColumns {
            try await sql.raw("ALTER TABLE commitment_figures ADD COLUMN \(ident: column) BIGINT NOT NULL DEFAULT 0").run()
        }
        try await sql.drop(index: "commitment_figures_rollup").ifExists().run()

        try await sql.raw("""
            INSERT INTO commitment_figures (year, organization_id, organization_path, members, members_registered, commitments,
                                            commitments_achieved, commitments_not_achieved, members_assessed)
            SELECT y.year, o.id, o.path, o.member_count, 0, 0, 0, 0, 0
            FROM (SELECT DISTINCT year FROM commitment_figures) y CROSS JOIN organizations o
            WHERE 1 = 1
            ON CONFLICT (year, organization_id) DO UPDATE SET members = excluded.members
            """).run()
        try await sql.raw("""
            UPDATE commitment_figures SET (subtree_members, subtree_members_registered, subtree_commitments, subtree_commitments_achieved,
                                           subtree_commitments_not_achieved, subtree_members_assessed, subtree_reporting_units,
                                           subtree_member_units) = (
              SELECT COALESCE(SUM(d.members), 0), COALESCE(SUM(d.members_registered), 0), COALESCE(SUM(d.commitments), 0),
                     COALESCE(SUM(d.commitments_achieved), 0), COALESCE(SUM(d.commitments_not_achieved), 0),
                     COALESCE(SUM(d.members_assessed), 0),
                     COALESCE(SUM(CASE WHEN d.commitments > 0 THEN 1 ELSE 0 END), 0),
                     COALESCE(SUM(CASE WHEN d.members > 0 THEN 1 ELSE 0 END), 0)
              FROM commitment_figures d JOIN organizations below ON below.id = d.organization_id
                JOIN organizations unit ON unit.id = commitment_figures.organization_id
              WHERE d.year = commitment_figures.year AND below.path >= unit.path AND below.path < unit.path || '~')
            """).run()
    }

    func revert(on database: any Database) async throws {
        // The dropped index is not rebuilt: code before the roll-up needed it for speed only.
        for column in Self.newColumns {
            try await database.sql.raw("ALTER TABLE commitment_figures DROP COLUMN \(ident: column)").run()
        }
    }
}
