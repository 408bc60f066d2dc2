import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// Accounts a person looks after: their own password, sessions and tokens; and, for a manager inside their scope or
/// an administrator, another account's password reset and its deactivation. Over HTTP, web and API, on both databases.
@Suite("Accounts a person looks after")
struct AccountSelfServiceTests {
    static let newPassword = "cay-tre-xanh-ven-song"

    struct Problem: Decodable {
        let title: String
        let status: Int
    }

    /// The tree, a ward A manager and the accounts around it.
    struct World {
        let tree: SmallTree
        let admin: Caller
        let cityManager: Caller
        let wardAManager: Caller
        let wardAEditor: Caller
        let cityViewer: Caller
        let wardBSecretary: Caller
        let memberA: Caller

        static func make(_ app: Application) async throws -> World {
            let tree = try await SmallTree.make(on: app)
            let member = try await app.createMember("Nguyễn Văn An", card: "101", in: tree.cellA1)
            return World(tree: tree,
                         admin: try await app.caller("admin", .administrator),
                         cityManager: try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager),
                         wardAManager: try await app.caller("quanlya", .officer, scope: tree.wardA, level: .manager),
                         wardAEditor: try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor),
                         cityViewer: try await app.caller("xemtp", .officer, scope: tree.city, level: .viewer),
                         wardBSecretary: try await app.caller("bithub1", .secretary, scope: tree.cellB1),
                         memberA: try await app.caller("dangvien", .member, member: member))
        }
    }

    // MARK: One's own password

    @Test("changing one's password needs the current one and the password rules; the other browsers are signed out, this one and the tokens stay",
          arguments: TestBackend.allCases)
    func changePassword(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let editor = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let phone = try await app.otherBrowser(of: editor.userId, agent: "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36")
            let tester = try app.testing()
            func change(_ current: String, _ new: String, _ repeated: String) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(.POST, "/me/password", headers: editor.web) {
                    try $0.content.encode(editor.form(["currentPassword": current, "newPassword": new, "repeatedPassword": repeated]), as: .urlEncodedForm)
                }
            }
            let refusals: [(String, String, String, String)] = [
                ("sai mật khẩu cũ", Self.newPassword, Self.newPassword, "Mật khẩu hiện tại không đúng"),
                (Application.testPassword, "ngan", "ngan", "Mật khẩu cần ít nhất 10 ký tự"),
                (Application.testPassword, "1234567890", "1234567890", "dễ bị dò ra"),
                (Application.testPassword, Self.newPassword, Self.newPassword + "!", "Hai lần nhập mật khẩu mới không khớp nhau"),
                (Application.testPassword, Application.testPassword, Application.testPassword, "Mật khẩu mới phải khác mật khẩu hiện tại"),
            ]
            for (current, new, repeated, message) in refusals {
                let refused = try await change(current, new, repeated)
                #expect(refused.status == .unprocessableEntity, "\(message)")
                #expect(String(buffer: refused.body).contains(message))
            }
            #expect(try await app.rowCount("user_sessions") == 2, "a refused change ends nothing")

            let changed = try await change(Application.testPassword, Self.newPassword, Self.newPassword)
            #expect(changed.status == .seeOther)
            #expect(changed.headers.first(name: .location) == "/me/account")
            #expect(changed.headers.setCookie?[FlashMiddleware.cookieName] != nil, "the account page says what happened")
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: editor.web).status == .ok, "this browser stays signed in")
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: app.browser(phone)).status == .seeOther, "the phone is signed out")
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: editor.api).status == .ok, "tokens stay")
            #expect(try await app.tokenRequest(tester, "phuonga", Application.testPassword).status == .unauthorized)
            #expect(try await app.tokenRequest(tester, "phuonga", Self.newPassword).status == .created)

            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "user.password.change").first())
            #expect(event.actorName == "phuonga")
            #expect(event.before?.contains(#""sessions":"2""#) == true)
            #expect(event.after?.contains(#""sessions":"1""#) == true)
            #expect(event.before?.contains("$2") != true && event.after?.contains("$2") != true, "no password hash in the trail")

            // The API changes it too; having no browser of its own, it signs every browser out.
            let api = try await tester.sendRequest(.POST, "/api/v1/me/password", headers: editor.api) {
                try $0.content.encode(AccountAPI.PasswordChange(currentPassword: Self.newPassword, newPassword: "mot-cau-khac-hoan-toan"))
            }
            #expect(api.status == .noContent)
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: editor.web).status == .seeOther)
            let wrong = try await tester.sendRequest(.POST, "/api/v1/me/password", headers: editor.api) {
                try $0.content.encode(AccountAPI.PasswordChange(currentPassword: "khong-dung-dau", newPassword: "mot-cau-moi-nua-day"))
            }
            #expect(wrong.status == .unprocessableEntity)
        }
    }

    // MARK: Resets

    @Test("a manager resets passwords only of accounts whose roles all lie in their subtree; administrators of any account but their own",
          arguments: TestBackend.allCases)
    func resetScope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            // An account with a role in each ward: neither ward's manager alone looks after it.
            let twoWards = try await app.caller("haiphuong", .officer, scope: world.tree.cellA1, level: .viewer)
            _ = try await app.write { try await AccountCommands.grant(NewGrant(role: "secretary", organizationId: world.tree.cellB1), to: twoWards.userId, by: nil, on: $0) }
            func reset(_ caller: Caller, _ target: Caller) async throws -> HTTPStatus {
                try await tester.sendRequest(.POST, "/api/v1/users/\(target.userId)/password-reset", headers: caller.api).status
            }
            let expected: [(String, Caller, Caller, HTTPStatus)] = [
                ("ward manager, city officer", world.wardAManager, world.cityViewer, .notFound),
                ("ward manager, another ward's secretary", world.wardAManager, world.wardBSecretary, .notFound),
                ("ward manager, an account in both wards", world.wardAManager, twoWards, .notFound),
                ("ward manager, the administrator", world.wardAManager, world.admin, .notFound),
                ("ward manager, the city manager", world.wardAManager, world.cityManager, .notFound),
                ("ward manager, themselves", world.wardAManager, world.wardAManager, .forbidden),
                ("ward editor, a ward officer", world.wardAEditor, world.wardAManager, .forbidden),
                ("city viewer, a ward officer", world.cityViewer, world.wardAEditor, .forbidden),
                ("secretary", world.wardBSecretary, world.wardAEditor, .forbidden),
                ("member", world.memberA, world.wardAEditor, .forbidden),
                ("administrator, themselves", world.admin, world.admin, .forbidden),
            ]
            for (name, caller, target, status) in expected {
                #expect(try await reset(caller, target) == status, "\(name)")
            }
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.password.reset").count() == 0, "refusals write nothing")
            #expect(try await tester.sendRequest(.GET, "/users/\(world.cityViewer.userId)", headers: world.wardAManager.web).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/users/\(world.wardBSecretary.userId)/password-reset", headers: world.wardAManager.web).status == .notFound)

            let allowed: [(String, Caller, Caller)] = [
                ("ward manager, a ward editor", world.wardAManager, world.wardAEditor),
                ("ward manager, a member of a ward cell", world.wardAManager, world.memberA),
                ("city manager, an account in both wards", world.cityManager, twoWards),
                ("city manager, another ward's secretary", world.cityManager, world.wardBSecretary),
                ("administrator, the city manager", world.admin, world.cityManager),
            ]
            for (name, caller, target) in allowed {
                #expect(try await reset(caller, target) == .ok, "\(name)")
            }

            // The access page links only the accounts the manager looks after.
            let access = String(buffer: try await tester.sendRequest(.GET, "/access", headers: world.wardAManager.web).body)
            #expect(access.contains(#"href="/users/\#(world.wardAEditor.userId)""#))
            #expect(!access.contains(#"href="/users/\#(twoWards.userId)""#), "the account in both wards is listed (its ward A role) but not linked")
        }
    }

    @Test("a reset shows a temporary password once, ends every session and token, and holds the account on the change-password form until changed",
          arguments: TestBackend.allCases)
    func temporaryPassword(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let editor = world.wardAEditor
            let tester = try app.testing()

            let confirm = try await tester.sendRequest(.GET, "/users/\(editor.userId)/password-reset", headers: world.wardAManager.web)
            #expect(confirm.status == .ok)
            let question = String(buffer: confirm.body)
            #expect(question.contains("Mọi phiên đăng nhập và khóa truy cập API của tài khoản kết thúc ngay"))
            #expect(question.contains(#"class="danger""#))

            let page = try await tester.sendRequest(.POST, "/users/\(editor.userId)/password-reset", headers: world.wardAManager.web) {
                try $0.content.encode(world.wardAManager.form([:]), as: .urlEncodedForm)
            }
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            let temporary = try #require(html.firstMatch(of: #/id="temporary-password">([a-z2-9-]{14})</#)).1
            #expect(try await UserSession.query(on: app.db).filter(\.$userId == editor.userId).count() == 0)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: editor.api).status == .unauthorized)
            #expect(try await tester.sendRequest(.GET, "/organizations", headers: editor.web).status == .seeOther)
            let stored = try #require(try await User.find(editor.userId, on: app.db))
            #expect(stored.mustChangePassword)
            #expect(!(try await app.password.async.verify(Application.testPassword, created: stored.passwordHash)))
            let account = String(buffer: try await tester.sendRequest(.GET, "/users/\(editor.userId)", headers: world.wardAManager.web).body)
            #expect(account.contains("Mật khẩu tạm thời, phải đổi ở lần đăng nhập tới"))
            #expect(!account.contains(String(temporary)), "the temporary password is shown once")

            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "user.password.reset").first())
            #expect(event.actorName == "quanlya")
            #expect(event.entityKey == String(editor.userId))
            #expect(event.before?.contains(#""mustChangePassword":"false""#) == true && event.after?.contains(#""mustChangePassword":"true""#) == true)
            #expect(event.before?.contains(#""tokens":"1""#) == true && event.after?.contains(#""tokens":"0""#) == true)
            #expect(event.after?.contains(#""sessions":"0""#) == true)
            #expect(!(event.after ?? "").contains(String(temporary)))

            // The API gives no token for a temporary password, and says why.
            let refused = try await app.tokenRequest(tester, "phuonga", String(temporary))
            #expect(refused.status == .forbidden)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(buffer: refused.body)).title.contains("mật khẩu tạm thời"))

            // The browser signed in with it reaches the change-password form and nothing else.
            let signIn = try await app.webSignIn(tester, "phuonga", String(temporary))
            #expect(signIn.response.headers.first(name: .location) == "/me/password")
            let session = try #require(signIn.session)
            let browser = app.browser(session)
            let detour = try await tester.sendRequest(.GET, "/organizations", headers: browser)
            #expect(detour.status == .seeOther)
            #expect(detour.headers.first(name: .location) == "/me/password")
            let post = try await tester.sendRequest(.POST, "/access/grants", headers: browser) {
                try $0.content.encode(["_csrf": CSRFMiddleware.token(forSession: session), "username": "x"], as: .urlEncodedForm)
            }
            #expect(post.status == .forbidden)
            let form = String(buffer: try await tester.sendRequest(.GET, "/me/password", headers: browser).body)
            #expect(form.contains("Bạn đang dùng mật khẩu tạm thời"))
            #expect(try await tester.sendRequest(.GET, PlatformRoute.stylesheet.path, headers: browser).status == .ok)

            let changed = try await tester.sendRequest(.POST, "/me/password", headers: browser) {
                try $0.content.encode(["_csrf": CSRFMiddleware.token(forSession: session), "currentPassword": String(temporary),
                                       "newPassword": Self.newPassword, "repeatedPassword": Self.newPassword], as: .urlEncodedForm)
            }
            #expect(changed.status == .seeOther)
            #expect(changed.headers.first(name: .location) == "/")
            #expect(try await tester.sendRequest(.GET, "/organizations", headers: browser).status == .ok)
            #expect(try await User.find(editor.userId, on: app.db)?.mustChangePassword == false)

            // A script replaces a temporary password in the token request itself.
            let second = try await tester.sendRequest(.POST, "/api/v1/users/\(editor.userId)/password-reset", headers: world.wardAManager.api)
            let again = try second.content.decode(AccountAPI.PasswordResetDTO.self)
            #expect(again.user.mustChangePassword)
            let weak = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(AccountAPI.TokenRequest(username: "phuonga", password: again.temporaryPassword, newPassword: again.temporaryPassword))
            }
            #expect(weak.status == .unprocessableEntity, "the new password must differ from the temporary one")
            let replaced = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(AccountAPI.TokenRequest(username: "phuonga", password: again.temporaryPassword, newPassword: "mot-cau-rieng-cua-toi"))
            }
            #expect(replaced.status == .created)
            #expect(try await User.find(editor.userId, on: app.db)?.mustChangePassword == false)
        }
    }

    // MARK: Deactivation

    @Test("deactivation ends the account's sessions and tokens at once and refuses its sign-in; reactivation does not revive them",
          arguments: TestBackend.allCases)
    func deactivation(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let editor = world.wardAEditor
            let tester = try app.testing()
            let manager = world.wardAManager

            let confirm = String(buffer: try await tester.sendRequest(.GET, "/users/\(editor.userId)/deactivation", headers: manager.web).body)
            #expect(confirm.contains("kích hoạt lại cũng không khôi phục chúng"))
            #expect(confirm.contains(#"class="danger""#))
            let done = try await tester.sendRequest(.POST, "/users/\(editor.userId)/deactivation", headers: manager.web) {
                try $0.content.encode(manager.form([:]), as: .urlEncodedForm)
            }
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/users/\(editor.userId)")
            let note = try #require(done.headers.setCookie?[FlashMiddleware.cookieName]?.string)
            let landed = String(buffer: try await tester.sendRequest(.GET, "/users/\(editor.userId)", headers: ["Cookie": "\(SessionCookie.name)=\(manager.session); \(FlashMiddleware.cookieName)=\(note)"]).body)
            #expect(landed.contains("Đã vô hiệu hóa tài khoản phuonga"))
            #expect(landed.contains("Đã vô hiệu hóa: không đăng nhập được"))

            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: editor.api).status == .unauthorized)
            #expect(try await tester.sendRequest(.GET, "/organizations", headers: editor.web).status == .seeOther)
            #expect(try await app.tokenRequest(tester, "phuonga", Application.testPassword).status == .unauthorized)
            #expect(try await app.webSignIn(tester, "phuonga", Application.testPassword).session == nil)
            #expect(try await tester.sendRequest(.POST, "/api/v1/users/\(editor.userId)/deactivation", headers: manager.api).status == .conflict)

            let reactivated = try await tester.sendRequest(.POST, "/api/v1/users/\(editor.userId)/reactivation", headers: manager.api)
            #expect(reactivated.status == .ok)
            let dto = try reactivated.content.decode(AccountAPI.UserDTO.self)
            #expect(dto.active && !dto.mustChangePassword)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: editor.api).status == .unauthorized, "the old token stays ended")
            #expect(try await tester.sendRequest(.GET, "/organizations", headers: editor.web).status == .seeOther, "the old session stays ended")
            #expect(try await app.tokenRequest(tester, "phuonga", Application.testPassword).status == .created)
            #expect(try await tester.sendRequest(.POST, "/users/\(editor.userId)/reactivation", headers: manager.web) {
                try $0.content.encode(manager.form([:]), as: .urlEncodedForm)
            }.status == .conflict)

            // The same scope as resets.
            for target in [world.cityViewer, world.wardBSecretary, world.admin] {
                #expect(try await tester.sendRequest(.POST, "/api/v1/users/\(target.userId)/deactivation", headers: manager.api).status == .notFound)
            }
            #expect(try await tester.sendRequest(.POST, "/api/v1/users/\(manager.userId)/deactivation", headers: manager.api).status == .forbidden)
            #expect(try await tester.sendRequest(.POST, "/api/v1/users/\(manager.userId)/deactivation", headers: world.cityViewer.api).status == .forbidden,
                    "a viewer looks after no account")

            let events = try await AuditEvent.query(on: app.db).filter(\.$entity == "user").filter(\.$entityKey == String(editor.userId)).all()
            let deactivated = try #require(events.first { $0.action == "user.deactivate" })
            #expect(deactivated.actorName == "quanlya")
            #expect(deactivated.before?.contains(#""isActive":"true""#) == true && deactivated.after?.contains(#""isActive":"false""#) == true)
            #expect(deactivated.after?.contains(#""sessions":"0""#) == true && deactivated.after?.contains(#""tokens":"0""#) == true)
            #expect(events.contains { $0.action == "user.reactivate" && $0.source == "api" })
        }
    }

    // MARK: Sessions and tokens

    @Test("each person lists their sessions and tokens and ends any of them, never someone else's", arguments: TestBackend.allCases)
    func sessionsAndTokens(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let me = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let someoneElse = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let phone = try await app.otherBrowser(of: me.userId, agent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36")
            let laptop = try await app.otherBrowser(of: me.userId, agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0")
            let tester = try app.testing()
            let script = try await app.tokenRequest(tester, "phuonga", Application.testPassword, name: "Báo cáo hằng tuần").content.decode(AccountAPI.TokenDTO.self)

            let page = String(buffer: try await tester.sendRequest(.GET, "/me/account", headers: me.web).body)
            #expect(page.components(separatedBy: "Trình duyệt này").count == 2, "one session is this browser")
            #expect(page.contains("Chrome · Android") && page.contains("Firefox · Windows"))
            #expect(page.components(separatedBy: "Kết thúc phiên này").count == 3, "an end button for each other session")
            #expect(page.contains("Báo cáo hằng tuần"))
            #expect(page.contains(#"href="/me/sessions/end""#))

            let sessions = try await tester.sendRequest(.GET, "/api/v1/me/sessions", headers: me.api).content.decode([AccountAPI.SessionDTO].self)
            #expect(sessions.count == 3)
            let tokens = try await tester.sendRequest(.GET, "/api/v1/me/tokens", headers: me.api).content.decode([AccountAPI.TokenInfoDTO].self)
            #expect(tokens.map(\.name).sorted() == ["Báo cáo hằng tuần", "test"])
            #expect(tokens.filter(\.current).map(\.name) == ["test"])
            #expect(tokens.allSatisfy { $0.lastUsedAt != nil || $0.name != "test" }, "the token in use notes when it was last used")

            // Ending one of one's own sessions signs that browser out.
            let phoneId = try #require(try await UserSession.query(on: app.db).filter(\.$tokenHash == SecretToken.hash(phone)).first()?.id)
            let ended = try await tester.sendRequest(.POST, "/me/sessions/\(phoneId)/end", headers: me.web) {
                try $0.content.encode(me.form([:]), as: .urlEncodedForm)
            }
            #expect(ended.status == .seeOther)
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: app.browser(phone)).status == .seeOther)
            #expect(try await tester.sendRequest(.POST, "/me/sessions/\(phoneId)/end", headers: me.web) {
                try $0.content.encode(me.form([:]), as: .urlEncodedForm)
            }.status == .notFound)

            // Another person's session and token are not found.
            let theirs = try #require(try await UserSession.query(on: app.db).filter(\.$userId == someoneElse.userId).first()?.id)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/me/sessions/\(theirs)", headers: me.api).status == .notFound)
            let theirToken = try #require(try await APIToken.query(on: app.db).filter(\.$userId == someoneElse.userId).first()?.id)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/me/tokens/\(theirToken)", headers: me.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: someoneElse.api).status == .ok)

            // Revoking a token.
            let revoked = try await tester.sendRequest(.POST, "/me/tokens/\(script.id)/end", headers: me.web) {
                try $0.content.encode(me.form([:]), as: .urlEncodedForm)
            }
            #expect(revoked.status == .seeOther)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(script.token)"]).status == .unauthorized)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/me/tokens/\(script.id)", headers: me.api).status == .notFound)

            // Signing out everywhere else: asked first, then only this browser is left.
            let question = String(buffer: try await tester.sendRequest(.GET, "/me/sessions/end", headers: me.web).body)
            #expect(question.contains(#"class="danger""#) && question.contains("Trình duyệt này vẫn đăng nhập"))
            let everywhere = try await tester.sendRequest(.POST, "/me/sessions/end", headers: me.web) {
                try $0.content.encode(me.form([:]), as: .urlEncodedForm)
            }
            #expect(everywhere.status == .seeOther)
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: app.browser(laptop)).status == .seeOther)
            #expect(try await tester.sendRequest(.GET, "/me/account", headers: me.web).status == .ok)
            #expect(try await UserSession.query(on: app.db).filter(\.$userId == me.userId).count() == 1)

            // From the API, every browser session ends.
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/me/sessions", headers: me.api).status == .noContent)
            #expect(try await UserSession.query(on: app.db).filter(\.$userId == me.userId).count() == 0)
            #expect(try await UserSession.query(on: app.db).filter(\.$userId == someoneElse.userId).count() == 1)

            let actions = try await AuditEvent.query(on: app.db).filter(\.$actorName == "phuonga").all().map(\.action)
            #expect(actions.filter { $0 == "session.end" }.count == 1)
            #expect(actions.filter { $0 == "token.revoke" }.count == 1)
            #expect(actions.filter { $0 == "user.sessions.end" }.count == 2)
        }
    }

    @Test("a session notes when it was last seen, at most every few minutes", arguments: TestBackend.allCases)
    func lastSeen(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let me = try await app.admin()
            let tester = try app.testing()
            let long = Date().addingTimeInterval(-3600)
            try await UserSession.query(on: app.db).filter(\.$userId == me.userId).set(\.$lastSeenAt, to: long).update()
            _ = try await tester.sendRequest(.GET, "/me/account", headers: me.web)
            let seen = try #require(try await UserSession.query(on: app.db).filter(\.$userId == me.userId).first()?.lastSeenAt)
            #expect(seen > long.addingTimeInterval(3000))
            let recent = Date().addingTimeInterval(-30)
            try await UserSession.query(on: app.db).filter(\.$userId == me.userId).set(\.$lastSeenAt, to: recent).update()
            _ = try await tester.sendRequest(.GET, "/me/account", headers: me.web)
            let kept = try #require(try await UserSession.query(on: app.db).filter(\.$userId == me.userId).first()?.lastSeenAt)
            #expect(abs(kept.timeIntervalSince(recent)) < 1, "seen a moment ago: not written again")
        }
    }

    @Test("taking a role back asks first, on a page that says which role and what follows", arguments: TestBackend.allCases)
    func revokeAsksFirst(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == world.wardAEditor.userId).first()).requireID()
            let outside = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == world.wardBSecretary.userId).first()).requireID()
            let access = String(buffer: try await tester.sendRequest(.GET, "/access", headers: world.wardAManager.web).body)
            #expect(access.contains(#"href="/access/grants/\#(grant)/delete""#), "the access page leads to the question, not straight to the act")
            let question = String(buffer: try await tester.sendRequest(.GET, "/access/grants/\(grant)/delete", headers: world.wardAManager.web).body)
            #expect(question.contains("Vai trò bị thu hồi: Cán bộ · cập nhật — Đảng bộ phường Bến Nghé."))
            #expect(question.contains(#"class="danger""#))
            #expect(try await tester.sendRequest(.GET, "/access/grants/\(outside)/delete", headers: world.wardAManager.web).status == .notFound)
            let revoked = try await tester.sendRequest(.POST, "/access/grants/\(grant)/delete", headers: world.wardAManager.web) {
                try $0.content.encode(world.wardAManager.form([:]), as: .urlEncodedForm)
            }
            #expect(revoked.status == .seeOther)
            #expect(revoked.headers.setCookie?[FlashMiddleware.cookieName] != nil)
            #expect(try await RoleGrant.find(grant, on: app.db)?.revokedAt != nil)
        }
    }

    // MARK: Rules and views without a database

    @Test("who looks after an account: every role inside the manager's subtrees")
    func stewardship() throws {
        let city = try #require(TreePath(rawValue: "/1/"))
        let wardA = try #require(TreePath(rawValue: "/1/2/"))
        let wardB = try #require(TreePath(rawValue: "/1/3/"))
        let cellA = try #require(TreePath(rawValue: "/1/2/4/"))
        let manager = Actor(userId: 1, username: "m", displayName: "M", grants: [Grant(role: .officer, scope: wardA, level: .manager)])
        let editor = Actor(userId: 2, username: "e", displayName: "E", grants: [Grant(role: .officer, scope: city, level: .editor)])
        let admin = Actor(userId: 3, username: "a", displayName: "A", grants: [Grant(role: .administrator)])
        #expect(AccountStewardship.looksAfter(places: [wardA, cellA], actor: manager))
        #expect(!AccountStewardship.looksAfter(places: [cellA, wardB], actor: manager))
        #expect(!AccountStewardship.looksAfter(places: [city], actor: manager))
        #expect(!AccountStewardship.looksAfter(places: [nil], actor: manager), "an administrator's role has no place")
        #expect(!AccountStewardship.looksAfter(places: [], actor: manager), "an account without roles is the administrators'")
        #expect(!AccountStewardship.looksAfter(places: [cellA], actor: editor), "editors do not look after accounts")
        #expect(AccountStewardship.looksAfter(places: [nil, city], actor: admin))
    }

    @Test("temporary passwords: three groups of letters and digits that cannot be mistaken, each passing the password rules")
    func temporaryPasswords() {
        let passwords = (0..<200).map { _ in TemporaryPassword.make() }
        #expect(Set(passwords).count == passwords.count)
        for password in passwords {
            #expect(password.wholeMatch(of: #/[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}/#) != nil, "\(password)")
            #expect(PasswordPolicy.problem(password) == nil)
        }
    }

    @Test("a browser in a few words")
    func browserNames() {
        #expect(BrowserName.summary("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1")
                == "Safari · iOS")
        #expect(BrowserName.summary("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0") == "Edge · Windows")
        #expect(BrowserName.summary("Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 coc_coc_browser/120.0 Chrome/120.0 Mobile Safari/537.36")
                == "Cốc Cốc · Android")
        #expect(BrowserName.summary("curl/8.5.0") == "curl")
        #expect(BrowserName.summary(nil) == nil)
        #expect(BrowserName.summary("") == nil)
    }

    @Test("the own-account page: this browser marked, an end button for each other session, the tokens; the confirmation's dangerous button")
    func views() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let model = MyAccount.Model(
            username: "bithu", displayName: "Nguyễn <b>Bình</b>", roles: [RoleLine(role: .secretary, level: nil, unitName: "Chi bộ Khu phố 1",
                                                                                   startsOn: CalendarDate(year: 2024, month: 1, day: 1)!, endsOn: nil)],
            passwordChangedAt: now,
            sessions: [
                .init(id: 4, startedAt: now, lastSeenAt: now, expiresAt: now, ip: "10.0.0.1", userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/126.0", isThisBrowser: true),
                .init(id: 9, startedAt: now, lastSeenAt: nil, expiresAt: now, ip: nil, userAgent: nil, isThisBrowser: false),
            ],
            tokens: [.init(id: 2, name: "Tập lệnh", createdAt: now, expiresAt: now, lastUsedAt: nil)])
        let html = MyAccount.View(model: model).layout(PageContext(language: .vi, csrfToken: "t")).content.render()
        #expect(html.contains("Trình duyệt này"))
        #expect(!html.contains("/me/sessions/4/end"), "no button to end this browser's own session")
        #expect(html.contains(#"action="/me/sessions/9/end""#))
        #expect(html.contains(#"action="/me/tokens/2/end""#))
        #expect(html.contains(#"class="button danger" href="/me/sessions/end""#))
        #expect(html.contains("Nguyễn &lt;b&gt;Bình&lt;/b&gt;"))
        #expect(html.contains("Bí thư chi bộ — Chi bộ Khu phố 1"))
        let alone = MyAccount.View(model: MyAccount.Model(username: "x", displayName: "X", roles: [], passwordChangedAt: nil,
                                                          sessions: [model.sessions[0]], tokens: []))
            .layout(PageContext(language: .en, csrfToken: "t")).content.render()
        #expect(!alone.contains("/me/sessions/end"), "nothing to sign out of elsewhere")
        #expect(alone.contains("No token in force."))

        let confirm = ConfirmationView(title: LocalizedText(vi: "Vô hiệu hóa?", en: "Deactivate?"), consequences: [LocalizedText(vi: "Hết phiên", en: "Sessions end")],
                                       action: "/users/3/deactivation", button: AccountTexts.deactivate, back: "/users/3")
            .layout(PageContext(language: .vi, csrfToken: "t")).content.render()
        #expect(confirm.contains(#"<button type="submit" class="danger">Vô hiệu hóa tài khoản</button>"#))
        #expect(confirm.contains(#"href="/users/3""#))
        let form = PasswordFormView(temporary: true).layout(PageContext(language: .vi, csrfToken: "t")).content.render()
        #expect(form.contains("Mật khẩu tạm thời *") && form.contains(#"autocomplete="new-password""#))
    }
}

