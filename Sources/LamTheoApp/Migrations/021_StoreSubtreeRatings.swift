import Fluent
import SQLKit

/// Keeps beside each rating figure its sum over the unit's whole subtree (`subtree_…`, kept since by
/// `RatingFigures.rollup`), replacing the path-range sums of 016's index. Periods already counted are
/// backfilled in plain SQL: every ancestor of a counted unit gets a row, then each row sums the rows below it.
struct StoreSubtreeRatings: AsyncMigration {
    var name: String { "021_StoreSubtreeRatings" }

    private static let newColumns = [
        "subtree_excellent", "subtree_good", "subtree_completed", "subtree_not_completed", "subtree_not_rated", "subtree_pending",
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        for column in Self.newColumns {
            try await sql.raw("ALTER TABLE rating_figures ADD COLUMN \(ident: column) BIGINT NOT NULL DEFAULT 0").run()
        }
        try await sql.drop(index: "rating_figures_rollup").ifExists().run()

        try await sql.raw("""
            INSERT INTO rating_figures (period_id, organization_id, organization_path, excellent, good, completed, not_completed, not_rated, pending)
            SELECT DISTINCT f.period_id, o.id, o.path, 0, 0, 0, 0, 0, 0
            FROM rating_figures f JOIN organizations counted ON counted.id = f.organization_id
              JOIN organizations o ON counted.path >= o.path AND counted.path < o.path || '~'
            WHERE 1 = 1
            ON CONFLICT (period_id, organization_id) DO NOTHING
            """).run()
        try await sql.raw("""
            UPDATE rating_figures SET (subtree_excellent, subtree_good, subtree_completed, subtree_not_completed, subtree_not_rated,
                                       subtree_pending) = (
              SELECT COALESCE(SUM(d.excellent), 0), COALESCE(SUM(d.good), 0), COALESCE(SUM(d.completed), 0),
                     COALESCE(SUM(d.not_completed), 0), COALESCE(SUM(d.not_rated), 0), COALESCE(SUM(d.pending), 0)
              FROM rating_figures d JOIN organizations below ON below.id = d.organization_id
                JOIN organizations unit ON unit.id = rating_figures.organization_id
              WHERE d.period_id = rating_figures.period_id AND below.path >= unit.path AND below.path < unit.path || '~')
            """).run()
    }

    func revert(on database: any Database) async throws {
        // The dropped index is not rebuilt: code before the roll-up needed it for speed only.
        for column in Self.newColumns {
            try await database.sql.raw("ALTER TABLE rating_figures DROP COLUMN \(ident: column)").run()
        }
    }
}
