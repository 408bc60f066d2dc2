import LamTheoCore

/// The charts of a dashboard's section and the text of a figure, drawn the same on the dashboard and in a report.
extension DashboardShow.Model {
    /// "231.700/245.200 (94,5%)", "1.234", or "chưa báo cáo".
    static func text(_ language: UILanguage, count: Int?, total: Int?) -> String {
        guard let total else { return count.map(NumberFormat(language).integer) ?? CoverageFigure.notReported(language) }
        return CoverageFigure(count: count, total: total).text(language)
    }

    /// The children compared by the section's lead figure, lagging first and striped: the first `limit` of them, the
    /// description counting every one that lags.
    func unitsChart(_ entry: Section, showing limit: Int = .max, language: UILanguage) -> BarChart {
        let lead = entry.lead
        let isShare = lead?.total != nil
        let lagging = entry.children.filter(\.isLagging).count
        let children = entry.children.prefix(limit)
        return BarChart(
            title: "\(lead?.title(language) ?? "") — " + LocalizedText(vi: "các đơn vị trực thuộc", en: "units below")(language),
            description: LocalizedText(vi: "\(lagging) đơn vị dưới mức chung của \(unitName), đứng đầu và được đánh dấu sọc.",
                                       en: "\(lagging) units below \(unitName)'s overall figure, first and striped.")(language),
            categories: children.map(\.name),
            series: [ChartSeries(label: lead?.title(language) ?? "", values: children.map { $0.figure.flatMap(DashboardShow.Query.value) },
                                 // A whole of 0 (no task at all) is "không có", not "chưa báo cáo".
                                 nothingToCount: Set(children.indices.filter { children[$0].figure?.total == 0 }))],
            valueFormat: isShare ? .percent : .number,
            highlight: Set(children.enumerated().filter { $0.element.isLagging }.map(\.offset)),
            categoryHeader: LocalizedText(vi: "Đơn vị", en: "Unit")(language))
    }

    /// The lead figure by day over the period, beside the period before.
    func trendChart(_ entry: Section, language: UILanguage) -> TrendChart {
        let lead = entry.lead
        return TrendChart(
            title: "\(lead?.title(language) ?? "") — \(period.name(of: day)(language))",
            description: LocalizedText(vi: "Theo ngày, từ số liệu lưu cuối mỗi ngày; đường nét đứt là cùng kỳ \(period.label.vi.lowercased()) trước.",
                                       en: "By day, from the figures stored each evening; the dashed line is the previous \(period.label.en.lowercased()).")(language),
            days: entry.trendDays.map { String(format: "%02d/%02d", $0.day, $0.month) },
            series: [ChartSeries(label: period.name(of: day)(language), values: entry.trend)],
            valueFormat: lead?.total != nil ? .percent : .number,
            comparison: ChartSeries(label: period.name(of: period.sameDayBefore(day))(language), values: entry.trendBefore))
    }

    /// The unit's distribution and the first `limit` children's, stacked.
    func distributionChart(_ entry: Section, own: DashboardDistribution, showing limit: Int = .max, language: UILanguage) -> StackedBarChart {
        let rows = [DashboardShow.Model.ChildDistribution(name: unitName, distribution: own)] + entry.childDistributions.prefix(limit)
        return StackedBarChart(
            title: own.title(language),
            description: LocalizedText(vi: "Tỷ lệ từng mức của toàn đơn vị và của mỗi đơn vị trực thuộc.", en: "Each level's share, for the whole unit and each unit below.")(language),
            categories: rows.map(\.name),
            parts: own.parts.indices.map { index in
                ChartSeries(label: own.parts[index].label(language),
                            values: rows.map { row in row.distribution.parts.indices.contains(index) ? Double(row.distribution.parts[index].count) : nil })
            },
            categoryHeader: LocalizedText(vi: "Đơn vị", en: "Unit")(language))
    }
}
