import LamTheoCore

/// A unit's inspections and supervisions, latest first: those its subtree's committees decided and those
/// inspecting a unit in it; with the way to every open recommendation in the subtree, overdue first.
enum InspectionList {
    static let title = LocalizedText(vi: "Kiểm tra, giám sát", en: "Inspections")

    struct Row: Sendable {
        let id: Int
        let subject: String
        let kind: InspectionKind
        let committee: String
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        /// Where it stands; nil once closed.
        let current: InspectionStep?
    }

    struct Model: Sendable {
        let unitId: Int
        let unitName: String
        /// The caller may decide an inspection here (an editor of the unit).
        let mayCreate: Bool
        let rows: [Row]
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
