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
        try await FeedbackTallies.recount(chainsOf: change.chainsToRebuild, on: db) { db in
            // Holding the chains' roots: every command that forwarded an item into the moved subtree before the move
            // committed has committed too, and one that read the unit's former path wrote it after `TreePathCopies` had
            // rewritten the subtree's rows. Each item takes its unit's path again.
            try await db.sql.raw("""
                UPDATE feedback SET organization_path = (SELECT o.path FROM organizations o WHERE o.id = feedback.organization_id)
                WHERE organization_id IN (SELECT o.id FROM organizations o WHERE \(column: "o.path", in: change.subtree))
                  AND organization_path <> (SELECT o.path FROM organizations o WHERE o.id = feedback.organization_id)
                """).run()
        }
    }
}
