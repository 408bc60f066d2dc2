import LamTheoCore
import Plot

extension ExemplarList {
    static let title = LocalizedText(vi: "Điển hình, khen thưởng", en: "Exemplars and commendations")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let numbers = NumberFormat(language)
            let tally = model.subtree
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(ExemplarList.title(language)) · \(model.unitName)")),
                .if(model.mayNominate, .div(.class("actions"),
                    .a(.class("button"), .href(ExemplarRoute.new.path(query: [.unit: model.unitId])),
                       .text(LocalizedText(vi: "Đề nghị điển hình", en: "Nominate an exemplar")(language))))),
                .h2(.text(UnitWording.whole(model.unitName, isCell: !model.hasChildren)(language))),
                .div(.class("figures"),
                     figureTile(LocalizedText(vi: "Điển hình đã đề nghị", en: "Exemplars"), numbers.integer(tally.exemplars), link: link(state: nil), language: language),
                     figureTile(ExemplarState.commended.label, numbers.integer(tally.commended), link: nil, language: language),
                     figureTile(ExemplarState.replicated.label, numbers.integer(tally.replicated), link: link(state: .replicated), language: language),
                     figureTile(LocalizedText(vi: "Lượt nhân rộng tại các đơn vị", en: "Adoptions by these units"), numbers.integer(tally.adoptions),
                                link: nil, language: language)),
                .p(.forEach([ExemplarState?.none] + ExemplarState.allCases.map(Optional.some)) { state in
                    .group(state == model.filter.state
                           ? .strong(.text(label(state, language)))
                           : .a(.href(link(state: state)), .text(label(state, language))),
                           .text(" "))
                }),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có điển hình nào ở đây.", en: "No exemplars here yet.")(language)))
                    : table(language),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) { link(state: model.filter.state, page: $0) }.node(language))
            )
            return Layout(title: ExemplarList.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        private func label(_ state: ExemplarState?, _ language: UILanguage) -> String {
            state.map { $0.label(language) } ?? LocalizedText(vi: "Tất cả", en: "All")(language)
        }

        private func table(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let headers = [LocalizedText(vi: "Điển hình", en: "Exemplar"), LocalizedText(vi: "Loại", en: "Kind"), LocalizedText(vi: "Đơn vị", en: "Unit"),
                           LocalizedText(vi: "Ngày đề nghị", en: "Nominated"), LocalizedText(vi: "Tình trạng", en: "State")].map { $0(language) }
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(model.rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .a(.href(ExemplarRoute.show(.value(row.id)).path), .text(row.title))),
                        .td(.attribute(named: "data-label", value: headers[1]), .text(row.kind.label(language))),
                        .td(.attribute(named: "data-label", value: headers[2]), .text(row.unit)),
                        .td(.attribute(named: "data-label", value: headers[3]), .text(row.nominatedOn.vietnamese)),
                        .td(.attribute(named: "data-label", value: headers[4]), .span(.class("badge"), .text(row.state.label(language)))))
                })))
        }

        private func link(state: ExemplarState?, page: Int? = nil) -> String {
            ExemplarRoute.list.path(query: [.unit: model.unitId, "state": state?.rawValue, "kind": model.filter.kind?.rawValue, "page": page])
        }
    }
}
