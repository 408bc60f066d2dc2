import Fluent
import LamTheoCore
import Vapor

/// Looking after accounts in the browser: one's own (password, sessions, tokens) and, for managers and
/// administrators, the accounts inside their scope (reset, deactivate, reactivate). Steps that cannot be
/// undone ask first, on a page that says what will happen.
extension AccountPages {
    static func registerCare(on routes: any RoutesBuilder) {
        routes.get(AccountRoute.account, use: myAccount).requiring(.signedIn)
        routes.get(AccountRoute.password, use: passwordForm).requiring(.signedIn)
        routes.post(AccountRoute.password, use: changePassword).requiring(.signedIn)
        routes.get(AccountRoute.endOtherSessions, use: confirmEndOtherSessions).requiring(.signedIn)
        routes.post(AccountRoute.endOtherSessions, use: endOtherSessions).requiring(.signedIn)
        routes.post(AccountRoute.endSession(.key), use: endSession).requiring(.signedIn)
        routes.post(AccountRoute.endToken(.key), use: endToken).requiring(.signedIn)
        routes.get(AccountRoute.user(.key), use: account).requiring(.capability(.delegate))
        routes.get(AccountRoute.passwordReset(.key), use: confirmPasswordReset).requiring(.capability(.delegate))
        routes.post(AccountRoute.passwordReset(.key), use: resetPassword).requiring(.capability(.delegate))
        routes.get(AccountRoute.deactivation(.key), use: confirmDeactivation).requiring(.capability(.delegate))
        routes.post(AccountRoute.deactivation(.key), use: deactivate).requiring(.capability(.delegate))
        routes.post(AccountRoute.reactivation(.key), use: reactivate).requiring(.capability(.delegate))
    }

