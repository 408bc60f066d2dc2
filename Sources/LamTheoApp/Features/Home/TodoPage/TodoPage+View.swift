import LamTheoCore
import Plot

extension TodoPage {
    static let title = LocalizedText(vi: "Việc cần làm", en: "To do")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(TodoPage.title(language))),
                .p(.class("muted"), .text(LocalizedText(vi: "\(model.name) · hôm nay \(model.today.vietnamese)",
                                                        en: "\(model.name) · today \(model.today.vietnamese)")(language))),
                model.items.isEmpty
                    ? .p(.class("notice"), .text(LocalizedText(vi: "Không có việc nào cần làm ngay. Các trang khác ở trình đơn phía trên.",
                                                               en: "Nothing to do right now. The other pages are in the menu above.")(language)))
                    : .ol(.class("todos"), .forEach(model.items) { item($0, language) }),
                .forEach(model.figuresByUnit) { group in
                    .section(.class("headline"),
                             .h2(.text(LocalizedText(vi: "Số liệu · \(group.unit)", en: "Figures · \(group.unit)")(language))),
                             .div(.class("figures"), .forEach(group.figures) { figure in
                                 figureTile(figure.title, figure.value(language), link: figure.link, note: figure.note?(language), language: language)
                             }))
                },
                .if(!model.figures.isEmpty, .p(.a(.class("button secondary"), .href(DashboardRoute.show.path), .text(LocalizedText(
                    vi: "Xem tổng quan: biểu đồ, so sánh các đơn vị, cách tính", en: "Dashboard: charts, units compared, how figures are counted")(language))))))
            return Layout(title: TodoPage.title(language), content: content)
        }

        /// One item: how urgent, what to do (the link to where it is done), and by when and where: on two lines
        /// at most, cut short with its whole text on hover, so that a long campaign title does not fill a phone's screen.
        private func item(_ item: TodoItem, _ language: UILanguage) -> Node<HTML.ListContext> {
            let due = item.dueOn.map { LocalizedText(vi: "hạn \($0.vietnamese)", en: "due \($0.vietnamese)")(language) }
            let detail = [due, item.detail?(language)].compactMap { $0 }.joined(separator: " · ")
            return .li(.class("todo \(item.urgency.rawValue)"), .attribute(named: "data-kind", value: item.kind),
                       .p(.span(.class(item.urgency == .overdue ? "badge closed" : "badge"), .text(item.urgency.label(language))), .text(" "),
                          .a(.href(item.link), .strong(.text(item.title(language)))),
                          .if(!detail.isEmpty, .span(.class("muted detail"), .title(detail), .text(detail)))))
        }
    }
}
