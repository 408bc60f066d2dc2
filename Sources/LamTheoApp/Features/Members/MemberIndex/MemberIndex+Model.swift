/// The member list: every member the reader may read, or those of one unit's subtree, found by name or card.
enum MemberIndex {}

extension MemberIndex {
    struct Model: Sendable {
        /// The unit whose subtree is listed; nil for every member the reader may read.
        let unit: UnitLink?
        /// From the reader's highest readable unit down to `unit`, itself last.
        let lineage: [UnitLink]
        /// What was searched for; empty for the whole list.
        let text: String
        let members: Page<MemberRow>
    }
}
