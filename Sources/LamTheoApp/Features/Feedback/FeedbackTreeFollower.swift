import Fluent
import LamTheoCore
import SQLKit

/// Feedback follows the tree: a merged unit's open items go on at the unit it went into (settled ones stay where they
/// were answered), and every change of the tree's shape recounts the chains of stored figures it reshaped.
struct FeedbackTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        if let merged = change.merged {
            try await FeedbackCommands.handOver(from: merged.source, to: merged.target, on: db)
        }
        try await FeedbackTallies.recount(chainsOf: change.chainsToRebuild, on: db)
    }
}
