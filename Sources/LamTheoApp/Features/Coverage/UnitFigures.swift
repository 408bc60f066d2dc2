import Fluent
import LamTheoCore
import SQLKit

/// Every stored per-unit figure that counts members where they are now: campaign coverage, commitments
/// and open rating periods. Writes that move members or change who is on a roll (transfers, status changes, imports,
/// merges, moves) call this, inside their transaction, for the units they touched.
enum UnitFigures {
    static func recount(_ organizationIds: Set<Int>, on db: any Database) async throws {
        try await CampaignFigures.recount(organizationIds, on: db)
        try await CommitmentFigures.recount(organizationIds, on: db)
        try await RatingFigures.recountOpenPeriods(organizationIds, on: db)
    }

    /// Recounts every unit holding members in `subtree`, its root and `others` (the unit a moved one left),
    /// and rolls them up: after a move brought the subtree into (or out of) a campaign.
    static func recount(subtree: TreePath, alsoChainsOf others: Set<Int> = [], on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            SELECT id FROM organizations WHERE path >= \(bind: subtree.rawValue) AND path < \(bind: subtree.upperBound) AND member_count > 0
            """).all()
        let holdingMembers = Set(try rows.map { try $0.decode(column: "id", as: Int.self) })
        try await recount(holdingMembers.union(others).union([subtree.ids.last!]), on: db)
        try await rebuildChains(of: others.union([subtree.ids.last!]), on: db)
    }

    /// After the tree changed shape around these units (a unit moved from or under them, units merged into
    /// them): recomputes the subtree figures along their chains, which a recount's changes alone would not
    /// fix. Closed campaigns keep theirs.
    static func rebuildChains(of organizationIds: Set<Int>, on db: any Database) async throws {
        try await CampaignFigures.rollup.rebuild(chainsOf: organizationIds, where: "campaign_id IN (SELECT id FROM campaigns WHERE status = 'active')", on: db)
        try await CommitmentFigures.rollup.rebuild(chainsOf: organizationIds, where: "1 = 1", on: db)
        try await RatingFigures.rollup.rebuild(chainsOf: organizationIds, where: "1 = 1", on: db)
    }
}
