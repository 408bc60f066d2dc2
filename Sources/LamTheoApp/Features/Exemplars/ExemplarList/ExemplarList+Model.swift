import LamTheoCore

/// A unit's registry of exemplars: its subtree's figures (registered, commended, replicated, adoptions) and
/// the exemplars, latest nominated first, one state or kind at a time.
enum ExemplarList {}

extension ExemplarList {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: Int
            let title: String
            let kind: ExemplarKind
            let unit: String
            let state: ExemplarState
            let nominatedOn: CalendarDate
        }

        let unitId: Int
        let unitName: String
        /// Whether the unit has units under it: a unit alone is named by itself, not "Toàn đảng bộ…".
        let hasChildren: Bool
        let subtree: ExemplarTally
        let filter: ExemplarFilter
        let rows: [Row]
        let mayNominate: Bool
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
