/// Whose commitments a caller reads. Commitments are public inside a cell (công khai để giám sát): besides
/// those who read at the cell (officers, its secretary), a member reads their own and those of the members
/// on the roll of the cell they are on the roll of themselves — and nothing else.
public struct CommitmentOwner: Sendable, Hashable {
    public let memberId: Int
    /// The cell the member is enrolled in now.
    public let cell: TreePath
    public let isOnRoll: Bool

    public init(memberId: Int, cell: TreePath, isOnRoll: Bool) {
        self.memberId = memberId
        self.cell = cell
        self.isOnRoll = isOnRoll
    }
}

extension Actor {
    /// - Parameter callerCell: the cell the caller is on the roll of, if they are a member on a roll.
    public func readsCommitments(of owner: CommitmentOwner, callerCell: TreePath?) -> Bool {
        if can(.read, at: owner.cell) || memberId == owner.memberId { return true }
        return owner.isOnRoll && callerCell == owner.cell
    }
}
