import LamTheoCore
import Plot

extension FollowUpList {
    static let title = LocalizedText(vi: "Nhiệm vụ sau kết luận, kiến nghị", en: "Follow-up tasks")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let numbers = NumberFormat(language)
            let tally = model.subtree
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(FollowUpList.title(language)) · \(model.unitName)")),
                .h2(.text(UnitWording.whole(model.unitName, isCell: !model.hasChildren)(language))),
                tally.total == 0
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có nhiệm vụ nào được giao.", en: "No task has been given yet.")(language)))
                    : .div(.class("figures"),
                           .forEach([FollowUpStatus.overdue, .returned, .open, .reported, .accepted]) { status in
                               figureTile(status.label, numbers.integer(tally[status]), link: tally[status] > 0 ? link(status: status) : nil, language: language)
                           },
                           figureTile(LocalizedText(vi: "Tất cả", en: "All"), numbers.integer(tally.total), link: link(status: nil), language: language)),
                // A subtree without any task has said so above: no empty list under it.
                .if(tally.total > 0, .group(
                    .h2(.text(heading(language)),
                        .if(model.filter.status != nil, .a(.href(link(status: nil)), .text(LocalizedText(vi: " (xem tất cả)", en: " (show all)")(language))))),
                    model.rows.isEmpty
                        ? .p(.class("muted"), .text(LocalizedText(vi: "Không có nhiệm vụ nào ở đây.", en: "No tasks here.")(language)))
                        : table(language))),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) { link(status: model.filter.status, page: $0) }.node(language))
            )
            return Layout(title: FollowUpList.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        private func heading(_ language: UILanguage) -> String {
            model.filter.status.map { "\(LocalizedText(vi: "Nhiệm vụ", en: "Tasks")(language)) · \($0.label(language))" }
                ?? LocalizedText(vi: "Nhiệm vụ, quá hạn trước", en: "Tasks, overdue first")(language)
        }

        private func table(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let headers = [LocalizedText(vi: "Nhiệm vụ", en: "Task"), LocalizedText(vi: "Đơn vị thực hiện", en: "Owner unit"),
                           LocalizedText(vi: "Nguồn", en: "Origin"), LocalizedText(vi: "Thời hạn", en: "Deadline"),
                           LocalizedText(vi: "Tình trạng", en: "Status")].map { $0(language) }
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(model.rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .a(.href(FollowUpRoute.show(.value(row.id)).path), .text(row.title))),
                        .td(.attribute(named: "data-label", value: headers[1]), .text(row.unit)),
                        .td(.attribute(named: "data-label", value: headers[2]), .text(row.origin)),
                        .td(.attribute(named: "data-label", value: headers[3]),
                            .text(row.deadline.vietnamese + (row.extended ? LocalizedText(vi: " (gia hạn)", en: " (extended)")(language) : ""))),
                        .td(.attribute(named: "data-label", value: headers[4]),
                            .span(.class(row.status == .overdue ? "badge closed" : "badge"), .text(row.status.label(language)))))
                })))
        }

        private func link(status: FollowUpStatus?, page: Int? = nil) -> String {
            FollowUpRoute.list.path(query: [.unit: model.unitId, "status": status?.rawValue, "page": page])
        }
    }
}
