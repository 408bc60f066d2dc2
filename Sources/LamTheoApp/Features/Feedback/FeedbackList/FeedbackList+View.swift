import LamTheoCore
import Plot

extension FeedbackList {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let numbers = NumberFormat(language)
            let figures = model.figures
            let settings = context.fields(for: FeedbackList.settingsForm)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(FeedbackList.title(language)) · \(model.unitName)")),
                .div(.class("figures"),
                     figureTile(FeedbackListStatus.overdue.label, numbers.integer(figures.overdue), link: link(.overdue), language: language),
                     figureTile(FeedbackListStatus.open.label, numbers.integer(figures.open), link: link(.open), language: language),
                     figureTile(LocalizedText(vi: "Trả lời đúng hạn", en: "Answered on time"), numbers.integer(figures.answeredOnTime),
                                link: link(.answered), language: language),
                     figureTile(LocalizedText(vi: "Trả lời trễ hạn", en: "Answered late"), numbers.integer(figures.answeredLate),
                                link: link(.answered), language: language)),
                .h2(.text(model.status.map { $0.label(language) } ?? LocalizedText(vi: "Tất cả, quá hạn trước", en: "All, overdue first")(language)),
                    .if(model.status != nil, .a(.href(link(nil)), .text(LocalizedText(vi: " (xem tất cả)", en: " (show all)")(language))))),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Không có ý kiến nào ở đây.", en: "No feedback here.")(language)))
                    : table(language),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    FeedbackRoute.list.path(query: [.unit: model.unitId, "status": model.status?.rawValue, "page": $0])
                }.node(language)),
                .h2(.text(LocalizedText(vi: "Thời hạn trả lời", en: "Answer deadline")(language))),
                .p(.text(LocalizedText(vi: "Ý kiến gửi đến \(model.unitName) và các đơn vị trực thuộc được trả lời trong \(model.answerDays) ngày.",
                                       en: "Feedback sent to \(model.unitName) and the units under it is answered within \(model.answerDays) days.")(language))),
                .if(model.mayConfigure, settings.postForm(FeedbackRoute.settings.path(query: [.unit: model.unitId]),
                    settings.text("answerDays", LocalizedText(vi: "Số ngày (1–90)", en: "Days (1–90)"), value: String(model.answerDays), required: true,
                                  type: .number),
                    settings.submit(LocalizedText(vi: "Lưu thời hạn", en: "Save the deadline"))))
            )
            return Layout(title: FeedbackList.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        private func table(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let headers = [LocalizedText(vi: "Mã", en: "Code"), LocalizedText(vi: "Lĩnh vực", en: "Topic"), LocalizedText(vi: "Đơn vị giải quyết", en: "Unit"),
                           LocalizedText(vi: "Ngày nhận", en: "Received"), LocalizedText(vi: "Hạn trả lời", en: "Due"),
                           LocalizedText(vi: "Tình trạng", en: "State")].map { $0(language) }
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(model.rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .a(.href(FeedbackRoute.show(.value(row.id)).path), .text(row.code))),
                        .td(.attribute(named: "data-label", value: headers[1]), .text(row.topic(language))),
                        .td(.attribute(named: "data-label", value: headers[2]), .text(row.unitName)),
                        .td(.attribute(named: "data-label", value: headers[3]), .text(row.receivedOn.vietnamese)),
                        .td(.attribute(named: "data-label", value: headers[4]), .text(row.answerDueOn.vietnamese)),
                        .td(.attribute(named: "data-label", value: headers[5]),
                            .span(.class(row.overdue ? "badge closed" : "badge"),
                                  .text(row.overdue ? FeedbackListStatus.overdue.label(language) : row.state.label(language)))))
                })))
        }

        private func link(_ status: FeedbackListStatus?) -> String {
            FeedbackRoute.list.path(query: [.unit: model.unitId, "status": status?.rawValue])
        }
    }
}
