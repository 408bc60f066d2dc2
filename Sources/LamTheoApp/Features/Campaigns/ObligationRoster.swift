import Fluent
import LamTheoCore
import SQLKit

/// Keeps obligations in step with the tree: units created or moved into a campaign's subtree receive
/// theirs, units merged away hand theirs over, units dissolved or moved out are withdrawn. Each is a
/// set-based statement over a subtree, so a launch at national scale or a large move costs a few
/// statements, not one per unit.
enum ObligationRoster {
    /// Gives every active unit in `subtree` the obligations of every active campaign covering it that it
    /// does not have yet.
    static func assignMissing(in subtree: TreePath, on db: any Database) async throws {
        try await assign(in: subtree, where: "AND NOT EXISTS (SELECT 1 FROM obligations x WHERE x.requirement_id = r.id AND x.organization_id = o.id)", on: db)
    }

    /// A launch: every active unit of the campaign's subtree receives the campaign's obligations. It has
    /// none yet, so nothing is looked up: on PostgreSQL a lookup planned before the statistics know the
    /// table would scan the rows this very statement inserts, once per row (minutes at national scale).
    static func assignAll(of campaign: Campaign, on db: any Database) async throws {
        try await assign(in: campaign.treePath, where: "AND c.id = \(bind: campaign.requireID())", on: db)
    }

    private static func assign(in subtree: TreePath, where condition: SQLQueryString, on db: any Database) async throws {
        try await db.sql.raw("""
            INSERT INTO obligations (campaign_id, requirement_id, organization_id, organization_path, due_on, state, submission_count, updated_at)
            SELECT r.campaign_id, r.id, o.id, o.path, r.due_on, \(bind: ObligationState.open.rawValue), 0, CURRENT_TIMESTAMP
            FROM campaigns c
            JOIN campaign_requirements r ON r.campaign_id = c.id
            JOIN campaign_requirement_kinds k ON k.requirement_id = r.id
            JOIN organizations o ON o.kind_code = k.kind_code AND o.path >= c.organization_path AND o.path < c.organization_path || '~'
            WHERE c.status = \(bind: CampaignStatus.active.rawValue) AND o.status = \(bind: OrganizationStatus.active.rawValue)
              AND \(column: "o.path", in: subtree) \(condition)
            """).run()
    }

    /// After units in `subtree` were created, moved, re-kinded or closed (paths already rebased): withdraws
    /// what units no longer in a campaign's subtree, no longer active or no longer of a required kind still
    /// had to do; gives back what a unit that returned had; assigns what is missing. Then publishes the
    /// change, for the tallies of the subtree, of its ancestors and of the chains of `others` (the unit a
    /// moved one left, the unit merged away).
    static func followTreeChange(in subtree: TreePath, alsoChainsOf others: Set<Int> = [], on db: any Database) async throws {
        let inSubtree: SQLQueryString = "\(column: "obligations.organization_path", in: subtree)"
        let covered: SQLQueryString = """
            EXISTS (SELECT 1 FROM campaigns c WHERE c.id = obligations.campaign_id AND c.status = \(bind: CampaignStatus.active.rawValue)
                    AND obligations.organization_path >= c.organization_path AND obligations.organization_path < c.organization_path || '~')
            AND EXISTS (SELECT 1 FROM organizations o JOIN campaign_requirement_kinds k ON k.kind_code = o.kind_code
                        WHERE o.id = obligations.organization_id AND o.status = \(bind: OrganizationStatus.active.rawValue) AND k.requirement_id = obligations.requirement_id)
            """
        try await db.sql.raw("""
            UPDATE obligations SET state = \(bind: ObligationState.withdrawn.rawValue), updated_at = CURRENT_TIMESTAMP
            WHERE \(inSubtree) AND state IN (\(binds: ObligationState.awaitingUnit.map(\.rawValue))) AND NOT (\(covered))
            """).run()
        try await db.sql.raw("""
            UPDATE obligations
            SET state = CASE WHEN submission_count > 0 THEN \(bind: ObligationState.returned.rawValue) ELSE \(bind: ObligationState.open.rawValue) END,
                updated_at = CURRENT_TIMESTAMP
            WHERE \(inSubtree) AND state = \(bind: ObligationState.withdrawn.rawValue) AND \(covered)
            """).run()
        try await assignMissing(in: subtree, on: db)
        try await CampaignProgressFollowers.publish(.obligationsFollowedTree(subtree: subtree, formerChains: others), on: db)
    }

    /// A merge: what the source unit still had to do passes to the unit it was merged into (whose
    /// `followTreeChange` then recounts both).
    static func handOver(from source: Organization, to target: Organization, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE obligations SET state = \(bind: ObligationState.handedOver.rawValue), handed_over_to_id = \(bind: target.requireID()), updated_at = CURRENT_TIMESTAMP
            WHERE organization_id = \(bind: source.requireID()) AND state IN (\(binds: ObligationState.awaitingUnit.map(\.rawValue)))
            """).run()
    }
}
