import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// The defects of the outside security review, each held by a test that failed before its fix.
@Suite("Security review", .serialized)
struct SecurityReviewTests {
    typealias ProblemBody = APITests.ProblemBody

    /// What a sign-in answered, as the handlers map it: 200-like success, or the error's kind.
    enum Outcome: Hashable {
        case signedIn, wrong, locked, busy
        case other(String)
    }

    static func outcome(_ app: Application, _ username: String, _ password: String, ip: String? = nil) async -> Outcome {
        do {
            _ = try await SignIn.verify(username: username, password: password, ip: ip, app: app)
            return .signedIn
        } catch let error as DomainError {
            switch error.kind {
            case .unauthorized: return .wrong
            case .tooManyAttempts: return error.retryAfter.map { $0 > 0 } == true ? .locked : .other("429 without Retry-After")
            case .unavailable: return error.retryAfter.map { $0 > 0 } == true ? .busy : .other("503 without Retry-After")
            default: return .other("\(error.kind)")
            }
        } catch {
            return .other(String(reflecting: error))
        }
    }

    static func burst(_ app: Application, _ count: Int, username: String = "admin", password: String = "đoán sai") async -> [Outcome] {
        await withTaskGroup(of: Outcome.self) { group in
            for _ in 0..<count { group.addTask { await outcome(app, username, password) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    // MARK: 1. Sign-in throttle

    @Test("parallel guesses are counted one after the other: no more than the limit are ever checked", arguments: TestBackend.allCases)
    func parallelGuesses(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            app.signInThrottle.maxConcurrentVerifications = 100
            let outcomes = await Self.burst(app, 16)
            #expect(outcomes.filter { $0 == .wrong }.count == 10, "\(outcomes)")
            #expect(outcomes.filter { $0 == .locked }.count == 6, "\(outcomes)")
            #expect(try await LoginFailure.query(on: app.db).filter(\.$key == "user:admin").count() == 10)
            #expect(await Self.outcome(app, "admin", Application.testPassword) == .locked)
        }
    }

    @Test("a burst of 100 is answered 401, 429 or 503 with Retry-After, never an error", arguments: TestBackend.allCases)
    func burstNeverFails(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            app.signInThrottle.maxConcurrentVerifications = 2
            let outcomes = await Self.burst(app, 100)
            #expect(outcomes.allSatisfy { [.wrong, .locked, .busy].contains($0) }, "\(Set(outcomes))")
            #expect(outcomes.filter { $0 == .wrong }.count <= 10)

            // Over HTTP: 503 with Retry-After when no check may start, on the API and on the form.
            app.signInThrottle.maxConcurrentVerifications = 0
            let tester = try app.testing()
            let busy = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(["username": "someone", "password": "x"])
            }
            #expect(busy.status == .serviceUnavailable)
            #expect(Int(busy.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(busy.headers.contentType == .problemJSON)
            let form = try await tester.sendRequest(.GET, "/login")
            let csrf = try #require(form.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            let web = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "someone", "password": "x", "_csrf": csrf], as: .urlEncodedForm)
            }
            #expect(web.status == .serviceUnavailable)
            #expect(web.headers.first(name: .retryAfter) != nil)
            // A check that never ran is not a failure.
            #expect(try await LoginFailure.query(on: app.db).filter(\.$key == "user:someone").count() == 0)
        }
    }

