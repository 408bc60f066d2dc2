import LamTheoCore

/// A unit's follow-up tasks: its subtree's figures by status, and the tasks — its own or its subtree's, all or
/// one status — overdue first.
enum FollowUpList {}

extension FollowUpList {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: Int
            let title: String
            let unit: String
            let origin: String
            let deadline: CalendarDate
            let extended: Bool
            let status: FollowUpStatus
        }

        let unitId: Int
        let unitName: String
        /// Whether the unit has units under it: a unit alone is named by itself, not "Toàn đảng bộ…".
        let hasChildren: Bool
        /// The subtree's and the unit's own figures, of the filter's origin when it has one.
        let subtree: FollowUpTally
        let own: FollowUpTally
        let filter: FollowUpFilter
        /// What the filter's origin kind is called ("Kiến nghị sau kiểm tra"), when the list shows one.
        let originName: LocalizedText?
        /// The unit whose issued tasks the list shows, when it shows one's.
        let issuerName: String?
        let rows: [Row]
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
