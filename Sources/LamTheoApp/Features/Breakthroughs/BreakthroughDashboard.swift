import Fluent
import LamTheoCore
import SQLKit

/// The breakthroughs of the units' subtrees in the year of the dashboard's day, by status on that day (the stacked
/// chart): done, late, at risk. Counted from the rows (a few per unit), for the unit asked about and its children in
/// one grouped query over the `breakthroughs_rollup` index range (`BreakthroughQueries.statusCounts`), as the
/// breakthroughs page counts them.
struct BreakthroughDashboard: DashboardSource {
    let name = "breakthroughs"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let ids = units.map(\.id)
        guard !ids.isEmpty, let period = try await BreakthroughQueries.period(nil, today: day, on: db) else { return [:] }
        let counts = try await BreakthroughQueries.statusCounts(under: "c.id IN (\(binds: ids))", period: period, today: day, on: db)
        return counts.reduce(into: [:]) { sections, entry in
            sections[entry.key] = [section(period, unit: entry.key, entry.value, explained: entry.key == explaining)]
        }
    }

    private func section(_ period: RatingPeriod, unit: Int, _ counts: [BreakthroughStatus: Int], explained: Bool) -> DashboardSection {
        let id = period.requireID()
        let key = "breakthroughs-\(id)"
        let total = counts.values.reduce(0, +)
        let risk = (margin: Int(BreakthroughRiskRule.standard.margin), staleDays: BreakthroughRiskRule.standard.staleDays)
        func figure(_ status: BreakthroughStatus, title: LocalizedText, counted: @autoclosure () -> LocalizedText, higherIsBetter: Bool) -> DashboardFigure {
            let figure = CoverageFigure(count: counts[status] ?? 0, total: total)
            return DashboardFigure(key: "\(key).\(status.rawValue)", title: title, count: figure.count, total: figure.total,
                                   explanation: DashboardFigure.explanation(figure, counted: counted(), whole: LocalizedText(
                                       vi: "khâu đột phá của các đơn vị trong kỳ \(period.title)", en: "the units' breakthroughs of \(period.title)")),
                                   link: BreakthroughRoute.list.path(query: [.unit: unit, "period": id, "status": status.rawValue]),
                                   higherIsBetter: higherIsBetter, explained: explained)
        }
        return DashboardSection(key: key, title: LocalizedText(vi: "Khâu đột phá: \(period.title)", en: "Breakthroughs: \(period.title)"), figures: [
            figure(.done, title: LocalizedText(vi: "Khâu đột phá đã hoàn thành", en: "Breakthroughs achieved"),
                   counted: LocalizedText(vi: "khâu đột phá đơn vị đã báo cáo hoàn thành", en: "breakthroughs their unit reported done"),
                   higherIsBetter: true),
            figure(.late, title: LocalizedText(vi: "Khâu đột phá trễ hạn", en: "Breakthroughs overdue"),
                   counted: LocalizedText(vi: "khâu đột phá đã quá thời hạn mà chưa hoàn thành", en: "breakthroughs past their end date and not done"),
                   higherIsBetter: false),
            figure(.atRisk, title: LocalizedText(vi: "Khâu đột phá có nguy cơ chậm", en: "Breakthroughs at risk"),
                   counted: LocalizedText(vi: "khâu đột phá chưa hoàn thành, còn hạn, mà tiến độ chậm hơn thời gian đã qua quá \(risk.margin) điểm phần trăm "
                                              + "hoặc \(risk.staleDays) ngày chưa báo cáo",
                                          en: "breakthroughs not done and within their time whose progress trails the time elapsed by more than "
                                              + "\(risk.margin) points, or with no report for \(risk.staleDays) days"),
                   higherIsBetter: false),
        ], leadFigure: "\(key).done",
           distribution: DashboardDistribution(title: LocalizedText(vi: "Khâu đột phá theo tình trạng", en: "Breakthroughs by status"),
                                               parts: BreakthroughStatus.allCases.map { DashboardDistribution.Part(label: $0.label, count: counts[$0] ?? 0) }),
           topic: .practice)
    }
}
