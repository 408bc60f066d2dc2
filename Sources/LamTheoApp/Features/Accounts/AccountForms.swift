import LamTheoCore
import Plot

/// The change-password form (`/me/password`), also the only page a browser signed in with a temporary
/// password reaches.
struct PasswordFormView: PageView {
    /// The password is a temporary one, set by a reset.
    let temporary: Bool

    func layout(_ context: PageContext) -> Layout {
        let language = context.language
        let fields = context.fields
        let title = AccountTexts.changePassword(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .if(temporary, .p(.class("notice"), .attribute(named: "role", value: "status"), .text(LocalizedText(
                vi: "Bạn đang dùng mật khẩu tạm thời do người quản lý đặt lại. Hãy đặt mật khẩu mới của riêng bạn để tiếp tục.",
                en: "You are using a temporary password set by a manager. Choose a password of your own to go on.")(language)))),
            fields.summary,
            fields.postForm(AccountRoute.password.path,
                fields.text("currentPassword", temporary ? LocalizedText(vi: "Mật khẩu tạm thời", en: "Temporary password")
                                                         : LocalizedText(vi: "Mật khẩu hiện tại", en: "Current password"),
                            value: nil, required: true, type: .password, autocomplete: "current-password"),
                fields.text("newPassword", LocalizedText(vi: "Mật khẩu mới", en: "New password"), value: nil, required: true, type: .password,
                            hint: LocalizedText(vi: "Ít nhất \(PasswordPolicy.minimumLength) ký tự; nên là một cụm từ dài, dễ nhớ với bạn, khó đoán với người khác.",
                                                en: "At least \(PasswordPolicy.minimumLength) characters; a long phrase easy for you to remember and hard for others to guess."),
                            autocomplete: "new-password"),
                fields.text("repeatedPassword", LocalizedText(vi: "Nhập lại mật khẩu mới", en: "New password again"), value: nil, required: true,
                            type: .password, autocomplete: "new-password"),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Các trình duyệt khác đang đăng nhập bằng tài khoản này sẽ bị đăng xuất; trình duyệt này vẫn đăng nhập.",
                    en: "Other browsers signed in to this account will be signed out; this one stays signed in.")(language))),
                fields.submit(AccountTexts.changePassword))
        )
        return Layout(title: title, content: content)
    }
}

/// The page that asks before a step that cannot be undone: what will happen, a button styled as dangerous,
/// and a way back.
struct ConfirmationView: PageView {
    /// The name of the form, for a refused one to come back as typed.
    static let form = "confirmation"

    let title: LocalizedText
    let consequences: [LocalizedText]
    let action: String
    let button: LocalizedText
    let back: String
    /// The label of a required "reason" field, when the step keeps why it was taken.
    var reason: LocalizedText? = nil

    func layout(_ context: PageContext) -> Layout {
        let language = context.language
        let fields = context.fields(for: Self.form)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title(language))),
            fields.summary,
            .p(.strong(.text(LocalizedText(vi: "Khi xác nhận:", en: "When you confirm:")(language)))),
            .ul(.forEach(consequences) { .li(.text($0(language))) }),
            fields.postForm(action,
                .unwrap(reason) { fields.text("reason", $0, value: nil, required: true) },
                .div(.class("actions"),
                     .button(.type(.submit), .class("danger"), .text(button(language))),
                     .a(.class("button secondary"), .href(back), .text(AccountTexts.cancel(language)))))
        )
        return Layout(title: title(language), content: content)
    }
}

/// The temporary password, shown once to whoever reset it: it is stored only as a hash.
struct PasswordResetDoneView: PageView {
    let userId: Int
    let account: String
    let temporaryPassword: String

    func layout(_ context: PageContext) -> Layout {
        let language = context.language
        let title = LocalizedText(vi: "Đã đặt lại mật khẩu", en: "Password reset")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.class("flash"), .attribute(named: "role", value: "status"), .text(LocalizedText(
                vi: "Đã đặt lại mật khẩu của \(account). Mọi phiên đăng nhập và khóa truy cập của tài khoản này đã kết thúc.",
                en: "The password of \(account) has been reset. Every session and token of the account has ended.")(language))),
            .p(.text(LocalizedText(vi: "Mật khẩu tạm thời:", en: "Temporary password:")(language))),
            .p(.code(.id("temporary-password"), .text(temporaryPassword))),
            .ul(
                .li(.text(LocalizedText(vi: "Trang này chỉ hiện mật khẩu tạm thời một lần: hãy chép lại và trao tận tay hoặc đọc qua điện thoại cho người dùng.",
                                        en: "This page shows the temporary password once: copy it and give it to the person in hand or over the phone.")(language))),
                .li(.text(LocalizedText(vi: "Ở lần đăng nhập tới, người dùng phải đặt mật khẩu mới của riêng mình trước khi làm việc khác.",
                                        en: "At their next sign-in the person must set a password of their own before anything else.")(language)))),
            .p(.a(.href(AccountRoute.user(.value(userId)).path), .text(LocalizedText(vi: "Về trang tài khoản", en: "Back to the account")(language))))
        )
        return Layout(title: title, content: content)
    }
}
