import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// What a user sees after acting: a note saying what happened, with its numbers, on the page they return
/// to; a page that asks before a step that cannot be undone; a refused form as it was typed; and only the
/// buttons and forms the user may use.
@Suite("Feedback and safety")
struct FeedbackTests {
    /// The page a form's redirect leads to, as the browser that sent the form sees it (with the note the
    /// redirect left), and where it led.
    static func landing(_ response: TestingHTTPResponse, as caller: Caller, on tester: any TestingApplicationTester,
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> (location: String, html: String) {
        #expect(response.status == .seeOther, "a successful form redirects", sourceLocation: sourceLocation)
        let location = try #require(response.headers.first(name: .location), sourceLocation: sourceLocation)
        let note = try #require(response.headers.setCookie?[FlashMiddleware.cookieName]?.string, "the redirect leaves a note", sourceLocation: sourceLocation)
        let path = String(location.prefix { $0 != "#" })
        let page = try await tester.sendRequest(.GET, path, headers: FlashTests.browser(caller, note: note))
        #expect(page.status == .ok, "GET \(path)", sourceLocation: sourceLocation)
        return (location, String(buffer: page.body))
    }

    static func post(_ path: String, _ fields: [String: String], as caller: Caller, on tester: any TestingApplicationTester) async throws -> TestingHTTPResponse {
        try await tester.sendRequest(.POST, path, headers: caller.web) { try $0.content.encode(caller.form(fields), as: .urlEncodedForm) }
    }

    static func page(_ path: String, as caller: Caller, on tester: any TestingApplicationTester) async throws -> String {
        String(buffer: try await tester.sendRequest(.GET, path, headers: caller.web).body)
    }

    @Test("each kind of action says what it did, with its numbers, on the page it returns to", arguments: TestBackend.allCases)
    func notes(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let tree = setup.tree
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let tester = try app.testing()

            let unit = try await Self.post("/organizations/new", ["name": "Chi bộ Khu phố 9", "code": "PA-9", "kindCode": "cell", "parentId": "\(tree.wardA)"],
                                           as: ward, on: tester)
            #expect(try await Self.landing(unit, as: ward, on: tester).html.contains("Đã thêm Chi bộ Khu phố 9 (mã PA-9), trực thuộc Đảng bộ phường Bến Nghé."))

            let member = try await Self.post("/members/new", ["familyName": "Hồ", "middleName": "Thị", "givenName": "Lan", "gender": "female",
                                                              "cardNumber": "A19", "status": "full", "organizationId": "\(tree.cellA1)"],
                                             as: secretary, on: tester)
            #expect(try await Self.landing(member, as: secretary, on: tester).html.contains("Đã thêm đảng viên Hồ Thị Lan (thẻ số A19) vào Chi bộ Khu phố 1."))

            let today = CalendarDate.today().vietnamese
            let session = try await Self.post("/study-sessions/new", ["organizationId": "\(tree.cellA1)", "campaignId": "\(setup.city.campaign.requireID())",
                                                                      "title": "Sinh hoạt chuyên đề", "heldOn": today, "format": "in_person"],
                                              as: secretary, on: tester)
            let sheet = try await Self.landing(session, as: secretary, on: tester)
            #expect(sheet.location.hasSuffix("/attendance"), "a new session goes on to its attendance sheet")
            #expect(sheet.html.contains("Đã ghi buổi học tập “Sinh hoạt chuyên đề” ngày \(today). Mời điểm danh"))

            // The reminder returns to the roll it was sent from, at the member, with the same year.
            let year = CommitmentSetup.year
            let reminded = try await Self.post("/commitments/reminders", ["memberId": "\(setup.binh)", "year": "\(year)", "unit": "\(tree.cellA1)"],
                                               as: secretary, on: tester)
            let roll = try await Self.landing(reminded, as: secretary, on: tester)
            #expect(roll.location == "/commitments?unit=\(tree.cellA1)&year=\(year)#member-\(setup.binh)")
            #expect(roll.html.contains("Đã nhắc Trần Thị Bình đăng ký làm theo năm \(year)."))
            #expect(roll.html.contains(#"<li id="member-\#(setup.binh)">"#))

            let document = try await Self.post("/documents/new", ["symbol": "12-KH/ĐU", "title": "Kế hoạch học tập chuyên đề", "issuedOn": "02/01/\(year)",
                                                                  "organizationId": "\(tree.wardA)"], as: ward, on: tester)
            #expect(try await Self.landing(document, as: ward, on: tester).html.contains("Đã vào sổ văn bản 12-KH/ĐU ngày 02/01/\(year)."))
        }
    }

