import LamTheoCore
import Plot

extension Inbox {
    static let title = LocalizedText(vi: "Thông báo", en: "Notifications")

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(Inbox.title(language))),
                .p(.class("muted"), .text(channel(language) + " "), .a(.href(NotificationRoute.settings.path),
                                                                      .text(LocalizedText(vi: "Đổi cách nhận", en: "Change how you hear")(language)))),
                .p(.class("actions"),
                   .a(.href(NotificationRoute.inbox.path(query: ["unread": model.unreadOnly ? nil : "1"])),
                      .text(model.unreadOnly ? LocalizedText(vi: "Xem tất cả", en: "Show all")(language)
                                             : LocalizedText(vi: "Chỉ xem chưa đọc", en: "Unread only")(language)))),
                .if(model.unread > 0, context.fields.postForm(NotificationRoute.readAll.path,
                                                              .button(.type(.submit), .class("secondary"),
                                                                      .text(LocalizedText(vi: "Đánh dấu tất cả đã đọc", en: "Mark all as read")(language))))),
                model.rows.isEmpty
                    ? .p(.class("muted"), .text(model.unreadOnly ? LocalizedText(vi: "Không có thông báo chưa đọc.", en: "No unread notifications.")(language)
                                                                 : LocalizedText(vi: "Chưa có thông báo nào.", en: "No notifications yet.")(language)))
                    : .ul(.class("notifications"), .forEach(model.rows) { row in
                        .li(.class(row.isRead ? "read" : "unread"),
                            .a(.href(NotificationRoute.show(.value(row.id)).path),
                               .if(!row.isRead, .span(.class("badge"), .text(LocalizedText(vi: "Mới", en: "New")(language) + " "))),
                               .text(row.title(language))),
                            .if(!row.lines.isEmpty, .ul(.forEach(row.lines) { .li(.text($0(language))) })),
                            .span(.class("muted"), .text(" · " + row.createdOn.vietnamese)))
                    }),
                .if(model.pageCount > 1, Pager(page: model.page, pageCount: model.pageCount, total: model.total) {
                    NotificationRoute.inbox.path(query: ["unread": model.unreadOnly ? "1" : nil, "page": $0])
                }.node(language))
            )
            return Layout(title: Inbox.title(language), content: content)
        }

        private func channel(_ language: UILanguage) -> String {
            switch model.emailState {
            case .pending: return LocalizedText(vi: "Bạn nhận thông báo ở đây và qua thư điện tử.", en: "You receive notifications here and by e-mail.")(language)
            case .digest: return LocalizedText(vi: "Bạn nhận thông báo ở đây và một thư tổng hợp mỗi sáng.",
                                               en: "You receive notifications here and one digest e-mail each morning.")(language)
            default: return LocalizedText(vi: "Bạn nhận thông báo ở đây.", en: "You receive notifications here.")(language)
            }
        }
    }
}
