import LamTheoCore
import Plot

extension JobList {
    static let title = LocalizedText(vi: "Việc nền", en: "Background jobs")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(JobList.title(language))),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Nhập danh sách, tạo nhắc việc, gửi thư… chạy nền. Việc bị gián đoạn (máy chủ khởi động lại) được chạy lại tự động; việc lỗi có thể chạy lại tại đây hoặc bằng lệnh “lamtheo jobs retry”.",
                    en: "Imports, reminders, e-mail… run in the background. A job interrupted by a restart is retried automatically; a failed one can be retried here or with “lamtheo jobs retry”.")(language))),
                .form(.class("inline"), .method(.get), .action(JobRoute.list.path), .attribute(named: "role", value: "search"),
                      filter("state", LocalizedText(vi: "Tình trạng", en: "State"),
                             options: JobState.allCases.map { (value: $0.rawValue, title: $0.label(language)) }, selected: model.state?.rawValue, language: language),
                      filter("kind", LocalizedText(vi: "Loại việc", en: "Kind"),
                             options: model.kinds.map { (value: $0.name, title: $0.title(language)) }, selected: model.kind, language: language),
                      .button(.type(.submit), .text(LocalizedText(vi: "Lọc", en: "Filter")(language)))),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Không có việc nào.", en: "No jobs.")(language)))
                    : table(context),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    JobRoute.list.path(query: ["state": model.state?.rawValue, "kind": model.kind, "page": $0])
                }.node(language))
            )
            return Layout(title: JobList.title(language), content: content)
        }

        private func table(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let headers = [LocalizedText(vi: "Việc", en: "Job"), LocalizedText(vi: "Tình trạng", en: "State"), LocalizedText(vi: "Người chạy", en: "Started by"),
                           LocalizedText(vi: "Tiến độ", en: "Progress"), LocalizedText(vi: "Thời điểm", en: "When"),
                           LocalizedText(vi: "Kết quả", en: "Outcome"), LocalizedText(vi: "Thao tác", en: "Actions")].map { $0(language) }
            let numbers = NumberFormat(language)
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(model.rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .span(.text(row.title(language)), .br(), .small(.class("muted"), .text(row.id)))),
                        .td(.attribute(named: "data-label", value: headers[1]),
                            .span(.class(row.state == .failed || row.state == .interrupted ? "badge closed" : "badge"),
                                  .text(row.state.label(language) + (row.cancelRequested && row.state == .running
                                                                     ? LocalizedText(vi: " (đang dừng)", en: " (stopping)")(language) : "")))),
                        .td(.attribute(named: "data-label", value: headers[2]),
                            .text(row.owner?(language) ?? LocalizedText(vi: "Theo lịch", en: "Scheduled")(language))),
                        .td(.attribute(named: "data-label", value: headers[3]), .class("num"),
                            .text(row.total > 0 ? "\(numbers.integer(row.done))/\(numbers.integer(row.total))" : "—")),
                        .td(.attribute(named: "data-label", value: headers[4]),
                            .text(VietnameseFormat.dateTime(row.createdAt) + (row.endedAt.map { " → " + VietnameseFormat.dateTime($0) } ?? ""))),
                        .td(.attribute(named: "data-label", value: headers[5]), .text(row.note?(language) ?? "")),
                        .td(.attribute(named: "data-label", value: headers[6]), actions(row, context)))
                })))
        }

        /// A filter's choices, led by “all” (an empty value, which the browser sends as such: the value attribute is kept).
        private func filter(_ name: String, _ label: LocalizedText, options: [(value: String, title: String)], selected: String?,
                            language: UILanguage) -> Node<HTML.FormContext> {
            .div(.label(.for(name), .text(label(language))),
                 .element(named: "select", nodes: [
                    .attribute(named: "id", value: name), .attribute(named: "name", value: name),
                    .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false),
                                                      .text(LocalizedText(vi: "Tất cả", en: "All")(language))]),
                    .forEach(options) { option in
                        .element(named: "option", nodes: [.attribute(named: "value", value: option.value),
                                                          .attribute(named: "selected", value: option.value == selected ? "selected" : nil),
                                                          .text(option.title)])
                    },
                 ]))
        }

        /// Retry for an ended job that did not succeed, cancel for one still to end.
        private func actions(_ row: Row, _ context: PageContext) -> Node<HTML.BodyContext> {
            if row.state.isRetryable {
                return context.fields.postForm(JobRoute.retry(.value(row.id)).path,
                                               .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Chạy lại", en: "Retry")(context.language))))
            }
            if !row.state.isEnded, !row.cancelRequested {
                return context.fields.postForm(JobRoute.cancel(.value(row.id)).path,
                                               .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Hủy", en: "Cancel")(context.language))))
            }
            return .text("")
        }
    }
}
