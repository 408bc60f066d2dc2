import Fluent

/// Obligations follow the tree: a merged unit hands what it still had to do to the unit it went into, and
/// every change gives or withdraws obligations where campaigns now require them (`ObligationRoster`).
struct ObligationTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        if let merged = change.merged {
            try await ObligationRoster.handOver(from: merged.source, to: merged.target, on: db)
        }
        try await ObligationRoster.followTreeChange(in: change.subtree, alsoChainsOf: change.formerChains, on: db)
    }
}
