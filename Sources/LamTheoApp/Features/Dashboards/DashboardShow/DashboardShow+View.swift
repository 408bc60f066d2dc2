import Foundation
import LamTheoCore
import Plot

extension DashboardShow {
    static let title = LocalizedText(vi: "Tổng quan", en: "Dashboard")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(DashboardShow.title(language)) · \(model.unitName)")),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Số liệu toàn đơn vị và các đơn vị trực thuộc đến ngày \(model.day.vietnamese); so sánh với cùng kỳ \(model.period.label.vi.lowercased()) trước.",
                    en: "Figures for the whole unit and the units below it as of \(model.day.vietnamese); compared with the same day of the previous \(model.period.label.en.lowercased()).")(language))),
                periodForm(language),
                .if(model.sections.isEmpty, .p(.text(LocalizedText(vi: "Chưa có số liệu nào cho đơn vị này.", en: "No figures for this unit yet.")(language)))),
                .forEach(model.sections) { section(context, $0) })
            return Layout(title: DashboardShow.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        private func periodForm(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .form(.class("inline"), .method(.get), .action(DashboardRoute.show.path),
                  .input(.type(.hidden), .name("unit"), .value(String(model.unitId))),
                  .div(.label(.for("period"), .text(LocalizedText(vi: "Kỳ", en: "Period")(language))),
                       .element(named: "select", nodes: [
                           .attribute(named: "id", value: "period"), .attribute(named: "name", value: "period"),
                           .forEach(ReportingPeriod.allCases) { period in
                               .element(named: "option", nodes: [.attribute(named: "value", value: period.rawValue),
                                                                 .attribute(named: "selected", value: period == model.period ? "selected" : nil),
                                                                 .text(period.label(language))])
                           },
                       ])),
                  .div(.label(.for("day"), .text(LocalizedText(vi: "Đến ngày", en: "As of")(language))),
                       .input(.id("day"), .name("day"), .type(.date), .value(model.day.iso))),
                  .div(.button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Xem", en: "Show")(language)))))
        }

        private func section(_ context: PageContext, _ entry: Model.Section) -> Node<HTML.BodyContext> {
            let language = context.language
            let id = "s-" + entry.section.key
            return .section(.id(id),
                .h2(.text(entry.section.title(language))),
                .div(.class("figures"), .forEach(entry.section.figures) { figure(language, $0, previous: entry.previous[$0.key]) }),
                .if(!entry.children.isEmpty, chartWithTable(language, units(language, entry), id: id + "-units")),
                .if(entry.trend.contains { $0 != nil } || entry.trendBefore.contains { $0 != nil },
                    chartWithTable(language, trend(language, entry), id: id + "-trend")),
                .unwrap(entry.section.distribution) { chartWithTable(language, distributionChart(language, entry, own: $0), id: id + "-parts") })
        }

        /// A figure: its value, the same day of the period before, how it is computed and where its units and people are.
        private func figure(_ language: UILanguage, _ figure: DashboardFigure, previous: SnapshotValue?) -> Node<HTML.BodyContext> {
            .div(.class("figure"),
                .span(.text(figure.title(language))),
                .strong(.text(Self.text(language, count: figure.count, total: figure.total))),
                .unwrap(previous) { previous in
                    .p(.class("muted"), .text(LocalizedText(vi: "Cùng kỳ: ", en: "Same day before: ")(language) + Self.text(language, count: previous.count, total: previous.total)))
                },
                .details(.summary(.text(LocalizedText(vi: "Cách tính", en: "How it is counted")(language))), .p(.text(figure.explanation(language)))),
                .unwrap(figure.link) { .a(.href($0), .text(LocalizedText(vi: "Xem đơn vị, đảng viên", en: "Units and members")(language))) })
        }

        static func text(_ language: UILanguage, count: Int?, total: Int?) -> String {
            guard let total else { return count.map(NumberFormat(language).integer) ?? CoverageFigure.notReported(language) }
            return CoverageFigure(count: count, total: total).text(language)
        }

        /// The chart, then its figures as a table that a screen reader reads and anyone may open.
        private func chartWithTable(_ language: UILanguage, _ chart: some Chart, id: String) -> Node<HTML.BodyContext> {
            let table = chart.table(language)
            return .div(.class("chart"), .chart(chart, id: id, language: language),
                .details(.summary(.text(LocalizedText(vi: "Bảng số liệu", en: "Data table")(language))),
                    .div(.class("table-wrap"), .table(.caption(.text(table.caption)),
                        .thead(.tr(.forEach(table.header) { .th(.text($0)) })),
                        .tbody(.forEach(table.rows) { row in .tr(.forEach(row.enumerated()) { cell in
                            cell.offset == 0 ? .th(.attribute(named: "scope", value: "row"), .text(cell.element)) : .td(.class("num"), .text(cell.element))
                        }) })))))
        }

        private func units(_ language: UILanguage, _ entry: Model.Section) -> BarChart {
            let lead = entry.lead
            let isShare = lead?.total != nil
            let lagging = entry.children.filter(\.isLagging).count
            return BarChart(
                title: "\(lead?.title(language) ?? "") — " + LocalizedText(vi: "các đơn vị trực thuộc", en: "units below")(language),
                description: LocalizedText(vi: "\(lagging) đơn vị dưới mức chung của \(model.unitName), đứng đầu và được đánh dấu sọc.",
                                           en: "\(lagging) units below \(model.unitName)'s overall figure, first and striped.")(language),
                categories: entry.children.map(\.name),
                series: [ChartSeries(label: lead?.title(language) ?? "", values: entry.children.map { $0.figure.flatMap(Query.value) })],
                valueFormat: isShare ? .percent : .number,
                highlight: Set(entry.children.enumerated().filter { $0.element.isLagging }.map(\.offset)),
                categoryHeader: LocalizedText(vi: "Đơn vị", en: "Unit")(language))
        }

        private func trend(_ language: UILanguage, _ entry: Model.Section) -> TrendChart {
            let lead = entry.lead
            return TrendChart(
                title: "\(lead?.title(language) ?? "") — \(model.period.name(of: model.day)(language))",
                description: LocalizedText(vi: "Theo ngày, từ số liệu lưu cuối mỗi ngày; đường nét đứt là cùng kỳ \(model.period.label.vi.lowercased()) trước.",
                                           en: "By day, from the figures stored each evening; the dashed line is the previous \(model.period.label.en.lowercased()).")(language),
                days: entry.trendDays.map { String(format: "%02d/%02d", $0.day, $0.month) },
                series: [ChartSeries(label: model.period.name(of: model.day)(language), values: entry.trend)],
                valueFormat: lead?.total != nil ? .percent : .number,
                comparison: ChartSeries(label: model.period.name(of: model.period.sameDayBefore(model.day))(language), values: entry.trendBefore))
        }

        private func distributionChart(_ language: UILanguage, _ entry: Model.Section, own: DashboardDistribution) -> StackedBarChart {
            let rows = [(name: model.unitName, distribution: own)] + entry.childDistributions
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
}
