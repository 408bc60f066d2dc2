import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// Briefings as clients reach them, dated from the real today (the API writes on the day it is called): one held
/// yesterday that takes late contributions, one next week that takes none after its deadline.
@Suite("Briefings over HTTP")
struct BriefingHTTPTests {
    static func input(_ tree: SmallTree, title: String, heldIn days: Int, dueIn due: Int, late: Bool) -> BriefingInput {
        let today = CalendarDate.today()
        var input = BriefingFixture.input(tree, title: title, heldOn: today.adding(days: days).iso, due: today.adding(days: due).iso, late: late)
        input.place = nil
        input.onlineLink = "https://hop.example.vn/giao-ban"
        return input
    }

    @Test("the API: the committee sets up, the invited ward contributes (late ones refused or marked), the committee marks presented and concludes with tasks; others see nothing or write nothing",
          arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let viewer = try await app.caller("xem", .officer, scope: tree.wardA, level: .viewer)
            let cell = try await app.caller("chibo", .officer, scope: tree.cellA1, level: .editor)
            let tester = try app.testing()

            var outside = Self.input(tree, title: "Ngoài phạm vi", heldIn: 7, dueIn: 5, late: false)
            outside.invitedUnitIds = [tree.wardA, tree.cellB1, tree.city]
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings", headers: ward.api) { try $0.content.encode(outside) }.status == .notFound,
                    "a ward's editor does not convene at the city (which it does not read)")
            let refused = try await tester.sendRequest(.POST, "/api/v1/briefings", headers: city.api) { try $0.content.encode(outside) }
            #expect(refused.status == .unprocessableEntity && String(buffer: refused.body).contains("invitedUnitIds"))
            #expect(try await app.rowCount("briefings") == 0)

            let created = try await tester.sendRequest(.POST, "/api/v1/briefings", headers: city.api) {
                try $0.content.encode(Self.input(tree, title: "Giao ban quý", heldIn: 7, dueIn: 5, late: false))
            }
            #expect(created.status == .created)
            let upcoming = try created.content.decode(BriefingAPI.BriefingDTO.self)
            #expect(upcoming.invitedUnits?.map(\.contributions) == [0, 0] && upcoming.presentedSummary == "Chưa có tham luận nào được trình bày")
            let held = try await app.createBriefing(Self.input(tree, title: "Giao ban tháng", heldIn: -1, dueIn: -3, late: true)).requireID()
            let strict = try await app.createBriefing(Self.input(tree, title: "Giao ban đã hết hạn", heldIn: -1, dueIn: -3, late: false)).requireID()

