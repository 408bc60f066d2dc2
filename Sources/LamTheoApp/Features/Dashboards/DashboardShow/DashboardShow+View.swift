import Foundation
import LamTheoCore
import Plot

extension DashboardShow {
    static let title = LocalizedText(vi: "Tổng quan", en: "Dashboard")

    struct View: PageView {
        /// Children a section compares unless every one is asked for: the bar chart draws no more, and a page listing a
        /// ward's 1.500 cells would cost more to send and read than it tells.
        static let childrenShown = 30

        let model: Model
        /// `?children=all`: every child in each section's charts and tables, instead of the first `childrenShown`.
        var allChildren = false

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(DashboardShow.title(language)) · \(model.unitName)")),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Số liệu toàn đơn vị và các đơn vị trực thuộc đến ngày \(model.day.vietnamese); so sánh với cùng kỳ \(model.period.label.vi.lowercased()) trước.",
                    en: "Figures for the whole unit and the units below it as of \(model.day.vietnamese); compared with the same day of the previous \(model.period.label.en.lowercased()).")(language))),
                periodForm(language),
                .p(.a(.href(ReportRoute.list.path(query: [.unit: model.unitId])),
                      .text(LocalizedText(vi: "Báo cáo sơ kết, tổng kết lập từ các số liệu này", en: "Reports drafted from these figures")(language)))),
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
            let shown = allChildren ? Int.max : Self.childrenShown
            let children = max(entry.children.count, entry.childDistributions.count)
            return .section(.id(id),
                .h2(.text(entry.section.title(language))),
                .div(.class("figures"), .forEach(entry.section.figures) { figure(language, $0, previous: entry.previous[$0.key]) }),
                .if(!entry.children.isEmpty, Self.chartWithTable(language, model.unitsChart(entry, showing: shown, language: language), id: id + "-units")),
                .if(entry.trend.contains { $0 != nil } || entry.trendBefore.contains { $0 != nil },
                    Self.chartWithTable(language, model.trendChart(entry, language: language), id: id + "-trend")),
                .unwrap(entry.section.distribution) {
                    Self.chartWithTable(language, model.distributionChart(entry, own: $0, showing: shown, language: language), id: id + "-parts")
                },
                .if(shown < children, allChildrenLink(language, shown: shown, of: children, section: id)))
        }

        /// "30 of 1.520 units below shown, those lagging first", and the link to the page with every one.
        private func allChildrenLink(_ language: UILanguage, shown: Int, of total: Int, section: String) -> Node<HTML.BodyContext> {
            let number = NumberFormat(language)
            return .p(.class("muted"),
                .text(LocalizedText(vi: "Hiện \(number.integer(shown))/\(number.integer(total)) đơn vị trực thuộc, đơn vị dưới mức chung trước. ",
                                    en: "\(number.integer(shown)) of \(number.integer(total)) units below shown, those lagging first. ")(language)),
                .a(.href(DashboardRoute.show.path(query: [.unit: model.unitId, "period": model.period.rawValue, "day": model.day.iso, "children": "all"],
                                                  fragment: section)),
                   .text(LocalizedText(vi: "Xem tất cả", en: "Show all")(language))))
        }

        /// A figure: its value, the same day of the period before, how it is computed and where its units and people are.
        private func figure(_ language: UILanguage, _ figure: DashboardFigure, previous: SnapshotValue?) -> Node<HTML.BodyContext> {
            .div(.class("figure"),
                .span(.text(figure.title(language))),
                .strong(.text(Model.text(language, count: figure.count, total: figure.total))),
                .unwrap(previous) { previous in
                    .p(.class("muted"), .text(LocalizedText(vi: "Cùng kỳ: ", en: "Same day before: ")(language) + Model.text(language, count: previous.count, total: previous.total)))
                },
                .unwrap(figure.explanation) { .details(.summary(.text(LocalizedText(vi: "Cách tính", en: "How it is counted")(language))), .p(.text($0(language)))) },
                .unwrap(figure.link) { .a(.href($0), .text(LocalizedText(vi: "Xem đơn vị, đảng viên", en: "Units and members")(language))) })
        }

        /// The chart, then its figures as a table that a screen reader reads and anyone may open.
        static func chartWithTable(_ language: UILanguage, _ chart: some Chart, id: String) -> Node<HTML.BodyContext> {
            let table = chart.table(language)
            return .div(.class("chart"), .chart(chart, id: id, language: language),
                .details(.summary(.text(LocalizedText(vi: "Bảng số liệu", en: "Data table")(language))),
                    .div(.class("table-wrap"), .table(.caption(.text(table.caption)),
                        .thead(.tr(.forEach(table.header) { .th(.text($0)) })),
                        .tbody(.forEach(table.rows) { row in .tr(.forEach(row.enumerated()) { cell in
                            cell.offset == 0 ? .th(.attribute(named: "scope", value: "row"), .text(cell.element)) : .td(.class("num"), .text(cell.element))
                        }) })))))
        }
    }
}
