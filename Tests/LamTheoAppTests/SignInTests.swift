import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Signing in, tokens and forms")
struct SignInTests {
    struct ProblemBody: Decodable {
        let title: String
        let status: Int
    }

    @Test("the web sign-in: a session cookie that is HttpOnly and SameSite, and sign-out ends it", arguments: TestBackend.allCases)
    func webSession(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            let tester = try app.testing()
            let form = try await tester.sendRequest(.GET, "/login?next=/members")
            #expect(form.status == .ok)
            let csrf = try #require(form.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            #expect(String(buffer: form.body).contains(#"name="_csrf" value="\#(csrf)""#))

            let wrong = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "admin", "password": "sai mật khẩu", "_csrf": csrf], as: .urlEncodedForm)
            }
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Tên đăng nhập hoặc mật khẩu không đúng"))

            let signedIn = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "Admin", "password": Application.testPassword, "_csrf": csrf, "next": "/members"], as: .urlEncodedForm)
            }
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/members")
            let cookie = try #require(signedIn.headers.setCookie?[SessionCookie.name])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(!cookie.isSecure, "plain HTTP in tests; Secure when LAMTHEO_PUBLIC_URL is https")
            let session = "\(SessionCookie.name)=\(cookie.string); \(CSRFMiddleware.cookieName)=\(csrf)"
            #expect(try await tester.sendRequest(.GET, "/members", headers: ["Cookie": session]).status == .ok)

            let offsite = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "admin", "password": Application.testPassword, "_csrf": csrf, "next": "//evil.example/"], as: .urlEncodedForm)
            }
            #expect(offsite.headers.first(name: .location) == "/")

            // Signed in, the form token is the session's, not the cookie's of the signed-out browser.
            let stale = try await tester.sendRequest(.POST, "/logout", headers: ["Cookie": session]) {
                try $0.content.encode(["_csrf": csrf], as: .urlEncodedForm)
            }
            #expect(stale.status == .forbidden)
            let out = try await tester.sendRequest(.POST, "/logout", headers: ["Cookie": session]) {
                try $0.content.encode(["_csrf": CSRFMiddleware.token(forSession: cookie.string)], as: .urlEncodedForm)
            }
            #expect(out.headers.setCookie?[CSRFMiddleware.cookieName].map { $0.string != csrf } == true, "signing out replaces the anonymous token")
            #expect(out.status == .seeOther)
            #expect(try await tester.sendRequest(.GET, "/members", headers: ["Cookie": session]).status == .seeOther)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.filter { $0 == "session.start" }.count == 2)
            #expect(actions.contains("session.end"))
        }
    }

    @Test("a form without its anti-forgery token is refused and writes nothing", arguments: TestBackend.allCases)
    func csrf(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let fields = ["name": "Chi bộ giả mạo", "code": "FAKE", "kindCode": "cell", "parentId": "\(tree.wardA)"]
            let missing = try await tester.sendRequest(.POST, "/organizations/new", headers: admin.web) {
                try $0.content.encode(fields, as: .urlEncodedForm)
            }
            #expect(missing.status == .forbidden)
            #expect(String(buffer: missing.body).contains("Biểu mẫu đã hết hạn hoặc không hợp lệ"))
            let forged = try await tester.sendRequest(.POST, "/organizations/new", headers: admin.web) {
                try $0.content.encode(fields.merging(["_csrf": "guessed"]) { $1 }, as: .urlEncodedForm)
            }
            #expect(forged.status == .forbidden)
            #expect(try await app.rowCount("organizations") == 6)
            // The API ignores the session cookie: a browser cannot be made to call it.
            let viaCookie = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.web) {
                try $0.content.encode(NewOrganization(name: "X", code: "X", kindCode: "cell", parentId: tree.wardA))
            }
            #expect(viaCookie.status == .unauthorized)
        }
    }

    @Test("API tokens: issued for a password, shown once, refused when wrong, expired or revoked", arguments: TestBackend.allCases)
    func tokens(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            let tester = try app.testing()
            let wrong = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(["username": "admin", "password": "nope"])
            }
            #expect(wrong.status == .unauthorized)
            let issued = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(AccountAPI.TokenRequest(username: "admin", password: Application.testPassword, name: "script", expiresInDays: 7))
            }
            #expect(issued.status == .created)
            let token = try issued.content.decode(AccountAPI.TokenDTO.self)
            #expect(token.token.hasPrefix("lt_"))
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == token.token).first() == nil, "only the hash is stored")
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token.token)"]
            let me = try await tester.sendRequest(.GET, "/api/v1/me", headers: bearer)
            #expect(try me.content.decode(AccountAPI.MeDTO.self).username == "admin")

            let bogus = try await tester.sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer lt_not-a-token", "Accept-Language": "en"])
            #expect(bogus.status == .unauthorized)
            #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: bogus.body)).title == "The access token is invalid, expired or revoked")

            #expect(try await tester.sendRequest(.DELETE, "/api/v1/auth/tokens/current", headers: bearer).status == .noContent)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: bearer).status == .unauthorized)

            let other = try await app.caller("viewer", .administrator)
            let stored = try #require(try await APIToken.query(on: app.db).filter(\.$userId == other.userId).first())
            stored.expiresAt = Date().addingTimeInterval(-60)
            try await stored.save(on: app.db)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me", headers: other.api).status == .unauthorized)
        }
    }

    @Test("password guessing is slowed, then refused for a while with a clear message", arguments: TestBackend.allCases)
    func throttle(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            app.signInThrottle.lockAfter = 4
            let tester = try app.testing()
            for _ in 0..<4 {
                let response = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") { try $0.content.encode(["username": "admin", "password": "đoán"]) }
                #expect(response.status == .unauthorized)
            }
            // Even the right password is refused now.
            let locked = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(["username": "admin", "password": Application.testPassword])
            }
            #expect(locked.status == .tooManyRequests)
            #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: locked.body)).title.contains("Tạm khóa"))
            #expect(try await APIToken.query(on: app.db).filter(\.$name == "API").count() == 0)

            // The web form says the same.
            let form = try await tester.sendRequest(.GET, "/login")
            let csrf = try #require(form.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            let web = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "admin", "password": Application.testPassword, "_csrf": csrf], as: .urlEncodedForm)
            }
            #expect(web.status == .tooManyRequests)
            #expect(String(buffer: web.body).contains("Đăng nhập sai quá nhiều lần"))
        }
    }
}
