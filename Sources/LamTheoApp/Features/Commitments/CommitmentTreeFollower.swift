import Fluent

/// Commitment figures count members where they are now: recounted when members move or change status,
/// and along the chains a move or a merge reshaped.
struct CommitmentTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        let units = try await change.unitsToRecount(on: db)
        guard !units.isEmpty else { return }
        try await CommitmentFigures.recount(units, on: db)
        try await CommitmentFigures.rollup.rebuild(chainsOf: change.chainsToRebuild, where: "1 = 1", on: db)
    }

    func membersChanged(at units: Set<Int>, on db: any Database) async throws {
        try await CommitmentFigures.recount(units, on: db)
    }
}
