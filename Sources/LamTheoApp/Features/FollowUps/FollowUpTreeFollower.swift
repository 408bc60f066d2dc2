import Fluent

/// Tasks follow the tree: a merged unit's unfinished tasks go on at the unit it went into, and every change
/// of the tree's shape recomputes the tallies it affects.
struct FollowUpTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        if let merged = change.merged {
            try await FollowUpCommands.handOver(from: merged.source, to: merged.target, on: db)
        }
        switch change.kind {
        case .moved, .merged:
            try await FollowUpTallies.refresh(subtree: change.subtree, alsoChainsOf: change.formerChains, on: db)
        case .created, .rekinded, .dissolved:
            break
        }
    }
}
