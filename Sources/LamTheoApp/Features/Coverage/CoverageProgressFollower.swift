import Fluent

/// Coverage counts what campaigns publish: the stored figures follow launches and study records, the
/// obligation tallies follow the obligations, each inside the write that published them.
struct CoverageProgressFollower: CampaignProgressFollower {
    func progressed(_ progress: CampaignProgress, on db: any Database) async throws {
        switch progress {
        case .started(let campaign):
            try await CampaignFigures.start(campaign, on: db)
        case .obligationsChanged(let units, let campaigns):
            try await ObligationTallies.refresh(chainsOf: units, campaigns: campaigns, on: db)
        case .obligationsFollowedTree(let subtree, let formerChains):
            try await ObligationTallies.refresh(subtree: subtree, alsoChainsOf: formerChains, on: db)
        case .studyChanged(let units, let campaign):
            try await CampaignFigures.recount(units, campaign: campaign, on: db)
        }
    }
}
