import LamTheoCore

extension Member {
    /// Whether `actor` may see the member's personal data (ID number, phone, address, date of birth): those
    /// whose scope covers the member's cell, and the member themself.
    func personalDataVisible(to actor: Actor) -> Bool {
        actor.memberId == id || TreePath(rawValue: organizationPath).map { actor.can(.read, at: $0) } == true
    }
}
