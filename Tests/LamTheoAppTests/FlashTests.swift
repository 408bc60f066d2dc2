import Crypto
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Flash notes after a form")
struct FlashTests {
    /// A signed-in browser's request carrying a flash cookie beside its session.
    static func browser(_ caller: Caller, note: String) -> HTTPHeaders {
        ["Cookie": "\(SessionCookie.name)=\(caller.session); \(FlashMiddleware.cookieName)=\(note)"]
    }

    @Test("a note opens only with the key it was sealed with, and not when altered")
    func sealing() {
        let key = SymmetricKey(size: .bits256)
        let note = LocalizedText(vi: "Đã lưu điểm danh 33 đảng viên", en: "Attendance of 33 members saved")
        let sealed = FlashMiddleware.seal(note, key: key)
        #expect(FlashMiddleware.open(sealed, key: key) == note)
        #expect(FlashMiddleware.open(sealed, key: SymmetricKey(size: .bits256)) == nil)
        let forged = FlashMiddleware.seal(LocalizedText(vi: "Mật khẩu của bạn đã lộ, hãy gọi số…", en: "…"), key: SymmetricKey(size: .bits256))
        let spliced = String(forged.split(separator: ".")[0]) + "." + String(sealed.split(separator: ".")[1])
        #expect(FlashMiddleware.open(spliced, key: key) == nil)
        #expect(FlashMiddleware.open("", key: key) == nil)
        #expect(FlashMiddleware.open("a.b.c", key: key) == nil)
    }

    @Test("saved attendance says so once on the page it lands on; another browser's or a forged note is not shown", arguments: TestBackend.allCases)
    func afterAttendance(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let other = try await app.caller("bithua1b", .secretary, scope: tree.cellA1)
            let tester = try app.testing()
            let created = try await tester.sendRequest(.POST, "/study-sessions/new", headers: secretary.web) {
                try $0.content.encode(secretary.form(["organizationId": "\(tree.cellA1)", "campaignId": "\(campaign)", "title": "Sinh hoạt chuyên đề",
                                                      "heldOn": CalendarDate.today().vietnamese, "format": "in_person"]), as: .urlEncodedForm)
            }
            #expect(created.status == .seeOther)
            let session = try #require(try await StudySession.query(on: app.db).first()).requireID()

            let taken = try await tester.sendRequest(.POST, "/study-sessions/\(session)/attendance", headers: secretary.web) {
                try $0.content.encode(secretary.form(["status[\(an)]": "present", "status[\(binh)]": "excused", "reason[\(binh)]": "Ốm"]), as: .urlEncodedForm)
            }
            #expect(taken.status == .seeOther)
            #expect(taken.headers.first(name: .location) == "/study-sessions/\(session)")
            let note = try #require(taken.headers.setCookie?[FlashMiddleware.cookieName]?.string)
            let message = "Đã lưu điểm danh 2 đảng viên: 1 có mặt, 1 vắng có lý do, 0 vắng không lý do."

            let landed = try await tester.sendRequest(.GET, "/study-sessions/\(session)",
                                                      headers: Self.browser(secretary, note: note))
            #expect(String(buffer: landed.body).contains(message))
            #expect(landed.headers.setCookie?[FlashMiddleware.cookieName]?.string == "")
            let again = try await tester.sendRequest(.GET, "/study-sessions/\(session)", headers: secretary.web)
            #expect(!String(buffer: again.body).contains("Đã lưu điểm danh"))

            // The same cookie in another signed-in browser is somebody else's: not shown, and cleared.
            let elsewhere = try await tester.sendRequest(.GET, "/study-sessions/\(session)",
                                                         headers: Self.browser(other, note: note))
            #expect(!String(buffer: elsewhere.body).contains("Đã lưu điểm danh"))
            #expect(elsewhere.headers.setCookie?[FlashMiddleware.cookieName]?.string == "")
        }
    }
}
