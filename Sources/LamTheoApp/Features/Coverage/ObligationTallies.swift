import Fluent
import LamTheoCore
import SQLKit

/// Each unit's obligations in force over its whole subtree, counted by state and due dates for each
/// campaign: an obligation's status depends on today's date, so what is stored is what the status is
/// derived from (`CampaignQueries.obligationStatusCase` reads these rows as it reads obligations). A root's rows are
/// as many as the distinct due dates below it, not its units.
///
/// Refreshed level by level like `RollupTable`, each unit from its own obligations and its children's
/// rows; on PostgreSQL a writer first locks the campaign's `campaign_figures` rows along its chains.
enum ObligationTallies {
    static let schema = "obligation_tallies"

    /// After obligations of `campaigns` changed at `organizationIds`: locks and refreshes their chains.
    static func refresh(chainsOf organizationIds: Set<Int>, campaigns: [Int], on db: any Database) async throws {
        let units = try await RollupUnits.chains(of: organizationIds, on: db)
        try await CampaignFigures.rollup.lock(units, keys: campaigns, on: db)
        try await refresh(units, campaigns: campaigns, on: db)
    }

    /// After a change of the tree: every active campaign's rows over `subtree`, the chain of its root and the
    /// chains of `others` (the unit a moved one left, the unit merged away).
    static func refresh(subtree: TreePath, alsoChainsOf others: Set<Int>, on db: any Database) async throws {
        let campaigns = try await activeCampaigns(on: db)
        guard !campaigns.isEmpty else { return }
        let units = try await RollupUnits.subtree(subtree, andChainsOf: others, on: db)
        try await CampaignFigures.rollup.lock(units, keys: campaigns, on: db)
        try await refresh(units, campaigns: campaigns, on: db)
    }

    /// Rewrites the rows of `units` for `campaigns`, deepest level first. The caller holds the locks.
    static func refresh(_ units: RollupUnits, campaigns: [Int], on db: any Database) async throws {
        guard !campaigns.isEmpty else { return }
        let awaiting: SQLQueryString = "b.state IN (\(binds: ObligationState.awaitingUnit.map(\.rawValue)))"
        for level in units.levels {
            let unitsOfLevel: SQLQueryString = "(SELECT o.id FROM organizations o WHERE \(level))"
            try await db.sql.raw("""
                DELETE FROM obligation_tallies WHERE campaign_id IN (\(binds: campaigns)) AND organization_id IN \(unitsOfLevel)
                """).run()
            try await db.sql.raw("""
                INSERT INTO obligation_tallies (campaign_id, organization_id, state, due_on, extended_until, obligations)
                SELECT campaign_id, unit, state, due_on, extended_until, SUM(n) FROM (
                  SELECT b.campaign_id, b.organization_id AS unit, b.state,
                         CASE WHEN \(awaiting) THEN b.due_on END AS due_on,
                         CASE WHEN \(awaiting) THEN b.extended_until END AS extended_until, 1 AS n
                  FROM obligations b
                  WHERE b.campaign_id IN (\(binds: campaigns)) AND b.state NOT IN (\(binds: ObligationState.notInForce.map(\.rawValue)))
                    AND b.organization_id IN \(unitsOfLevel)
                  UNION ALL
                  SELECT t.campaign_id, child.parent_id, t.state, t.due_on, t.extended_until, t.obligations
                  FROM obligation_tallies t JOIN organizations child ON child.id = t.organization_id
                  WHERE t.campaign_id IN (\(binds: campaigns))
                    AND t.organization_id IN (SELECT o.id FROM organizations o WHERE o.parent_id IN \(unitsOfLevel))
                ) x
                GROUP BY campaign_id, unit, state, due_on, extended_until
                """).run()
        }
    }

    /// The campaigns still counted: closed ones keep the figures of the day they closed.
    private static func activeCampaigns(on db: any Database) async throws -> [Int] {
        try await Campaign.query(on: db).filter(\.$status == .active).all().map { $0.requireID() }
    }
}
