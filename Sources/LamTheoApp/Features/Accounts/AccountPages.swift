import Fluent
import LamTheoCore
import Plot
import Vapor

/// Signing in and out, and the access page where administrators and managers give and take roles.
enum AccountPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(AccountRoute.signIn, use: loginForm).requiring(.everyone)
        routes.post(AccountRoute.signIn, use: login).requiring(.everyone)
        routes.post(AccountRoute.signOut, use: logout).requiring(.signedIn)
        routes.get(AccountRoute.access, use: access).requiring(.capability(.delegate))
        routes.post(AccountRoute.newUser, use: createUser).requiring(.capability(.delegate))
        routes.post(AccountRoute.grants, use: grant).requiring(.capability(.delegate))
        routes.get(AccountRoute.deleteGrant(.key), use: confirmRevoke).requiring(.capability(.delegate))
        routes.post(AccountRoute.deleteGrant(.key), use: revoke).requiring(.capability(.delegate))
        registerCare(on: routes)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    static func loginForm(request: Request) async throws -> Response {
        renderLogin(LoginForm(next: try request.queryText("next")), error: nil, request: request)
    }

    static func login(request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        do {
            let user = try await SignIn.verify(username: form.username, password: form.password, ip: request.clientAddress,
                                               app: request.application)
            let secret = SecretToken.make(prefix: "ls_")
            let ip = request.clientAddress
            let agent = request.headers.first(name: .userAgent)
            _ = try await request.write(AuditSubject("session.start", UserSession.self), signingIn: (user.id, user.username)) {
                try await SessionCookie.start(secret, for: user, ip: ip, userAgent: agent, on: $0)
            }
            // A temporary password leads to the form that replaces it, and nowhere else (`PasswordChangeGate`).
            let next = user.mustChangePassword ? AccountRoute.password.path : LocalPath.validated(form.next) ?? PlatformRoute.home.path
            let response = request.redirect(to: next)
            response.cookies[SessionCookie.name] = SessionCookie.cookie(secret, secure: request.application.secureCookies)
            return response
        } catch let error as DomainError {
            // The status and headers (Retry-After) every error answer has, on the sign-in page itself.
            let description = ErrorDescription(error, language: request.language)
            let response = renderLogin(form, error: description.title, request: request, status: description.status)
            response.headers.add(contentsOf: description.headers)
            return response
        }
    }

    static func logout(request: Request) async throws -> Response {
        if let secret = request.sentCookies[SessionCookie.name]?.string,
           let session = try await UserSession.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(secret)).first() {
            try await request.write(AuditSubject("session.end", UserSession.self, id: session.id)) { db in
                try await session.delete(on: db)
            }
        }
        let response = request.redirect(to: AccountRoute.signIn.path)
        response.cookies[SessionCookie.name] = SessionCookie.cookie("", secure: request.application.secureCookies, maxAge: 0)
        return response
    }

    private static func renderLogin(_ form: LoginForm, error: String?, request: Request, status: HTTPStatus = .ok) -> Response {
        let language = request.language
        let fields = FormFields(request)
        let title = LocalizedText(vi: "Đăng nhập", en: "Sign in")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(error) { .div(.class("errors"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            fields.postForm(AccountRoute.signIn.path,
                .input(.type(.hidden), .name("next"), .value(form.next ?? "")),
                fields.text("username", LocalizedText(vi: "Tên đăng nhập", en: "Username"), value: form.username, required: true, autocomplete: "username"),
                fields.text("password", LocalizedText(vi: "Mật khẩu", en: "Password"), value: nil, required: true, type: .password,
                            autocomplete: "current-password"),
                fields.submit(LocalizedText(vi: "Đăng nhập", en: "Sign in")))
        )
        return Layout(title: title, content: content).response(for: request, status: status)
    }



    // MARK: Access

    struct NewUserForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var role: String?
        var organizationCode: String?
        var level: String?
        var endsOn: String?
    }

    struct GrantForm: Content {
        var username: String?
        var role: String?
        var organizationCode: String?
        var level: String?
        var endsOn: String?
    }

    static func access(request: Request) async throws -> Response {
        try await renderAccess(errors: [], request: request)
    }

    static func createUser(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = try request.content.decode(NewUserForm.self)
        let hasher = request.password.async
        do {
            let user = try await request.write(AuditSubject("user.create", User.self)) { db in
                let user = try await AccountCommands.createUser(NewUser(username: form.username, displayName: form.displayName, password: form.password),
                                                                hasher: hasher, on: db)
                _ = try await AccountCommands.grant(NewGrant(role: form.role, organizationCode: form.organizationCode, level: form.level,
                                                             endsOn: form.endsOn), to: user.requireID(), by: actor, on: db)
                return user
            }
            return request.redirect(to: AccountRoute.access.path, flash: LocalizedText(
                vi: "Đã tạo tài khoản \(user.username)", en: "Account \(user.username) created"))
        } catch let error as DomainError {
            return try await renderAccess(errors: error.fieldErrors.isEmpty ? [FieldError(field: "username", message: error.title)] : error.fieldErrors,
                                          request: request, status: .unprocessableEntity)
        }
    }

    static func grant(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = try request.content.decode(GrantForm.self)
        do {
            guard let user = try await User.query(on: request.db).filter(\.$username == (form.username ?? "").lowercased()).first() else {
                throw DomainError.invalid(field: "grantUsername", LocalizedText(vi: "Không có tài khoản \(form.username ?? "")", en: "No account \(form.username ?? "")"))
            }
            _ = try await request.write(AuditSubject("grant.create", RoleGrant.self)) {
                try await AccountCommands.grant(NewGrant(role: form.role, organizationCode: form.organizationCode, level: form.level, endsOn: form.endsOn),
                                                to: user.requireID(), by: actor, on: $0)
            }
            return request.redirect(to: AccountRoute.access.path, flash: LocalizedText(
                vi: "Đã giao vai trò cho \(user.username)", en: "Role given to \(user.username)"))
        } catch let error as DomainError {
            return try await renderAccess(errors: error.fieldErrors.isEmpty ? [FieldError(field: "grantUsername", message: error.title)] : error.fieldErrors,
                                          request: request, status: .unprocessableEntity)
        }
    }

    static func confirmRevoke(request: Request) async throws -> Response {
        let id = try request.id()
        let grant = try await AccountCommands.revocableGrant(id, by: try request.requireActor(), on: request.db)
        guard let user = try await User.find(grant.userId, on: request.db) else { throw Abort(.notFound) }
        let unit = try await grant.organizationId.asyncMap { try await Organization.find($0, on: request.db)?.name } ?? nil
        let role = RoleLine(role: grant.role, level: grant.level, unitName: unit, startsOn: grant.startsOn, endsOn: grant.endsOn)
        let account = AccountTexts.account(user.displayName, user.username)
        return ConfirmationView(
            title: LocalizedText(vi: "Thu hồi vai trò của \(account)?", en: "Revoke a role of \(account)?"),
            consequences: [
                LocalizedText(vi: "Vai trò bị thu hồi: \(role.text(.vi)).", en: "The role revoked: \(role.text(.en))."),
                LocalizedText(vi: "Từ lúc này tài khoản không còn xem và làm được những gì vai trò này cho phép, kể cả trong các phiên đang mở.",
                              en: "From now on the account can no longer see or do what this role allowed, in open sessions too."),
                LocalizedText(vi: "Muốn giao lại, phải giao một vai trò mới.", en: "To give it back, a new role must be given."),
            ],
            action: AccountRoute.deleteGrant(.value(id)).path, button: LocalizedText(vi: "Thu hồi vai trò", en: "Revoke the role"),
            back: AccountRoute.access.path
        ).response(for: request)
    }

    static func revoke(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let id = try request.id()
        _ = try await request.write(AuditSubject("grant.revoke", RoleGrant.self, id: id)) {
            try await AccountCommands.revokeGrant(id, by: actor, on: $0)
        }
        return request.redirect(to: AccountRoute.access.path, flash: LocalizedText(vi: "Đã thu hồi vai trò", en: "Role revoked"))
    }

    /// The roles in force inside the caller's scope, with forms to add an account or a role.
    private static func renderAccess(errors: [FieldError], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let fields = FormFields(request, errors: errors)
        let role = try request.queryChoice(Role.self, at: "role")
        let list = try await AccountQueries.grants(visibleTo: actor, role: role, before: try request.queryInteger("before"), limit: 50, on: request.reads)
        let rows = list.rows
        let title = LocalizedText(vi: "Tài khoản và phân quyền", en: "Accounts and roles")(language)
        let roleOptions = Role.allCases.filter { actor.isAdministrator || $0 != .administrator }.map { ($0.rawValue, $0.label(language)) }
        let columns = [LocalizedText(vi: "Tài khoản", en: "Account"), LocalizedText(vi: "Vai trò", en: "Role"), LocalizedText(vi: "Phạm vi", en: "Scope"),
                       LocalizedText(vi: "Hiệu lực", en: "In force")].map { $0(language) }
        let levelOptions = [("", "—")] + OfficerLevel.allCases.map { ($0.rawValue, $0.label(language)) }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            fields.summary,
            .form(.class("inline"), .method(.get), .action(AccountRoute.access.path), .attribute(named: "role", value: "search"),
                  fields.select("role-filter", LocalizedText(vi: "Vai trò", en: "Role"),
                                options: [("", LocalizedText(vi: "Tất cả", en: "All")(language))] + Role.allCases.map { ($0.rawValue, $0.label(language)) },
                                selected: role?.rawValue, named: "role"),
                  .button(.type(.submit), .text(LocalizedText(vi: "Lọc", en: "Filter")(language)))),
            .p(.class("muted"), .text(LocalizedText(vi: "Mới giao trước; mỗi trang 50 vai trò.", en: "Newest first; 50 roles a page.")(language))),
            // Cards on a phone (each value beside its column's name), a table on a wide screen.
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(columns) { .th(.text($0)) }, .th(.span(.class("visually-hidden"), .text(LocalizedText(vi: "Thao tác", en: "Action")(language)))))),
                .tbody(.forEach(rows) { row in
                    .tr(.td(.attribute(named: "data-label", value: columns[0]),
                            .span(row.looksAfterAccount
                                  ? .a(.href(AccountRoute.user(.value(row.grant.userId)).path), .text(AccountTexts.account(row.user.displayName, row.user.username)))
                                  : .text(AccountTexts.account(row.user.displayName, row.user.username)),
                                  .if(!row.user.isActive, .span(.class("badge closed"), .text(" " + LocalizedText(vi: "đã vô hiệu hóa", en: "deactivated")(language)))))),
                        .td(.attribute(named: "data-label", value: columns[1]), .text(row.grant.role.label(language) + (row.grant.level.map { " · " + $0.label(language) } ?? ""))),
                        .td(.attribute(named: "data-label", value: columns[2]), .text(row.unitName ?? "—")),
                        .td(.attribute(named: "data-label", value: columns[3]), .text(row.grant.endsOn.map { "\(row.grant.startsOn.vietnamese) – \($0.vietnamese)" }
                            ?? LocalizedText(vi: "từ\u{00A0}\(row.grant.startsOn.vietnamese)", en: "from\u{00A0}\(row.grant.startsOn.vietnamese)")(language))),
                        .td(.class("action"), .a(.class("button secondary"), .href(AccountRoute.deleteGrant(.value(row.grant.id!)).path),
                                                 .text(LocalizedText(vi: "Thu hồi…", en: "Revoke…")(language)))))
                })
            )),
            .unwrap(list.before) { before in
                .p(.a(.href(AccountRoute.access.path(query: ["role": role?.rawValue, "before": before])),
                      .text(LocalizedText(vi: "Các vai trò giao trước đó →", en: "Earlier roles →")(language))))
            },
            .h2(.text(LocalizedText(vi: "Giao vai trò cho tài khoản có sẵn", en: "Give a role to an existing account")(language))),
            fields.postForm(AccountRoute.grants.path,
                fields.text("grantUsername", LocalizedText(vi: "Tên đăng nhập", en: "Username"), value: nil, required: true, named: "username"),
                fields.select("role", LocalizedText(vi: "Vai trò", en: "Role"), options: roleOptions, selected: Role.officer.rawValue, required: true),
                fields.text("organizationCode", LocalizedText(vi: "Mã đơn vị (phạm vi)", en: "Unit code (scope)"), value: nil),
                fields.select("level", LocalizedText(vi: "Cấp quyền (cán bộ)", en: "Level (officers)"), options: levelOptions, selected: nil),
                fields.text("endsOn", LocalizedText(vi: "Hết hiệu lực sau ngày (cấp phó tạm thời)", en: "Last day in force (a deputy)"), value: nil),
                fields.submit(LocalizedText(vi: "Giao vai trò", en: "Give the role"))),
            .h2(.text(LocalizedText(vi: "Tạo tài khoản mới", en: "New account")(language))),
            fields.postForm(AccountRoute.newUser.path,
                fields.text("username", LocalizedText(vi: "Tên đăng nhập", en: "Username"), value: nil, required: true),
                fields.text("displayName", LocalizedText(vi: "Họ tên", en: "Name"), value: nil, required: true),
                fields.text("password", LocalizedText(vi: "Mật khẩu (ít nhất 10 ký tự)", en: "Password (at least 10 characters)"), value: nil, required: true,
                            type: .password, autocomplete: "new-password"),
                // Ids differ from the form above (one page, two forms); the submitted names are the same.
                fields.select("newRole", LocalizedText(vi: "Vai trò", en: "Role"), options: roleOptions, selected: Role.officer.rawValue, required: true,
                              named: "role"),
                fields.text("newOrganizationCode", LocalizedText(vi: "Mã đơn vị (phạm vi)", en: "Unit code (scope)"), value: nil, named: "organizationCode"),
                fields.select("newLevel", LocalizedText(vi: "Cấp quyền (cán bộ)", en: "Level (officers)"), options: levelOptions, selected: nil, named: "level"),
                fields.text("newEndsOn", LocalizedText(vi: "Hết hiệu lực sau ngày", en: "Last day in force"), value: nil, named: "endsOn"),
                fields.submit(LocalizedText(vi: "Tạo tài khoản", en: "Create the account")))
        )
        return Layout(title: title, content: content).response(for: request, status: status)
    }
}

extension Role {
    func label(_ language: UILanguage) -> String {
        switch self {
        case .administrator: return LocalizedText(vi: "Quản trị hệ thống", en: "Administrator")(language)
        case .officer: return LocalizedText(vi: "Cán bộ", en: "Officer")(language)
        case .secretary: return LocalizedText(vi: "Bí thư chi bộ", en: "Cell secretary")(language)
        case .member: return LocalizedText(vi: "Đảng viên", en: "Member")(language)
        case .portalEditor: return LocalizedText(vi: "Biên tập viên trang tin", en: "Public site editor")(language)
        }
    }
}

extension OfficerLevel {
    func label(_ language: UILanguage) -> String {
        switch self {
        case .viewer: return LocalizedText(vi: "xem", en: "viewer")(language)
        case .editor: return LocalizedText(vi: "cập nhật", en: "editor")(language)
        case .manager: return LocalizedText(vi: "quản lý", en: "manager")(language)
        }
    }
}
