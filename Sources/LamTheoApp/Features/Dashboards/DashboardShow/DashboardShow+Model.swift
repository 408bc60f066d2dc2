import LamTheoCore

/// A unit's dashboard: each registered section's figures for its subtree on a day, beside the same day of the period
/// before, its children compared (lagging first), and the trend of the lead figure over the period.
enum DashboardShow {
    struct Model: Sendable {
        struct Child: Sendable {
            let id: Int
            let name: String
            /// The child's lead figure; nil when the child has nothing of the section.
            let figure: DashboardFigure?
            /// Below the unit's own share (or above its count, for a figure where less is better).
            let isLagging: Bool
        }

        struct Section: Sendable {
            let section: DashboardSection
            /// Each figure's value on the same day of the period before, by key, where one was stored.
            let previous: [String: SnapshotValue]
            /// Lagging first, then the rest in the order of their figure.
            let children: [Child]
            /// The lead figure's stored values from the period's start to the day, and over the period before.
            let trendDays: [CalendarDate]
            let trend: [Double?]
            let trendBefore: [Double?]
            /// Each child's distribution, for the stacked chart beside the unit's own.
            let childDistributions: [(name: String, distribution: DashboardDistribution)]

            var lead: DashboardFigure? { section.figures.first { $0.key == section.leadFigure } }
        }

        let unitId: Int
        let unitName: String
        let day: CalendarDate
        let period: ReportingPeriod
        let sections: [Section]
    }
}
