import LamTheoCore
import Plot

/// A person's choice of how they hear: the inbox always; e-mail one by one or in a morning digest.
struct NotificationSettingsView: PageView {
    static let title = LocalizedText(vi: "Cách nhận thông báo", en: "How you hear")
    static let form = "settings"

    let email: String?
    let emailEnabled: Bool
    let dailyDigest: Bool

    func layout(_ context: PageContext) -> Layout {
        let language = context.language
        let fields = context.fields(for: Self.form)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(Self.title(language))),
            .p(.text(LocalizedText(vi: "Thông báo luôn có trong mục Thông báo của LamTheo. Bạn có thể nhận thêm qua thư điện tử.",
                                   en: "Notifications are always in LamTheo's inbox. You may also receive them by e-mail.")(language))),
            .p(.class("muted"), .text(MailSchedule.quietHoursWording(language))),
            fields.summary,
            fields.postForm(NotificationRoute.settings.path,
                fields.text("email", LocalizedText(vi: "Địa chỉ thư điện tử", en: "E-mail address"), value: email, type: .email, autocomplete: "email"),
                fields.checkbox("emailEnabled", LocalizedText(vi: "Nhận thông báo qua thư điện tử", en: "Receive notifications by e-mail"), checked: emailEnabled),
                fields.checkbox("dailyDigest", LocalizedText(vi: "Gộp thành một thư mỗi sáng thay vì từng thư", en: "One digest each morning instead of single messages"),
                                checked: dailyDigest),
                fields.submit(LocalizedText(vi: "Lưu", en: "Save"))),
            .p(.a(.href(NotificationRoute.inbox.path), .text(LocalizedText(vi: "‹ Về thông báo", en: "‹ Back to notifications")(language))))
        )
        return Layout(title: Self.title(language), crumbs: [Crumb(title: Inbox.title(language), url: NotificationRoute.inbox.path)], content: content)
    }
}