extension Application {
    /// Another signed-in browser of the same account; its cookie value.
    func otherBrowser(of userId: Int, agent: String?) async throws -> String {
        let secret = SecretToken.make(prefix: "ls_")
        _ = try await write { db in
            let user = try #require(try await User.find(userId, on: db))
            return try await SessionCookie.start(secret, for: user, ip: "10.0.0.9", userAgent: agent, on: db)
        }
        return secret
    }

    func browser(_ session: String) -> HTTPHeaders {
        ["Cookie": "\(SessionCookie.name)=\(session)"]
    }

    func tokenRequest(_ tester: any TestingApplicationTester, _ username: String, _ password: String, name: String? = nil) async throws -> TestingHTTPResponse {
        try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
            try $0.content.encode(AccountAPI.TokenRequest(username: username, password: password, name: name))
        }
    }

    /// The sign-in form as a browser sends it: the answer, and the session cookie when one was given.
    func webSignIn(_ tester: any TestingApplicationTester, _ username: String, _ password: String) async throws
        -> (response: TestingHTTPResponse, session: String?) {
        let form = try await tester.sendRequest(.GET, "/login")
        let csrf = try #require(form.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
        let response = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
            try $0.content.encode(["username": username, "password": password, "_csrf": csrf], as: .urlEncodedForm)
        }
        return (response, response.headers.setCookie?[SessionCookie.name]?.string)
    }
}
