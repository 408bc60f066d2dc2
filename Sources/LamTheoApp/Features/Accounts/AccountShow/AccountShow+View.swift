import LamTheoCore
import Plot

extension AccountShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let title = AccountTexts.account(model.displayName, model.username)
            let state: LocalizedText = model.isActive
                ? LocalizedText(vi: "Đang hoạt động", en: "Active")
                : LocalizedText(vi: "Đã vô hiệu hóa: không đăng nhập được", en: "Deactivated: cannot sign in")
            let password = model.mustChangePassword
                ? LocalizedText(vi: "Mật khẩu tạm thời, phải đổi ở lần đăng nhập tới", en: "Temporary, to be changed at the next sign-in")
                : model.passwordChangedAt.map(AccountTexts.changedOn) ?? LocalizedText(vi: "—", en: "—")
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title), .if(!model.isActive, .span(.class("badge closed"), .text(" " + LocalizedText(vi: "đã vô hiệu hóa", en: "deactivated")(language))))),
                .dl(.class("facts"),
                    .dt(.text(AccountTexts.username(language))), .dd(.text(model.username)),
                    .dt(.text(AccountTexts.name(language))), .dd(.text(model.displayName)),
                    .dt(.text(LocalizedText(vi: "Trạng thái", en: "State")(language))), .dd(.text(state(language))),
                    .dt(.text(AccountTexts.password(language))), .dd(.text(password(language))),
                    .dt(.text(AccountTexts.roles(language))), .dd(AccountTexts.roleList(model.roles, language: language)),
                    .dt(.text(LocalizedText(vi: "Đang đăng nhập", en: "Signed in")(language))),
                    .dd(.text(LocalizedText(vi: "\(VietnameseFormat.integer(model.sessions)) phiên, \(VietnameseFormat.integer(model.tokens)) khóa truy cập API",
                                            en: "\(model.sessions) sessions, \(model.tokens) API tokens")(language)))),
                .div(.class("actions"),
                     .a(.class("button secondary"), .href(AccountRoute.passwordReset(.value(model.id)).path), .text(AccountTexts.resetPassword(language))),
                     model.isActive
                        ? .a(.class("button danger"), .href(AccountRoute.deactivation(.value(model.id)).path), .text(AccountTexts.deactivate(language)))
                        : context.fields.postButton(AccountRoute.reactivation(.value(model.id)).path, AccountTexts.reactivate)),
                .p(.a(.href(AccountRoute.access.path), .text(LocalizedText(vi: "Về trang phân quyền", en: "Back to access")(language)))),
                AuditPages.historySection(model.changes, language: language)
            )
            return Layout(title: title, content: content)
        }
    }
}