    @Test("a locked account answers 429 with Retry-After; a wrong password at the token endpoint is 401", arguments: TestBackend.allCases)
    func lockedAnswers(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("admin", .administrator)
            app.signInThrottle.lockAfter = 2
            let tester = try app.testing()
            for _ in 0..<2 {
                let wrong = try await tester.sendRequest(.POST, "/api/v1/auth/tokens", headers: ["Accept-Language": "en"]) {
                    try $0.content.encode(["username": "admin", "password": "nope"])
                }
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers.contentType == .problemJSON)
                let body = try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: wrong.body))
                #expect(body.title == "Wrong username or password")
                #expect(body.errors?.map(\.field) == ["password"])
            }
            let locked = try await tester.sendRequest(.POST, "/api/v1/auth/tokens") {
                try $0.content.encode(["username": "admin", "password": Application.testPassword])
            }
            #expect(locked.status == .tooManyRequests)
            let seconds = try #require(Int(locked.headers.first(name: .retryAfter) ?? ""))
            #expect((1...15 * 60).contains(seconds))
            let form = try await tester.sendRequest(.GET, "/login")
            let csrf = try #require(form.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            let web = try await tester.sendRequest(.POST, "/login", headers: ["Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]) {
                try $0.content.encode(["username": "admin", "password": Application.testPassword, "_csrf": csrf], as: .urlEncodedForm)
            }
            #expect(web.status == .tooManyRequests)
            #expect(web.headers.first(name: .retryAfter) != nil)
        }
    }

    @Test("accounts and addresses are throttled apart: one account's failures do not lock everyone behind a proxy", arguments: TestBackend.allCases)
    func accountAndAddress(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await app.caller("anh", .administrator)
            _ = try await app.caller("binh", .administrator)
            _ = try await app.caller("chi", .administrator)
            app.signInThrottle.lockAfter = 3
            app.signInThrottle.addressLockAfter = 5
            let proxy = "10.0.0.1"
            for _ in 0..<3 { #expect(await Self.outcome(app, "anh", "sai", ip: proxy) == .wrong) }
            #expect(await Self.outcome(app, "anh", Application.testPassword, ip: proxy) == .locked)
            // Another account behind the same address still signs in, and its success is not held against the address.
            #expect(await Self.outcome(app, "binh", Application.testPassword, ip: proxy) == .signedIn)
            for _ in 0..<2 { #expect(await Self.outcome(app, "binh", "sai", ip: proxy) == .wrong) }
            // Five failures from the address: locked for every account there, not elsewhere.
            #expect(await Self.outcome(app, "chi", Application.testPassword, ip: proxy) == .locked)
            #expect(await Self.outcome(app, "chi", Application.testPassword, ip: "10.0.0.2") == .signedIn)
            #expect(await Self.outcome(app, "anh", Application.testPassword, ip: "10.0.0.2") == .locked)
        }
    }

    /// Counts password checks (bcrypt at the tests' cost), so that a test can see one is made whether or not the
    /// account exists.
    final class CountingHasher: PasswordHasher, @unchecked Sendable {
        private let lock = NSLock()
        private var verifications = 0

        var count: Int { lock.withLock { verifications } }

        func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
            Array(try Bcrypt.hash(String(decoding: Array(password), as: UTF8.self), cost: 4).utf8)
        }

        func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
            lock.withLock { verifications += 1 }
            return try Bcrypt.verify(String(decoding: Array(password), as: UTF8.self), created: String(decoding: Array(digest), as: UTF8.self))
        }
    }

    @Test("an unknown or inactive account costs one password check too, so timing does not tell which accounts exist", arguments: TestBackend.allCases)
    func equalTiming(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let inactive = try await app.caller("cuong", .administrator)
            _ = try await app.caller("admin", .administrator)
            try await User.query(on: app.db).filter(\.$id == inactive.userId).set(\.$isActive, to: false).update()
            let hasher = CountingHasher()
            app.passwords.use { _ in hasher }
            #expect(await Self.outcome(app, "khongco", "mật khẩu bất kỳ") == .wrong)
            #expect(hasher.count == 1)
            #expect(await Self.outcome(app, "cuong", Application.testPassword) == .wrong)
            #expect(hasher.count == 2)
            #expect(await Self.outcome(app, "admin", "sai") == .wrong)
            #expect(hasher.count == 3)
            #expect(await Self.outcome(app, "admin", Application.testPassword) == .signedIn)
        }
    }

    // MARK: 2. Passwords

    @Test("common, patterned and short passwords are refused wherever an account is made, and nothing is written", arguments: TestBackend.allCases)
    func weakPasswords(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let users = try await app.rowCount("users")
            for password in ["matkhau123", "anhyeuem2024", "1234567890", "iloveyou12", "ngắn"] {
                let api = try await tester.sendRequest(.POST, "/api/v1/users", headers: admin.api) {
                    try $0.content.encode(AccountAPI.NewUserRequest(username: "moi", displayName: "Mới", password: password,
                                                                    grant: NewGrant(role: "administrator")))
                }
                #expect(api.status == .unprocessableEntity, "\(password)")
                #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: api.body)).errors?.map(\.field) == ["password"])
            }
            let web = try await tester.sendRequest(.POST, "/access/users", headers: admin.web) {
                try $0.content.encode(admin.form(["username": "moi", "displayName": "Mới", "password": "Mật khẩu 2024", "role": "administrator"]),
                                      as: .urlEncodedForm)
            }
            #expect(web.status == .unprocessableEntity)
            #expect(String(buffer: web.body).contains("quá phổ biến"))
            // The command line's `user create` runs the same command.
            await #expect(throws: DomainError.self) {
                try await app.write { db in
                    try await AccountCommands.createUser(NewUser(username: "moi", displayName: "Mới", password: "qwertyuiop"), hasher: app.password.async, on: db)
                }
            }
            #expect(try await app.rowCount("users") == users)
            let fine = try await tester.sendRequest(.POST, "/api/v1/users", headers: admin.api) {
                try $0.content.encode(AccountAPI.NewUserRequest(username: "moi", displayName: "Mới", password: "hoa sen nở giữa đầm",
                                                                grant: NewGrant(role: "administrator")))
            }
            #expect(fine.status == .created)
        }
    }

    // MARK: 3. The last administrator

    @Test("the last administrator role in force cannot be revoked, by its holder or another", arguments: TestBackend.allCases)
    func lastAdministrator(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let first = try await app.caller("qt1", .administrator)
            let tester = try app.testing()
            let grant1 = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == first.userId).first()).requireID()
            let own = try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant1)", headers: first.api.adding("Accept-Language", "en"))
            #expect(own.status == .conflict)
            #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: own.body)).title.contains("last administrator"))
            #expect(try await RoleGrant.query(on: app.db).filter(\.$revokedAt == nil).count() == 1)

            // A second administrator whose account is inactive does not count.
            let second = try await app.caller("qt2", .administrator)
            try await User.query(on: app.db).filter(\.$id == second.userId).set(\.$isActive, to: false).update()
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant1)", headers: first.api).status == .conflict)
            try await User.query(on: app.db).filter(\.$id == second.userId).set(\.$isActive, to: true).update()
            // With another one active, the first may go; then the second is the last, also for the first's web form.
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant1)", headers: second.api).status == .ok)
            let grant2 = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == second.userId).first()).requireID()
            let web = try await tester.sendRequest(.POST, "/access/grants/\(grant2)/delete", headers: second.web) {
                try $0.content.encode(second.form([:]), as: .urlEncodedForm)
            }
            #expect(web.status == .conflict)
            #expect(try await RoleGrant.query(on: app.db).filter(\.$userId == second.userId).filter(\.$revokedAt == nil).count() == 1)
        }
    }

    // MARK: 4. Positions in scope

    @Test("a cell secretary cannot record a position at the ward above; an officer of the ward can", arguments: TestBackend.allCases)
    func positionScope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let member = try await app.write {
                try await MemberCommands.create(MemberInput(fullName: "Trần Văn Bình", gender: "male", cardNumber: "901", organizationId: tree.cellA1), on: $0)
            }.requireID()
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let officer = try await app.caller("phuong", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()
            let above = try await tester.sendRequest(.POST, "/api/v1/members/\(member)/positions", headers: secretary.api) {
                try $0.content.encode(MemberAPI.PositionBody(title: "Bí thư Đảng ủy phường", startedOn: nil, organizationId: tree.wardA))
            }
            #expect(above.status == .forbidden)
            #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: above.body)).errors?.map(\.field) == ["organizationId"])
            #expect(try await app.rowCount("member_positions") == 0)
            let cell = try await tester.sendRequest(.POST, "/api/v1/members/\(member)/positions", headers: secretary.api) {
                try $0.content.encode(MemberAPI.PositionBody(title: "Bí thư chi bộ", startedOn: nil, organizationId: nil))
            }
            #expect(cell.status == .created)
            let ward = try await tester.sendRequest(.POST, "/api/v1/members/\(member)/positions", headers: officer.api) {
                try $0.content.encode(MemberAPI.PositionBody(title: "Ủy viên Ban Thường vụ", startedOn: nil, organizationId: tree.wardA))
            }
            #expect(ward.status == .created)
        }
    }

    // MARK: 5. CSV formulas

    @Test("a CSV export puts an apostrophe before formula-like values, and imports back unchanged", arguments: TestBackend.allCases)
    func csvFormulas(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            _ = try await app.write {
                try await MemberCommands.create(MemberInput(fullName: "Lê Văn Cường", gender: "male", cardNumber: "902", phone: "+84903123456",
                                                            address: "=HYPERLINK(\"http://x.example\",\"Bấm\")", organizationId: tree.cellA1), on: $0)
            }
            let file = try await SpreadsheetExport.file(.members, format: .csv, scopes: nil, within: nil, on: app.db)
            let text = String(decoding: file.data, as: UTF8.self)
            #expect(text.contains("\"'=HYPERLINK("))
            #expect(text.contains("'+84903123456"))
            #expect(!text.contains(",=") && !text.contains(",\"=") && !text.contains(",+"))
            let report = try await SpreadsheetImport.run(.init(kind: .members, fileName: file.name, data: file.data, sheet: nil), dryRun: true,
                                                         actor: nil, origin: .commandLine(), app: app)
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.unchanged == 1 && report.changed == 0 && report.created == 0)
        }
    }

    // MARK: 6. Invisible characters

    @Test("names with zero-width, bidi or piled-up characters are refused, naming the field", arguments: TestBackend.allCases)
    func invisibleCharacters(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            for name in ["Nguy\u{200B}ễn Văn An", "Nguyễn \u{202E}nA nĂV", "Nguyễn Văn A\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}n", "Nguyễn\u{FEFF} Văn An"] {
                let response = try await tester.sendRequest(.POST, "/api/v1/members", headers: admin.api) {
                    try $0.content.encode(MemberInput(fullName: name, gender: "male", cardNumber: "903", organizationId: tree.cellA1), as: .json)
                }
                #expect(response.status == .unprocessableEntity, "\(name.unicodeScalars.map(\.value))")
                let body = try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: response.body))
                #expect(body.errors?.contains { $0.field == "fullName" } == true, "\(body)")
            }
            let unit = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api) {
                try $0.content.encode(NewOrganization(name: "Chi bộ\u{200D} 9", code: "PA-9", kindCode: "cell", parentId: tree.wardA))
            }
            #expect(unit.status == .unprocessableEntity)
            #expect(try await app.rowCount("members") == 0)
            #expect(try await app.rowCount("organizations") == 6)
        }
    }

    // MARK: 7. Who saw member X

    @Test("lists and exports log the members they showed; an administrator asks who saw a member", arguments: TestBackend.allCases)
    func viewers(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            var ids: [Int] = []
            for (index, name) in ["Phạm Thị Dung", "Võ Văn Em", "Đỗ Thị Giang"].enumerated() {
                ids.append(try await app.write {
                    try await MemberCommands.create(MemberInput(fullName: name, gender: "female", cardNumber: "91\(index)",
                                                                organizationId: index == 2 ? tree.cellB1 : tree.cellA1), on: $0)
                }.requireID())
            }
            let admin = try await app.admin()
            let wardOfficer = try await app.caller("xema", .officer, scope: tree.wardA, level: .viewer)
            let other = try await app.caller("xemb", .officer, scope: tree.wardB, level: .viewer)
            let tester = try app.testing()
            #expect(try await tester.sendRequest(.GET, "/api/v1/members", headers: wardOfficer.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/exports/members?format=csv", headers: other.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/members/\(ids[0])", headers: other.api).status == .notFound)

            let list = try #require(try await PersonalDataView.query(on: app.db).filter(\.$what == "member.list.api").first())
            #expect(list.memberIds == ",\(ids[0]),\(ids[1]),"  || list.memberIds == ",\(ids[1]),\(ids[0]),")
            #expect(list.count == 2)

            func viewers(of id: Int) async throws -> [String] {
                let response = try await tester.sendRequest(.GET, "/api/v1/members/\(id)/viewers", headers: admin.api)
                #expect(response.status == .ok)
                return try response.content.decode([PersonalDataAPI.ViewerDTO].self).map { "\($0.username) \($0.what)" }
            }
            #expect(try await viewers(of: ids[0]) == ["xema member.list.api"])
            #expect(try await viewers(of: ids[2]) == ["xemb member.export.csv"])
            #expect(try await tester.sendRequest(.GET, "/api/v1/members/\(ids[0])/viewers", headers: wardOfficer.api).status == .forbidden)
            #expect(try await tester.sendRequest(.GET, "/api/v1/members/999999/viewers", headers: admin.api).status == .notFound)
            // The member's own download says the same.
            let own = try await app.caller("dung", .member, member: ids[0])
            let export = try await tester.sendRequest(.GET, "/api/v1/me/data", headers: own.api).content.decode(MemberDataExport.self)
            #expect(export.personalDataViews.map(\.username) == ["xema"])
        }
    }
}
