import LamTheoCore

/// A unit's briefings, latest first: those convened in its subtree and those it is invited to.
enum BriefingList {}

extension BriefingList {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: Int
            let title: String
            let committee: String
            let heldOn: CalendarDate
            let held: Bool
        }

        let unitId: Int
        let unitName: String
        /// Whether the reader may convene a briefing at the unit.
        let mayCreate: Bool
        let rows: [Row]
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
