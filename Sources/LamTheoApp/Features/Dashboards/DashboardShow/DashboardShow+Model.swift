import LamTheoCore

/// A unit's dashboard: each registered section's figures for its subtree on a day, beside the same day of the period
/// before, its children compared (lagging first), and the trend of the lead figure over the period. Codable: a report
/// keeps the model it was drafted from, so that it shows the figures of its day, not today's.
enum DashboardShow {
    struct Model: Sendable, Codable {
        struct Child: Sendable, Codable {
            let id: Int
            let name: String
            /// The child's lead figure; nil when the child has nothing of the section.
            let figure: DashboardFigure?
            /// Every figure of the section for the child, by key: the report's annex lists them all.
            let values: [String: SnapshotValue]
            /// Below the unit's own share (or above its count, for a figure where less is better).
            let isLagging: Bool
        }

        /// A child unit's distribution, beside the unit's own in the stacked chart.
        struct ChildDistribution: Sendable, Codable {
            let name: String
            let distribution: DashboardDistribution
        }

        struct Section: Sendable, Codable {
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
            let childDistributions: [ChildDistribution]

            var lead: DashboardFigure? { section.figures.first { $0.key == section.leadFigure } }
        }

        let unitId: Int
        let unitName: String
        let day: CalendarDate
        let period: ReportingPeriod
        let sections: [Section]
    }
}