    // MARK: One's own account

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var repeatedPassword: String?
    }

    static func myAccount(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let model = try await MyAccount.Query.run(userId: actor.userId, thisBrowser: request.browserSessionId, on: request.db)
        return MyAccount.View(model: model).response(for: request)
    }

    static func passwordForm(request: Request) async throws -> Response {
        PasswordFormView(temporary: try await hasTemporaryPassword(request)).response(for: request)
    }

    static func changePassword(request: Request) async throws -> Response {
        let form = try request.content.decode(PasswordForm.self)
        let temporary = try await hasTemporaryPassword(request)
        do {
            _ = try await AccountActions.changePassword(current: form.currentPassword, new: form.newPassword, repeated: form.repeatedPassword,
                                                        request: request)
        } catch let error as DomainError where error.kind == .invalid {
            return PasswordFormView(temporary: temporary).response(for: request, errors: error.fieldErrors, status: .unprocessableEntity)
        }
        // Someone who had to change a temporary password came to work: their start page.
        return request.redirect(to: temporary ? PlatformRoute.home.path : AccountRoute.account.path, flash: LocalizedText(
            vi: "Đã đổi mật khẩu. Các trình duyệt khác đã bị đăng xuất; trình duyệt này vẫn đăng nhập.",
            en: "Password changed. Other browsers have been signed out; this one stays signed in."))
    }

    static func confirmEndOtherSessions(request: Request) async throws -> Response {
        ConfirmationView(
            title: LocalizedText(vi: "Đăng xuất khỏi mọi nơi khác?", en: "Sign out everywhere else?"),
            consequences: [
                LocalizedText(vi: "Mọi trình duyệt khác đang đăng nhập bằng tài khoản này bị đăng xuất ngay; ai đang dùng chúng phải đăng nhập lại.",
                              en: "Every other browser signed in to this account is signed out at once; whoever uses one must sign in again."),
                LocalizedText(vi: "Trình duyệt này vẫn đăng nhập. Khóa truy cập API không bị thu hồi.",
                              en: "This browser stays signed in. API tokens are not revoked."),
            ],
            action: AccountRoute.endOtherSessions.path, button: LocalizedText(vi: "Đăng xuất khỏi mọi nơi khác", en: "Sign out everywhere else"),
            back: AccountRoute.account.path
        ).response(for: request)
    }

    static func endOtherSessions(request: Request) async throws -> Response {
        try await AccountActions.endOtherSessions(request: request)
        return request.redirect(to: AccountRoute.account.path, flash: LocalizedText(
            vi: "Đã đăng xuất khỏi mọi nơi khác", en: "Signed out everywhere else"))
    }

    static func endSession(request: Request) async throws -> Response {
        try await AccountActions.endSession(try request.id(), request: request)
        return request.redirect(to: AccountRoute.account.path, flash: LocalizedText(
            vi: "Đã kết thúc phiên đăng nhập: trình duyệt đó đã bị đăng xuất", en: "Session ended: that browser has been signed out"))
    }

    static func endToken(request: Request) async throws -> Response {
        try await AccountActions.endToken(try request.id(), request: request)
        return request.redirect(to: AccountRoute.account.path, flash: LocalizedText(
            vi: "Đã thu hồi khóa truy cập: phần mềm dùng khóa đó không truy cập được nữa", en: "Token revoked: software using it has lost access"))
    }

    private static func hasTemporaryPassword(_ request: Request) async throws -> Bool {
        try await User.find(try request.requireActor().userId, on: request.db)?.mustChangePassword ?? false
    }

    // MARK: Accounts one looks after

    static func account(request: Request) async throws -> Response {
        let model = try await AccountShow.Query.run(try request.id(), actor: try request.requireActor(), on: request.db)
        return AccountShow.View(model: model).response(for: request)
    }

    static func confirmPasswordReset(request: Request) async throws -> Response {
        let (id, name) = try await lookedAfter(request)
        return ConfirmationView(
            title: LocalizedText(vi: "Đặt lại mật khẩu của \(name)?", en: "Reset the password of \(name)?"),
            consequences: [
                LocalizedText(vi: "Mật khẩu hiện tại không dùng được nữa. Trang sau hiện một mật khẩu tạm thời, chỉ một lần: hãy trao nó cho người dùng.",
                              en: "The current password stops working. The next page shows a temporary password, once: give it to the person."),
                LocalizedText(vi: "Mọi phiên đăng nhập và khóa truy cập API của tài khoản kết thúc ngay.",
                              en: "Every session and API token of the account ends at once."),
                LocalizedText(vi: "Ở lần đăng nhập tới, người dùng phải đặt mật khẩu mới trước khi làm việc khác.",
                              en: "At the next sign-in the person must set a new password before anything else."),
            ],
            action: AccountRoute.passwordReset(.value(id)).path, button: AccountTexts.resetPassword, back: AccountRoute.user(.value(id)).path
        ).response(for: request)
    }

    static func resetPassword(request: Request) async throws -> Response {
        let reset = try await AccountActions.resetPassword(of: try request.id(), request: request)
        return PasswordResetDoneView(userId: reset.user.requireID(), account: AccountTexts.account(reset.user.displayName, reset.user.username),
                                     temporaryPassword: reset.temporaryPassword).response(for: request)
    }

    static func confirmDeactivation(request: Request) async throws -> Response {
        let (id, name) = try await lookedAfter(request)
        return ConfirmationView(
            title: LocalizedText(vi: "Vô hiệu hóa tài khoản \(name)?", en: "Deactivate the account of \(name)?"),
            consequences: [
                LocalizedText(vi: "Tài khoản không đăng nhập được và khóa truy cập API của nó không dùng được nữa.",
                              en: "The account cannot sign in, and its API tokens stop working."),
                LocalizedText(vi: "Mọi phiên đăng nhập và khóa truy cập của tài khoản kết thúc ngay; kích hoạt lại cũng không khôi phục chúng.",
                              en: "Every session and token of the account ends at once; reactivating does not bring them back."),
                LocalizedText(vi: "Vai trò và lịch sử của tài khoản được giữ nguyên; có thể kích hoạt lại bất cứ lúc nào.",
                              en: "The account's roles and history are kept; it can be reactivated at any time."),
            ],
            action: AccountRoute.deactivation(.value(id)).path, button: AccountTexts.deactivate, back: AccountRoute.user(.value(id)).path
        ).response(for: request)
    }

    static func deactivate(request: Request) async throws -> Response {
        let user = try await AccountActions.deactivate(try request.id(), request: request)
        return request.redirect(to: AccountRoute.user(.value(user.requireID())).path, flash: LocalizedText(
            vi: "Đã vô hiệu hóa tài khoản \(user.username): mọi phiên đăng nhập và khóa truy cập của nó đã kết thúc",
            en: "Account \(user.username) deactivated: its sessions and tokens have ended"))
    }

    static func reactivate(request: Request) async throws -> Response {
        let user = try await AccountActions.reactivate(try request.id(), request: request)
        return request.redirect(to: AccountRoute.user(.value(user.requireID())).path, flash: LocalizedText(
            vi: "Đã kích hoạt lại tài khoản \(user.username): người dùng đăng nhập lại bằng mật khẩu của mình",
            en: "Account \(user.username) reactivated: the person signs in again with their password"))
    }

    /// The account the address names, when the caller looks after it (not found otherwise), and its name.
    private static func lookedAfter(_ request: Request) async throws -> (id: Int, name: String) {
        let id = try request.id()
        let user = try await AccountCommands.accountLookedAfter(id, by: try request.requireActor(), on: request.db)
        return (id, AccountTexts.account(user.displayName, user.username))
    }
}
