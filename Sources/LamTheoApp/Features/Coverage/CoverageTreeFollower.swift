import Fluent
import LamTheoCore

/// Campaign coverage counts members where they are now: recounted when members move or change status,
/// and along the chains a move or a merge reshaped. Closed campaigns keep the figures of the day they closed.
struct CoverageTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        let units = try await change.unitsToRecount(on: db)
        guard !units.isEmpty else { return }
        try await CampaignFigures.recount(units, on: db)
        try await CampaignFigures.rollup.rebuild(
            chainsOf: change.chainsToRebuild,
            where: "campaign_id IN (SELECT id FROM campaigns WHERE status = \(bind: CampaignStatus.active.rawValue))", on: db)
    }

    func membersChanged(at units: Set<Int>, on db: any Database) async throws {
        try await CampaignFigures.recount(units, on: db)
    }
}
