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
                        .if(model.filter != FollowUpFilter(), .a(.href(FollowUpRoute.list.path(query: [.unit: model.unitId])),
                                                                 .text(LocalizedText(vi: " (xem tất cả)", en: " (show all)")(language))))),
                    model.rows.isEmpty
                        ? .p(.class("muted"), .text(LocalizedText(vi: "Không có nhiệm vụ nào ở đây.", en: "No tasks here.")(language)))
                        : table(language))),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    link(status: model.filter.status, issuer: model.filter.issuerId, page: $0)
                }.node(language))
            )
            return Layout(title: FollowUpList.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        /// "Nhiệm vụ · Quá hạn · Kiến nghị sau kiểm tra · do Đảng bộ phường … giao": what the list is narrowed to.
        private func heading(_ language: UILanguage) -> String {
            let narrowed = [model.filter.status?.label(language), model.originName?(language),
                            model.issuerName.map { LocalizedText(vi: "do \($0) giao", en: "issued by \($0)")(language) }].compactMap { $0 }
            return narrowed.isEmpty ? LocalizedText(vi: "Nhiệm vụ, quá hạn trước", en: "Tasks, overdue first")(language)
                                    : ([LocalizedText(vi: "Nhiệm vụ", en: "Tasks")(language)] + narrowed).joined(separator: " · ")
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

        /// The list narrowed to `status` (and `issuer`), of the same origin.
        private func link(status: FollowUpStatus?, issuer: Int? = nil, page: Int? = nil) -> String {
            FollowUpRoute.list.path(query: [.unit: model.unitId, "status": status?.rawValue, "origin": model.filter.origin, "issuer": issuer, "page": page])
        }
    }
}
