import LamTheoCore
import Plot

extension InspectionList {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let headers = [LocalizedText(vi: "Nội dung", en: "Subject"), LocalizedText(vi: "Cấp quyết định", en: "Decided by"),
                           LocalizedText(vi: "Thời gian", en: "Schedule"), LocalizedText(vi: "Đang ở bước", en: "Step")].map { $0(language) }
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(InspectionList.title(language)) · \(model.unitName)")),
                .p(.a(.href(FollowUpRoute.list.path(query: [.unit: model.unitId, "origin": Inspection.originKind])),
                      .text(LocalizedText(vi: "Kiến nghị sau kiểm tra, giám sát trong đơn vị: quá hạn trước",
                                          en: "Recommendations in the subtree: overdue first")(language)))),
                .if(model.mayCreate, .p(.a(.class("button"), .href(InspectionRoute.new.path(query: [.unit: model.unitId])),
                                           .text(LocalizedText(vi: "Quyết định kiểm tra, giám sát mới", en: "New inspection")(language))))),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có cuộc kiểm tra, giám sát nào.", en: "No inspection yet.")(language)))
                    : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                        .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                        .tbody(.forEach(model.rows) { row in
                            .tr(.td(.attribute(named: "data-label", value: headers[0]),
                                    .span(.class("badge"), .text(row.kind.label(language))), .text(" "),
                                    .a(.href(InspectionRoute.show(.value(row.id)).path), .text(row.subject))),
                                .td(.attribute(named: "data-label", value: headers[1]), .text(row.committee)),
                                .td(.attribute(named: "data-label", value: headers[2]), .text("\(row.startsOn.vietnamese) – \(row.endsOn.vietnamese)")),
                                .td(.attribute(named: "data-label", value: headers[3]),
                                    .text(row.current?.label(language) ?? LocalizedText(vi: "Đã kết thúc", en: "Closed")(language))))
                        }))),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    InspectionRoute.list.path(query: [.unit: model.unitId, "page": $0])
                }.node(language))
            )
            return Layout(title: InspectionList.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }
    }
}
