import Fluent
import LamTheoCore

extension DashboardShow {
    enum Query {
        /// The reads `run` reports as done one by one: the children, each source, the history.
        static var steps: Int { Dashboards.sources.count + 2 }

        /// `progress` is told how many of `steps` are done after each.
        static func run(unit: Organization, day: CalendarDate, period: ReportingPeriod, on db: any Database,
                        progress: (Int) async throws -> Void = { _ in }) async throws -> Model {
            let unitId = unit.requireID()
            let children = try await DashboardUnit.activeChildren(of: unitId, on: db)
            try await progress(1)
            let sections = try await Dashboards.sections(of: [DashboardUnit(unit)] + children, explaining: unitId, day: day, on: db) { try await progress(1 + $0) }
            let periodStart = period.start(of: day)
            let before = period.sameDayBefore(day)
            let beforeStart = period.start(of: before)
            let keys = (sections[unitId] ?? []).flatMap(\.figures).map(\.key)
            let leadKeys = (sections[unitId] ?? []).compactMap(\.leadFigure)
            let history = try await DashboardSnapshots.history(of: unitId, trendKeys: leadKeys, from: beforeStart, through: day,
                                                               keys: keys, on: before, db: db)
            try await progress(steps)
            let days = stride(from: periodStart.daysSinceEpoch, through: day.daysSinceEpoch, by: 1).map(CalendarDate.init(daysSinceEpoch:))
            let daysBefore = days.map { period.sameDayBefore($0) }

            return Model(unitId: unitId, unitName: unit.name, day: day, period: period, sections: (sections[unitId] ?? []).map { section in
                let lead = section.figures.first { $0.key == section.leadFigure }
                let leadHistory = lead.flatMap { history[$0.key] } ?? [:]
                // Today's value is the live figure: the snapshot of today, if taken yet, may be hours old.
                let trend = days.map { $0 == day ? lead.flatMap(Self.value) : leadHistory[$0]?.chartValue }
                return Model.Section(
                    section: section,
                    previous: section.figures.reduce(into: [:]) { previous, figure in previous[figure.key] = history[figure.key]?[before] },
                    children: compared(children, sections: sections, section: section, lead: lead),
                    trendDays: days, trend: trend, trendBefore: daysBefore.map { leadHistory[$0]?.chartValue },
                    childDistributions: children.compactMap { child in
                        sections[child.id]?.first { $0.key == section.key }?.distribution.map { Model.ChildDistribution(name: child.name, distribution: $0) }
                    })
            })
        }

        /// The figure as a chart draws it: a share in percent, or the count.
        static func value(_ figure: DashboardFigure) -> Double? {
            SnapshotValue(count: figure.count, total: figure.total).chartValue
        }

        /// The children with the section's lead figure, lagging first: those not reported, then those below the unit's own
        /// figure, worst first; then the others, best first.
        private static func compared(_ children: [DashboardUnit], sections: [Int: [DashboardSection]], section: DashboardSection,
                                     lead: DashboardFigure?) -> [Model.Child] {
            guard let lead else { return [] }
            let own = value(lead)
            let sign: Double = lead.higherIsBetter ? 1 : -1
            let rows = children.map { child -> Model.Child in
                let figures = sections[child.id]?.first { $0.key == section.key }?.figures ?? []
                let figure = figures.first { $0.key == lead.key }
                let score = figure.flatMap(value)
                // Not reported counts as lagging; below the unit's own figure (above it, where less is better) too. A child with
                // nothing to count (no tasks at all: a whole of 0) is not behind.
                let lagging: Bool
                if figure == nil || figure?.total == 0 {
                    lagging = false
                } else if let score, let own {
                    lagging = sign * (score - own) < 0
                } else {
                    lagging = score == nil
                }
                return Model.Child(id: child.id, name: child.name, figure: figure,
                                   values: figures.reduce(into: [:]) { $0[$1.key] = SnapshotValue(count: $1.count, total: $1.total) }, isLagging: lagging)
            }
            // Ties keep the children's Vietnamese name order.
            return rows.enumerated().filter { $0.element.figure != nil }.sorted { leftEntry, rightEntry in
                let (left, right) = (leftEntry.element, rightEntry.element)
                if left.isLagging != right.isLagging { return left.isLagging }
                let (a, b) = (left.figure.flatMap(value), right.figure.flatMap(value))
                if (a == nil) != (b == nil) { return a == nil }
                guard let a, let b, a != b else { return leftEntry.offset < rightEntry.offset }
                return left.isLagging ? sign * a < sign * b : sign * a > sign * b
            }.map { $0.element }
        }
    }
}
