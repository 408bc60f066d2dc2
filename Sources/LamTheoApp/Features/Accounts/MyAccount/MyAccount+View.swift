import Foundation
import LamTheoCore
import Plot

extension MyAccount {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let title = AccountTexts.myAccount(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .dl(.class("facts"),
                    .dt(.text(AccountTexts.username(language))), .dd(.text(model.username)),
                    .dt(.text(AccountTexts.name(language))), .dd(.text(model.displayName)),
                    .dt(.text(AccountTexts.roles(language))), .dd(AccountTexts.roleList(model.roles, language: language)),
                    .dt(.text(AccountTexts.password(language))),
                    .dd(.text(model.passwordChangedAt.map { AccountTexts.changedOn($0)(language) } ?? "—"))),
                .div(.class("actions"), .a(.class("button"), .href(AccountRoute.password.path), .text(AccountTexts.changePassword(language)))),
                sessions(context),
                tokens(context)
            )
            return Layout(title: title, content: content)
        }

        private func sessions(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let fields = context.fields
            let browser = LocalizedText(vi: "Trình duyệt", en: "Browser")(language)
            let address = LocalizedText(vi: "Địa chỉ IP", en: "IP address")(language)
            let started = LocalizedText(vi: "Đăng nhập lúc", en: "Signed in")(language)
            let seen = LocalizedText(vi: "Hoạt động gần nhất", en: "Last seen")(language)
            return .group(
                .h2(.text(LocalizedText(vi: "Phiên đăng nhập", en: "Sessions")(language))),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Những trình duyệt đang đăng nhập bằng tài khoản này. Nếu có phiên bạn không nhận ra, hãy kết thúc nó và đổi mật khẩu.",
                    en: "The browsers signed in to this account. If you do not recognise one, end it and change your password.")(language))),
                .table(.class("responsive"),
                    .thead(.tr(.th(.text(browser)), .th(.text(address)), .th(.text(started)), .th(.text(seen)), .th())),
                    .tbody(.forEach(model.sessions) { session in
                        .tr(.td(.attribute(named: "data-label", value: browser),
                                // One piece, so that a phone's card keeps the badge beside the name.
                                .span(.text(BrowserName.summary(session.userAgent) ?? "—"),
                                      .if(session.isThisBrowser, .group(.text(" "), .span(.class("badge"), .text(LocalizedText(vi: "Trình duyệt này", en: "This browser")(language))))))),
                            .td(.attribute(named: "data-label", value: address), .text(session.ip ?? "—")),
                            .td(.attribute(named: "data-label", value: started), .text(session.startedAt.map(VietnameseFormat.dateTime) ?? "—")),
                            .td(.attribute(named: "data-label", value: seen), .text(session.lastSeenAt.map(VietnameseFormat.dateTime) ?? "—")),
                            .td(session.isThisBrowser
                                ? .text("")
                                : fields.postButton(AccountRoute.endSession(.value(session.id)).path, LocalizedText(vi: "Kết thúc phiên này", en: "End this session"))))
                    })),
                .if(model.otherSessions > 0, .div(.class("actions"), .a(
                    .class("button danger"), .href(AccountRoute.endOtherSessions.path),
                    .text(LocalizedText(vi: "Đăng xuất khỏi mọi nơi khác", en: "Sign out everywhere else")(language)))))
            )
        }

        private func tokens(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let fields = context.fields
            let name = LocalizedText(vi: "Tên khóa", en: "Name")(language)
            let created = LocalizedText(vi: "Tạo lúc", en: "Created")(language)
            let expires = LocalizedText(vi: "Hết hạn", en: "Expires")(language)
            let used = LocalizedText(vi: "Dùng gần nhất", en: "Last used")(language)
            return .group(
                .h2(.text(LocalizedText(vi: "Khóa truy cập API", en: "API tokens")(language))),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Khóa cho phần mềm và tập lệnh dùng API (POST /api/v1/auth/tokens). Đổi mật khẩu không thu hồi khóa: hãy thu hồi khóa bạn không còn dùng.",
                    en: "Tokens for software and scripts using the API (POST /api/v1/auth/tokens). Changing the password does not revoke them: revoke those you no longer use.")(language))),
                model.tokens.isEmpty
                    ? .p(.text(LocalizedText(vi: "Chưa có khóa truy cập nào còn hiệu lực.", en: "No token in force.")(language)))
                    : .table(.class("responsive"),
                        .thead(.tr(.th(.text(name)), .th(.text(created)), .th(.text(expires)), .th(.text(used)), .th())),
                        .tbody(.forEach(model.tokens) { token in
                            .tr(.td(.attribute(named: "data-label", value: name), .text(token.name)),
                                .td(.attribute(named: "data-label", value: created), .text(token.createdAt.map(VietnameseFormat.dateTime) ?? "—")),
                                .td(.attribute(named: "data-label", value: expires), .text(VietnameseFormat.dateTime(token.expiresAt))),
                                .td(.attribute(named: "data-label", value: used), .text(token.lastUsedAt.map(VietnameseFormat.dateTime) ?? "—")),
                                .td(fields.postButton(AccountRoute.endToken(.value(token.id)).path, LocalizedText(vi: "Thu hồi khóa này", en: "Revoke this token"))))
                        }))
            )
        }
    }
}
