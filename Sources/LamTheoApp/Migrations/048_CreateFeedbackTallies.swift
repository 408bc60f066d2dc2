import Fluent
import SQLKit

/// Each unit's count of its whole subtree's citizens' feedback (`feedback_tallies`): open items by their answer
/// deadline, so that "overdue" is counted on the day it is read, and settled items answered on time or late. The
/// dashboard's feedback figures and the feedback list's totals counted a subtree's items live: with 1,000,000 items,
/// 1.3 s (PostgreSQL) to 2.4 s (SQLite) at the national root. Filled here from the items already sent, deepest units
/// first, each unit's own items plus its children's counts.
///
/// `feedback_open_due` lists the open items in the list's order (nearest deadline first): the root's first page walks
/// it instead of sorting every open item of the country.
struct CreateFeedbackTallies: AsyncMigration {
    var name: String { "048_CreateFeedbackTallies" }

    /// `FeedbackState.open` when this migration was written.
    private static let open: SQLQueryString = "state IN ('received', 'acknowledged', 'forwarded')"

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        // `due_on` is an open item's deadline and '' for settled ones: part of the unique key, so never NULL.
        try await database.schema("feedback_tallies")
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("figure", .string, .required)
            .field("due_on", .string, .required)
            .field("items", .int64, .required)
            .unique(on: "organization_id", "figure", "due_on", name: "feedback_tallies_key")
            .create()
        try await sql.raw("""
            CREATE INDEX feedback_open_due ON feedback (answer_due_on, id, organization_path) WHERE \(Self.open)
            """).run()

        try await sql.raw("""
            INSERT INTO feedback_tallies (organization_id, figure, due_on, items)
            SELECT organization_id, figure, due_on, COUNT(*) FROM (
              SELECT organization_id,
                     CASE WHEN \(Self.open) THEN 'open' WHEN answered_on <= answer_due_on THEN 'answered_on_time' ELSE 'answered_late' END AS figure,
                     CASE WHEN \(Self.open) THEN answer_due_on ELSE '' END AS due_on
              FROM feedback WHERE \(Self.open) OR answered_on IS NOT NULL) x
            GROUP BY organization_id, figure, due_on
            """).run()
        let deepest = try await sql.raw("SELECT MAX(depth) AS deepest FROM organizations").first()?.decode(column: "deepest", as: Int?.self) ?? nil
        for depth in stride(from: deepest ?? 0, to: 0, by: -1) {
            // `WHERE`: SQLite would read the ON of the upsert as a join's without one.
            try await sql.raw("""
                INSERT INTO feedback_tallies (organization_id, figure, due_on, items)
                SELECT c.parent_id, t.figure, t.due_on, SUM(t.items)
                FROM feedback_tallies t JOIN organizations c ON c.id = t.organization_id
                WHERE c.depth = \(bind: depth) AND c.parent_id IS NOT NULL
                GROUP BY c.parent_id, t.figure, t.due_on
                ON CONFLICT (organization_id, figure, due_on) DO UPDATE SET items = feedback_tallies.items + excluded.items
                """).run()
        }
        if database.isPostgres { try await sql.raw("ANALYZE feedback").run() }
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "feedback_open_due").run()
        try await database.schema("feedback_tallies").delete()
    }
}
