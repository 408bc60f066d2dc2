import Fluent
import SQLKit

/// Keeps beside each coverage figure its sum over the unit's whole subtree (`subtree_…`, kept since by
/// `CampaignFigures.rollup`), replacing the path-range sums of 012's index, and tallies obligations by state
/// and due date for each unit's subtree (`obligation_tallies`). Existing campaigns are backfilled in plain
/// SQL: every unit of a campaign's subtree and every ancestor of its unit gets a row, with its members on the
/// roll; then each row sums the rows below it.
struct StoreSubtreeCoverage: AsyncMigration {
    var name: String { "017_StoreSubtreeCoverage" }

    private static let newColumns = [
        "members", "subtree_members", "subtree_members_studied", "subtree_reflections_submitted", "subtree_reflections_accepted",
        "subtree_sessions_held", "subtree_reporting_units", "subtree_member_units",
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        for column in Self.newColumns {
            try await sql.raw("ALTER TABLE campaign_figures ADD COLUMN \(ident: column) BIGINT NOT NULL DEFAULT 0").run()
        }
        try await sql.drop(index: "campaign_figures_rollup").ifExists().run()

        try await database.schema("obligation_tallies")
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("state", .string, .required)
            // Only for obligations still awaiting the unit (open or returned); null otherwise.
            .field("due_on", .string)
            .field("extended_until", .string)
            .field("obligations", .int, .required)
            .create()
        try await database.createIndex("obligation_tallies_unit", on: "obligation_tallies", columns: ["campaign_id", "organization_id"])

        // `WHERE 1 = 1`: SQLite would read the ON CONFLICT right after a join's ON as part of the join.
        try await sql.raw("""
            INSERT INTO campaign_figures (campaign_id, organization_id, organization_path, members, members_studied,
                                          reflections_submitted, reflections_accepted, sessions_held)
            SELECT c.id, o.id, o.path, o.member_count, 0, 0, 0, 0
            FROM campaigns c JOIN organizations o
              ON (o.path >= c.organization_path AND o.path < c.organization_path || '~')
              OR (c.organization_path >= o.path AND c.organization_path < o.path || '~')
            WHERE 1 = 1
            ON CONFLICT (campaign_id, organization_id) DO UPDATE SET members = excluded.members
            """).run()
        try await sql.raw("""
            UPDATE campaign_figures SET (subtree_members, subtree_members_studied, subtree_reflections_submitted,
                                         subtree_reflections_accepted, subtree_sessions_held, subtree_reporting_units,
                                         subtree_member_units) = (
              SELECT COALESCE(SUM(d.members), 0), COALESCE(SUM(d.members_studied), 0), COALESCE(SUM(d.reflections_submitted), 0),
                     COALESCE(SUM(d.reflections_accepted), 0), COALESCE(SUM(d.sessions_held), 0),
                     COALESCE(SUM(CASE WHEN d.members_studied + d.reflections_submitted + d.sessions_held > 0 THEN 1 ELSE 0 END), 0),
                     COALESCE(SUM(CASE WHEN d.members > 0 THEN 1 ELSE 0 END), 0)
              FROM campaign_figures d JOIN organizations below ON below.id = d.organization_id
                JOIN organizations unit ON unit.id = campaign_figures.organization_id
              WHERE d.campaign_id = campaign_figures.campaign_id AND below.path >= unit.path AND below.path < unit.path || '~')
            """).run()
        try await sql.raw("""
            INSERT INTO obligation_tallies (campaign_id, organization_id, state, due_on, extended_until, obligations)
            SELECT b.campaign_id, unit.id, b.state,
                   CASE WHEN b.state IN ('open', 'returned') THEN b.due_on END AS due,
                   CASE WHEN b.state IN ('open', 'returned') THEN b.extended_until END AS extended,
                   COUNT(*)
            FROM obligations b JOIN organizations here ON here.id = b.organization_id
              JOIN organizations unit ON here.path >= unit.path AND here.path < unit.path || '~'
            WHERE b.state NOT IN ('handed_over', 'withdrawn')
            GROUP BY b.campaign_id, unit.id, b.state, due, extended
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("obligation_tallies").delete()
        // The dropped index is not rebuilt: code before the roll-up needed it for speed only.
        for column in Self.newColumns {
            try await database.sql.raw("ALTER TABLE campaign_figures DROP COLUMN \(ident: column)").run()
        }
    }
}
