import LamTheoCore
import Plot

extension BriefingList {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let headers = [LocalizedText(vi: "Hội nghị", en: "Briefing"), LocalizedText(vi: "Cấp ủy triệu tập", en: "Convened by"),
                           LocalizedText(vi: "Ngày họp", en: "Date")].map { $0(language) }
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(BriefingPages.title(language)) · \(model.unitName)")),
                .if(model.mayCreate, .div(.class("actions"),
                    .a(.class("button"), .href(BriefingRoute.new.path(query: [.unit: model.unitId])),
                       .text(LocalizedText(vi: "Tạo hội nghị giao ban", en: "Set up a briefing")(language))))),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có hội nghị giao ban nào.", en: "No briefing yet.")(language)))
                    : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                        .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                        .tbody(.forEach(model.rows) { row in
                            .tr(.td(.attribute(named: "data-label", value: headers[0]), .a(.href(BriefingRoute.show(.value(row.id)).path), .text(row.title))),
                                .td(.attribute(named: "data-label", value: headers[1]), .text(row.committee)),
                                .td(.attribute(named: "data-label", value: headers[2]), .text(row.heldOn.vietnamese + " "),
                                    .span(.class("badge"), .text(row.held ? LocalizedText(vi: "Đã họp", en: "Held")(language)
                                                                          : LocalizedText(vi: "Sắp họp", en: "Upcoming")(language)))))
                        }))),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    BriefingRoute.list.path(query: [.unit: model.unitId, "page": $0])
                }.node(language))
            )
            return Layout(title: BriefingPages.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }
    }
}