            let list = try await tester.sendRequest(.GET, "/api/v1/briefings?unit=\(tree.wardA)", headers: viewer.api).content.decode(PageDTO<BriefingAPI.BriefingDTO>.self)
            #expect(list.total == 3, "the invited ward's viewer lists them")
            #expect(try await tester.sendRequest(.GET, "/api/v1/briefings/\(upcoming.id)", headers: viewer.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/briefings/\(upcoming.id)", headers: cell.api).status == .notFound,
                    "a cell under an invited ward is not invited")

            let contribution = ContributionInput(organizationId: tree.wardA, summary: "Kinh nghiệm sinh hoạt chuyên đề",
                                                 file: File(data: ByteBuffer(string: "%PDF-1.4\n%…"), filename: "tham-luan.pdf"))
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings/\(upcoming.id)/contributions", headers: viewer.api) {
                try $0.content.encode(contribution)
            }.status == .forbidden)
            var forOther = contribution
            forOther.organizationId = tree.wardB
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings/\(upcoming.id)/contributions", headers: ward.api) {
                try $0.content.encode(forOther)
            }.status == .forbidden, "a ward sends its own contribution only")
            let sent = try await tester.sendRequest(.POST, "/api/v1/briefings/\(upcoming.id)/contributions", headers: ward.api) { try $0.content.encode(contribution) }
            #expect(sent.status == .created)
            let withOne = try sent.content.decode(BriefingAPI.BriefingDTO.self)
            #expect(withOne.contributions?.first?.fileName == "tham-luan.pdf" && withOne.contributions?.first?.late == false)
            let fileResponse = try await tester.sendRequest(.GET, "/api/v1/briefings/\(upcoming.id)/contributions/\(withOne.contributions![0].id)/file", headers: viewer.api)
            #expect(fileResponse.status == .ok && fileResponse.headers.contentType?.subType == "pdf")
            let early = try await tester.sendRequest(.POST, "/api/v1/briefings/\(upcoming.id)/contributions/\(withOne.contributions![0].id)/presented", headers: city.api)
            #expect(early.status == .unprocessableEntity, "not before the meeting")

            let tooLate = try await tester.sendRequest(.POST, "/api/v1/briefings/\(strict)/contributions", headers: ward.api) { try $0.content.encode(contribution) }
            #expect(tooLate.status == .unprocessableEntity)
            #expect(String(buffer: tooLate.body).contains("Đã hết hạn nộp tham luận (hạn cuối \(CalendarDate.today().adding(days: -3).vietnamese))"))
            let late = try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/contributions", headers: ward.api) { try $0.content.encode(contribution) }
            let lateOne = try #require(try late.content.decode(BriefingAPI.BriefingDTO.self).contributions?.first)
            #expect(lateOne.late)
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/contributions/\(lateOne.id)/presented", headers: ward.api).status == .forbidden)
            let presented = try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/contributions/\(lateOne.id)/presented", headers: city.api)
            #expect(try presented.content.decode(BriefingAPI.BriefingDTO.self).presentedSummary == "1 lượt ý kiến tham luận của 1 đơn vị")

            let due = CalendarDate.today().adding(days: 30).iso
            let before = try await app.briefingRowCounts(BriefingTests.tables)
            let noUnit = try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/conclusions", headers: city.api) {
                try $0.content.encode(ConclusionInput(text: "Rà soát quy chế", task: FollowUpTaskInput(organizationIds: [], responsible: "Bí thư", dueOn: due)))
            }
            #expect(noUnit.status == .unprocessableEntity && String(buffer: noUnit.body).contains("task.organizationIds"))
            #expect(try await app.briefingRowCounts(BriefingTests.tables) == before)
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/conclusions", headers: ward.api) {
                try $0.content.encode(ConclusionInput(text: "Rà soát quy chế"))
            }.status == .forbidden)
            let concluded = try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/conclusions", headers: city.api) {
                try $0.content.encode(ConclusionInput(text: "Rà soát quy chế", task: FollowUpTaskInput(organizationIds: [tree.wardA], responsible: "Bí thư", dueOn: due)))
            }
            #expect(concluded.status == .created)
            let conclusion = try #require(try concluded.content.decode(BriefingAPI.BriefingDTO.self).conclusions?.first)
            #expect(conclusion.number == 1 && conclusion.tasks.map(\.organizationName) == ["Đảng bộ phường Bến Nghé"] && conclusion.tasks[0].status == .open)
            let tasks = try await tester.sendRequest(.GET, "/api/v1/follow-ups?unit=\(tree.wardA)&origin=briefing", headers: ward.api)
                .content.decode(PageDTO<FollowUpAPI.TaskDTO>.self)
            #expect(tasks.items.map(\.origin) == ["Kết luận Giao ban tháng, điểm 1"])

            let draft = try await tester.sendRequest(.GET, "/api/v1/briefings/\(held)/notice", headers: viewer.api).content.decode(BriefingAPI.NoticeDTO.self)
            #expect(draft.text.contains("1. Rà soát quy chế Giao: Đảng bộ phường Bến Nghé (Bí thư)") && draft.documentId == nil)
            #expect(try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/notice", headers: viewer.api) {
                try $0.content.encode(NoticeInput(symbol: "99-TB/TU"))
            }.status == .forbidden)
            let registered = try await tester.sendRequest(.POST, "/api/v1/briefings/\(held)/notice", headers: city.api) {
                try $0.content.encode(NoticeInput(symbol: "99-TB/TU"))
            }
            #expect(registered.status == .created)
            #expect(try registered.content.decode(BriefingAPI.NoticeDTO.self).symbol == "99-TB/TU")
            let docx = try await tester.sendRequest(.GET, "/api/v1/briefings/\(held)/notice/docx", headers: viewer.api)
            #expect(docx.status == .ok && docx.headers.contentType?.description.contains("wordprocessingml") == true)
            let xml = try DocxText.body(of: Data(buffer: docx.body))
            #expect(xml.contains("Số 99-TB/TU") && xml.contains("THÔNG BÁO") && xml.contains("1. Rà soát quy chế Giao: Đảng bộ phường Bến Nghé (Bí thư)"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["briefing.create", "briefing.contribute", "briefing.present",
                                                                                   "briefing.conclude", "briefing.notice"]).count() == 6)
        }
    }

    @Test("the pages: a unit's briefings; a briefing's page by role with who has and has not contributed; a refused conclusion keeps what was typed; the notice drafted",
          arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()
            let id = try await app.createBriefing(Self.input(tree, title: "Giao ban tháng", heldIn: -1, dueIn: -3, late: true)).requireID()
            _ = try await app.contribute(to: id, from: tree.wardA, on: .today())

            let list = try await FeedbackTests.page("/briefings?unit=\(tree.wardA)", as: ward, on: tester)
            #expect(list.contains(#"<a href="/briefings/\#(id)">Giao ban tháng</a>"#) && !list.contains("Tạo hội nghị giao ban") == false,
                    "the ward may convene its own briefings")
            let wardPage = try await FeedbackTests.page("/briefings/\(id)", as: ward, on: tester)
            #expect(wardPage.contains("Gửi tham luận") && !wardPage.contains("Thêm kết luận") && !wardPage.contains("Đánh dấu đã trình bày"))
            #expect(wardPage.contains("Đã nộp: 1/2 đơn vị được mời") && wardPage.contains("Chưa nộp") && wardPage.contains("Nộp muộn"))
            let cityPage = try await FeedbackTests.page("/briefings/\(id)", as: city, on: tester)
            #expect(cityPage.contains("Thêm kết luận") && cityPage.contains("Đánh dấu đã trình bày"))
            #expect(cityPage.contains(#"<h3>Gửi tham luận</h3>"#), "the committee's editor may send a contribution on a ward's behalf")

            let refused = try await FeedbackTests.post("/briefings/\(id)/conclusions", ["text": "Rà soát quy chế", "responsible": "Bí thư", "dueOn": ""],
                                                       as: city, on: tester)
            #expect(refused.status == .unprocessableEntity)
            let body = String(buffer: refused.body)
            #expect(body.contains("Rà soát quy chế</textarea>") && body.contains(#"value="Bí thư""#) && body.contains("aria-invalid"))
            #expect(try await app.rowCount("briefing_conclusions") == 0)
            let sent = try await FeedbackTests.post("/briefings/\(id)/conclusions",
                                                    ["text": "Rà soát quy chế", "taskUnitIds[]": String(tree.wardA), "responsible": "Bí thư",
                                                     "dueOn": CalendarDate.today().adding(days: 30).vietnamese], as: city, on: tester)
            let landed = try await FeedbackTests.landing(sent, as: city, on: tester)
            #expect(landed.html.contains("Đã ghi kết luận điểm 1.") && landed.html.contains("Đảng bộ phường Bến Nghé</a>"))
            let notice = try await FeedbackTests.page("/briefings/\(id)/notice", as: city, on: tester)
            #expect(notice.contains("<p>THÔNG BÁO</p>") && notice.contains("Đăng ký thông báo"))

            let newPage = try await FeedbackTests.page("/briefings/new?unit=\(tree.city)", as: city, on: tester)
            #expect(newPage.contains(#"name="invitedUnitIds[]" value="\#(tree.wardA)" checked"#))
            let wrong = try await FeedbackTests.post("/briefings", ["organizationId": String(tree.city), "title": "Giao ban", "theme": "Chuyên đề",
                                                                    "heldOn": "01/12/2026", "contributionsDueOn": "25/11/2026", "place": "Hội trường"],
                                                     as: city, on: tester)
            #expect(wrong.status == .unprocessableEntity && String(buffer: wrong.body).contains("Chọn ít nhất một đơn vị tham dự"))
        }
    }
}