    @Test("deleting a session asks first, saying what goes with it; the confirmed POST deletes and says so", arguments: TestBackend.allCases)
    func deletingASession(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let heldOn = CalendarDate.today()
            let session = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: tree.cellA1, campaignId: campaign, title: "Học tập Chỉ thị 05", heldOn: heldOn.iso, format: "in_person",
                bridgePoints: [BridgePointInput(name: "Nhà văn hóa khu phố", attendeeCount: 40)]), on: $0) }.requireID()
            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [
                AttendanceEntry(memberId: an, status: "present"), AttendanceEntry(memberId: binh, status: "excused", reason: "Ốm"),
            ]), on: $0) }
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let tester = try app.testing()

            let show = try await Self.page("/study-sessions/\(session)", as: secretary, on: tester)
            #expect(show.contains(#"<a class="button danger" href="/study-sessions/\#(session)/delete">Xóa buổi học tập</a>"#),
                    "the session page links to the question, it does not delete")
            let question = try await Self.page("/study-sessions/\(session)/delete", as: secretary, on: tester)
            let what = "buổi học tập “Học tập Chỉ thị 05” ngày \(heldOn.vietnamese) cùng điểm danh của 2 đảng viên và 1 điểm cầu"
            #expect(question.contains("<h1>Xóa \(what)?</h1>"))
            #expect(question.contains("ai chỉ dự buổi này sẽ thành chưa học tập"))
            #expect(question.contains(#"<button type="submit" class="danger">Xóa buổi học tập</button>"#))
            #expect(question.contains(#"href="/study-sessions/\#(session)""#), "a way back to the session")
            #expect(try await app.rowCount("study_sessions") == 1, "asking deletes nothing")

            let deleted = try await Self.post("/study-sessions/\(session)/delete", [:], as: secretary, on: tester)
            let list = try await Self.landing(deleted, as: secretary, on: tester)
            #expect(list.location == "/study-sessions?unit=\(tree.cellA1)")
            #expect(list.html.contains("Đã xóa \(what)."))
            #expect(try await app.rowCount("study_sessions") == 0)
            #expect(try await app.rowCount("study_attendance") == 0)
        }
    }

    @Test("closing a rating period asks first with the figures it freezes; the confirmed POST closes it", arguments: TestBackend.allCases)
    func closingAPeriod(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 3)
            try await app.decide(setup, member: setup.members[0], score: 80)
            let ward = try await app.caller("phuonga", .officer, scope: setup.tree.wardA, level: .editor)
            let tester = try app.testing()
            let id = setup.period.requireID()
            let rollUp = try await Self.page("/rating-periods/\(id)?unit=\(setup.tree.wardA)", as: ward, on: tester)
            #expect(rollUp.contains(#"<a class="button danger" href="/rating-periods/\#(id)/closures?unit=\#(setup.tree.wardA)">"#))

            let question = try await Self.page("/rating-periods/\(id)/closures?unit=\(setup.tree.wardA)", as: ward, on: tester)
            #expect(question.contains("Khóa sổ Năm \(RatingSetup.year) cho Đảng bộ phường Bến Nghé và 2 đơn vị trực thuộc?"))
            #expect(question.contains("2 đảng viên chưa được xếp loại sẽ ở lại “chưa xếp loại”."))
            #expect(question.contains(#"class="danger">Khóa sổ</button>"#))
            #expect(try await app.rowCount("period_closures") == 0)

            let closed = try await Self.post("/rating-periods/\(id)/closures?unit=\(setup.tree.wardA)", [:], as: ward, on: tester)
            let page = try await Self.landing(closed, as: ward, on: tester)
            #expect(page.html.contains("Đã khóa sổ Năm \(RatingSetup.year) cho Đảng bộ phường Bến Nghé ngày \(CalendarDate.today().vietnamese)"))
            #expect(try await app.rowCount("period_closures") == 1)
        }
    }

    @Test("closing a campaign asks first with today's figures; the confirmed POST closes it; a refused obligation form keeps its values",
          arguments: TestBackend.allCases)
    func closingACampaign(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let id = setup.campaign.requireID()
            let city = try await app.caller("thanhpho", .officer, scope: setup.tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: setup.tree.wardA, level: .editor)
            let tester = try app.testing()

            // The ward's plan sent without the plan: refused, the note typed comes back in its form.
            let plan = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first).requireID()
            let refused = try await Self.post("/obligations/\(plan)/submissions", ["documentId": "", "note": "Kế hoạch của Đảng ủy phường"], as: ward, on: tester)
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains(#"id="note" name="note" type="text" value="Kế hoạch của Đảng ủy phường""#))

            let page = try await Self.page("/campaigns/\(id)?unit=\(setup.tree.city)", as: city, on: tester)
            #expect(page.contains(#"<a class="button danger" href="/campaigns/\#(id)/close">"#), "the campaign's page asks, it does not close")
            let question = try await Self.page("/campaigns/\(id)/close", as: city, on: tester)
            #expect(question.contains("<h1>Kết thúc đợt triển khai “\(setup.campaign.title)”?</h1>"))
            #expect(question.contains("Số liệu giữ nguyên như hôm nay:"))
            #expect(question.contains("Không mở lại được."))
            #expect(question.contains(#"class="danger">Kết thúc đợt triển khai</button>"#))
            #expect(try await Campaign.find(id, on: app.db)?.status == .active, "asking closes nothing")

            let closed = try await Self.post("/campaigns/\(id)/close", [:], as: city, on: tester)
            let landed = try await Self.landing(closed, as: city, on: tester)
            #expect(landed.html.contains("Đã kết thúc đợt triển khai “\(setup.campaign.title)”: số liệu giữ nguyên như ngày \(CalendarDate.today().vietnamese)."))
            #expect(try await Campaign.find(id, on: app.db)?.status == .closed)
        }
    }

    @Test("a refused self-assessment keeps its score and text and marks the field at fault", arguments: TestBackend.allCases)
    func refusedSelfAssessment(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 1)
            let me = try await app.caller("dangvien", .member, member: setup.members[0])
            let tester = try app.testing()
            let id = setup.period.requireID()
            let refused = try await Self.post("/me/ratings/\(id)", ["score": "150", "explanation": "Hoàn thành tốt & đúng hạn"], as: me, on: tester)
            #expect(refused.status == .unprocessableEntity)
            let html = String(buffer: refused.body)
            #expect(html.contains(#"id="score-\#(id)" name="score" type="number" value="150""#))
            #expect(html.contains(#"aria-invalid="true""#))
            #expect(html.contains("Điểm phải từ 0 đến 100"))
            #expect(html.contains(##"<a href="#score-\##(id)">"##), "the summary links to the field")
            #expect(html.contains(">Hoàn thành tốt &amp; đúng hạn</textarea>"))

            let sent = try await Self.post("/me/ratings/\(id)", ["score": "88", "explanation": "Hoàn thành tốt"], as: me, on: tester)
            let mine = try await Self.landing(sent, as: me, on: tester)
            #expect(mine.location == "/me/ratings#period-\(id)")
            #expect(mine.html.contains("Đã gửi tự đánh giá Năm \(RatingSetup.year): 88 điểm, Hoàn thành tốt nhiệm vụ."))
        }
    }

    @Test("buttons and forms only for who may use them: a viewer, a secretary, an officer above the deciding committee", arguments: TestBackend.allCases)
    func hiddenActions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let tree = setup.tree
            let viewer = try await app.caller("xem", .officer, scope: tree.city, level: .viewer)
            let manager = try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager)
            let tester = try app.testing()

            for caller in [viewer, manager] {
                let ward = try await Self.page("/organizations/\(tree.wardA)", as: caller, on: tester)
                let shown = caller.username == "thanhuy"
                for path in ["/organizations/new?parent=\(tree.wardA)", "/organizations/\(tree.wardA)/edit", "/organizations/\(tree.wardA)/move",
                             "/organizations/\(tree.wardA)/merge", "/organizations/\(tree.wardA)/dissolve"] {
                    #expect(ward.contains("href=\"\(path)\"") == shown, "\(caller.username): \(path)")
                }
                #expect(ward.contains("/study-sessions?unit=\(tree.wardA)"), "reading is for everyone who reads")
                let member = try await Self.page("/members/\(setup.an)", as: caller, on: tester)
                #expect(member.contains("/members/\(setup.an)/edit") == shown)
                #expect(member.contains("/members/\(setup.an)/transfer") == shown)
            }

            // A member's own year-end self-assessment is theirs: the secretary sees the rest, not that form.
            let commitment = try await app.register(setup.input(setup.an)).requireID()
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let an = try await app.caller("dangvienan", .member, member: setup.an)
            let asSecretary = try await Self.page("/commitments/\(commitment)", as: secretary, on: tester)
            #expect(!asSecretary.contains("/commitments/\(commitment)/self-assessment"))
            #expect(asSecretary.contains("/commitments/\(commitment)/assessment"))
            #expect(asSecretary.contains("/commitments/\(commitment)/check-ins"))
            let asMember = try await Self.page("/commitments/\(commitment)", as: an, on: tester)
            #expect(asMember.contains("/commitments/\(commitment)/self-assessment"))
            #expect(!asMember.contains("/commitments/\(commitment)/assessment\""))
            let forged = try await Self.post("/commitments/\(commitment)/self-assessment", ["result": "achieved", "note": "Thay đảng viên"], as: secretary, on: tester)
            #expect(forged.status == .forbidden)
            let own = try await Self.post("/commitments/\(commitment)/self-assessment", ["result": "achieved", "note": "Đã vận động đủ 20 hộ"], as: an, on: tester)
            #expect(try await Self.landing(own, as: an, on: tester).html.contains("Đã lưu tự đánh giá: Đạt."))
        }
    }

    @Test("the cell proposes its members' ratings, not an officer above the deciding committee", arguments: TestBackend.allCases)
    func proposalsBelongToTheCell(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 1)
            let member = setup.members[0]
            let city = try await app.caller("thanhuy", .officer, scope: setup.tree.city, level: .manager)
            let ward = try await app.caller("phuonga", .officer, scope: setup.tree.wardA, level: .editor)
            let secretary = try await app.caller("bithua1", .secretary, scope: setup.tree.cellA1)
            let tester = try app.testing()
            let id = setup.period.requireID()
            let sheet = "/rating-periods/\(id)/sheet?unit=\(setup.tree.cellA1)"
            let proposal = #"name="step" value="proposal""#

            #expect(!(try await Self.page(sheet, as: city, on: tester)).contains(proposal))
            #expect(try await Self.page(sheet, as: secretary, on: tester).contains(proposal))
            #expect(try await Self.page(sheet, as: ward, on: tester).contains(proposal), "the deciding committee acts for a cell without an account")
            let refused = try await Self.post("/rating-periods/\(id)/steps?unit=\(setup.tree.cellA1)", ["memberId": "\(member)", "step": "proposal", "score": "85"],
                                              as: city, on: tester)
            #expect(refused.status == .forbidden)
            #expect(try await app.rowCount("rating_steps") == 0)

            let proposed = try await Self.post("/rating-periods/\(id)/steps?unit=\(setup.tree.cellA1)", ["memberId": "\(member)", "step": "proposal", "score": "85"],
                                               as: secretary, on: tester)
            let back = try await Self.landing(proposed, as: secretary, on: tester)
            #expect(back.location == "\(sheet)#member-\(member)")
            #expect(back.html.contains("Đã ghi đề xuất xếp loại Lê Văn 1: 85 điểm, Hoàn thành tốt nhiệm vụ."))
            #expect(!back.html.contains(#"name="step" value="decision""#), "the ward decides, not the cell")
        }
    }

    @Test("Enter saves the session form: its first submit button is Save, the extra rows button comes after", arguments: [TestBackend.sqlite])
    func sessionFormDefaultButton(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let html = try await Self.page("/study-sessions/new?unit=\(tree.cellA1)", as: secretary, on: try app.testing())
            let form = try #require(html.range(of: #"<form class="stack" method="post""#))
            let buttons = html[form.lowerBound...].ranges(of: "<button type=\"submit\"").map { html[$0.lowerBound...].prefix(80) }
            #expect(buttons.first?.contains(">Lưu<") == true, "\(buttons)")
            #expect(buttons.dropFirst().first?.contains(#"name="more""#) == true, "\(buttons)")
        }
    }
}
