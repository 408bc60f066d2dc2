import LamTheoCore

/// A member as the lists show them: plain values for a page's model.
struct MemberRow: Sendable, Hashable {
    let id: Int
    let fullName: String
    let cardNumber: String
    let status: MemberStatus
    /// The cell whose roll they are on.
    let cell: UnitLink
    /// The unit the cell is under, in a search's results: many cells share a name ("Chi bộ Khu phố 1").
    var cellParent: String? = nil
}

extension MemberRow {
    /// - Parameter cells: the names of the members' cells (`MemberQueries.cellNames`).
    init(_ member: Member, cells: [Int: String]) {
        self.init(id: member.requireID(), fullName: member.fullName, cardNumber: member.cardNumber, status: member.status,
                  cell: UnitLink(id: member.organizationId, name: cells[member.organizationId] ?? ""))
    }
}
