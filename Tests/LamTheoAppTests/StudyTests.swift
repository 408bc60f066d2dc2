import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

@Suite("Study sessions and reflections")
struct StudyTests {
    static let today = CalendarDate.today().iso

    @Test("a city-wide session to 17 bridge points with 4.360 delegates, and 10 online classes with 3.340 learners", arguments: TestBackend.allCases)
    func bridgePoints(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let counts = [700, 400, 300, 300, 250, 250, 250, 250, 200, 200, 200, 200, 200, 200, 160, 150, 150]
            #expect(counts.count == 17 && counts.reduce(0, +) == 4_360)
            let conference = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: tree.city, campaignId: campaign, title: "Hội nghị học tập, quán triệt Nghị quyết Đại hội XIII", heldOn: Self.today,
                format: "hybrid", presenter: "Đồng chí Phó Bí thư Thành ủy", nonMemberAttendees: 0,
                bridgePoints: counts.enumerated().map { BridgePointInput(name: "Điểm cầu \($0.offset + 1)", attendeeCount: $0.element) }), on: $0) }
            let detail = try await StudyAPI.detail(of: conference, on: app.db)
            #expect(detail.bridgePoints.count == 17)
            #expect(detail.bridgePointAttendees == 4_360)

            let classes = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: tree.city, campaignId: campaign, title: "Lớp học tập trực tuyến", heldOn: Self.today, format: "online",
                bridgePoints: (1...10).map { BridgePointInput(name: "Lớp \($0)", attendeeCount: 334) }), on: $0) }
            #expect(try await StudyAPI.detail(of: classes, on: app.db).bridgePointAttendees == 3_340)
            #expect(try await app.figures(campaign, tree.city)?.sessionsHeld == 2)

            // Refused input writes nothing, and every field at fault is named.
            let sessions = try await app.rowCount("study_sessions")
            let points = try await app.rowCount("study_bridge_points")
            let refused = await domainError {
                _ = try await app.write { try await StudyCommands.record(StudySessionInput(
                    organizationId: tree.cellA1, title: " ", heldOn: "2099-01-01", format: "radio", nonMemberAttendees: -1,
                    documentIds: [424_242], bridgePoints: [BridgePointInput(name: "", attendeeCount: 5), BridgePointInput(name: "Xã A", attendeeCount: -3)]), on: $0) }
            }
            #expect(refused?.fields == ["title", "heldOn", "format", "nonMemberAttendees", "documentIds", "bridgePoints[0].name", "bridgePoints[1].attendeeCount"])
            #expect(try await app.rowCount("study_sessions") == sessions)
            #expect(try await app.rowCount("study_bridge_points") == points)
        }
    }

    @Test("a campaign's session: the campaign is active, covers the unit, and the date is in its period", arguments: TestBackend.allCases)
    func campaignRules(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let wardB = try await app.launchStudyCampaign(at: tree.wardB)
            let closed = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW")
            _ = try await app.write { try await CampaignCommands.close(closed, on: $0) }
            let city = try await app.launchStudyCampaign(at: tree.city, symbol: "07-CT/TW")
            for (campaign, date, field) in [(wardB, Self.today, "campaignId"), (closed, Self.today, "campaignId"), (city, "2023-12-31", "heldOn")] {
                let error = await domainError {
                    _ = try await app.write { try await StudyCommands.record(StudySessionInput(
                        organizationId: tree.cellA1, campaignId: campaign, title: "Sinh hoạt chuyên đề", heldOn: date, format: "in_person"), on: $0) }
                }
                #expect(error?.fields == [field])
            }
            #expect(try await app.rowCount("study_sessions") == 0)
        }
    }

    @Test("attendance for 30 members in one call; figures recounted, also after a transfer", arguments: TestBackend.allCases)
    func attendance(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            var enrolled: [Int] = []
            for index in 1...30 {
                enrolled.append(try await app.createMember("Nguyễn Văn Số \(index)", card: "30\(index)", in: tree.cellA1))
            }
            let members = enrolled
            let session = try await app.cellSession(tree.cellA1, campaign: campaign)
            let entries = [AttendanceEntry(memberId: members[0], status: "absent"),
                           AttendanceEntry(memberId: members[1], status: "excused", reason: "Đi công tác")]
                + members.dropFirst(2).map { AttendanceEntry(memberId: $0, status: "present") }
            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: entries), on: $0) }
            #expect(try await app.rowCount("study_attendance") == 30)
            #expect(try await app.figures(campaign, tree.cellA1)?.membersStudied == 28)

            // Taken again: one changes, the unlisted keep their mark.
            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [
                AttendanceEntry(memberId: members[0], status: "present"), AttendanceEntry(memberId: members[2], status: "absent", reason: "Ốm")]), on: $0) }
            #expect(try await app.rowCount("study_attendance") == 30)
            #expect(try await app.figures(campaign, tree.cellA1)?.membersStudied == 28)
            let marks = try await StudyQueries.marks(of: session, on: app.db)
            #expect(marks.first { $0.member.id == members[2] }?.attendance?.reason == "Ốm")
            #expect(marks.first { $0.member.id == members[1] }?.attendance?.status == .excused)

            // A member who studied counts where they are now.
            _ = try await app.write { try await MemberCommands.transfer(members[3], to: tree.cellA2, on: nil, reason: nil, db: $0) }
            #expect(try await app.figures(campaign, tree.cellA1)?.membersStudied == 27)
            #expect(try await app.figures(campaign, tree.cellA2)?.membersStudied == 1)

            // Deleting the session takes its attendance and figures with it.
            _ = try await app.write { try await StudyCommands.delete(session, on: $0) }
            #expect(try await app.rowCount("study_attendance") == 0)
            #expect(try await app.figures(campaign, tree.cellA1)?.membersStudied == 0)
            #expect(try await app.figures(campaign, tree.cellA2)?.membersStudied == 0)
            #expect(try await app.figures(campaign, tree.cellA1)?.sessionsHeld == 0)
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("absent may carry a reason, excused needs one; members outside the unit are refused; everyone else present", arguments: TestBackend.allCases)
    func attendanceRules(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let chi = try await app.createMember("Lê Thị Chi", card: "3", in: tree.cellA2)
            let outsider = try await app.createMember("Phạm Văn Dũng", card: "4", in: tree.cellB1)
            let session = try await app.cellSession(tree.cellA1, campaign: nil)
            let refused = await domainError {
                _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [
                    AttendanceEntry(memberId: an, status: "excused", reason: " "), AttendanceEntry(memberId: outsider, status: "present"),
                    AttendanceEntry(memberId: chi, status: "absent"), AttendanceEntry(memberId: binh, status: "late"),
                ]), on: $0) }
            }
            #expect(refused?.fields == ["entries[0].reason", "entries[3].status", "entries[1].memberId", "entries[2].memberId"])
            #expect(try await app.rowCount("study_attendance") == 0)

            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [
                AttendanceEntry(memberId: an, status: "absent"),
            ], othersPresent: true), on: $0) }
            let marks = try await StudyQueries.marks(of: session, on: app.db)
            #expect(marks.map { $0.attendance!.status } == [.absent, .present])

            // A ward's session takes the members of its cells.
            let ward = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: tree.wardA, title: "Hội nghị phường", heldOn: Self.today, format: "in_person"), on: $0) }.requireID()
            _ = try await app.write { try await StudyCommands.takeAttendance(of: ward, AttendanceInput(othersPresent: true), on: $0) }
            #expect(try await StudyQueries.marks(of: ward, on: app.db).map { $0.member.requireID() }.sorted() == [an, binh, chi].sorted())
        }
    }

    @Test("reflections: one per member and campaign, before the deadline, reviewed with a grade or returned with a comment", arguments: TestBackend.allCases)
    func reflections(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city, grades: "Tốt|Khá|Đạt|Chưa đạt")
            let late = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: "2025-01-01", acceptsLateWork: false)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let store = app.documentFiles
            func submit(_ campaign: Int, _ member: Int, _ body: String?) async throws -> Reflection {
                try await app.write { try await StudyCommands.submitReflection(campaign: campaign, member: member, body: body, file: nil, store: store, on: $0) }
            }
            func review(_ id: Int, _ input: ReflectionReviewInput) async throws -> Reflection {
                try await app.write { try await StudyCommands.reviewReflection(id, input, on: $0) }
            }

            #expect(await domainError { _ = try await submit(campaign, an, "  \n ") }?.fields == ["body"])
            #expect(await domainError { _ = try await submit(campaign, an, String(repeating: "a", count: 20_001)) }?.fields == ["body"])
            #expect(await domainError { _ = try await submit(late, an, "Bài thu hoạch") }?.kind == .conflict)
            #expect(try await app.rowCount("reflections") == 0)

            let first = try await submit(campaign, an, "Đoạn một.\n\n\n  Đoạn   hai.  ")
            #expect(first.body == "Đoạn một.\n\nĐoạn hai.")
            #expect(first.submissionCount == 1)
            #expect(try await app.figures(campaign, tree.cellA1)?.reflectionsSubmitted == 1)
            #expect(await domainError { _ = try await submit(campaign, an, "Lần nữa") }?.kind == .conflict)

            let id = first.requireID()
            #expect(await domainError { _ = try await review(id, ReflectionReviewInput(decision: "return")) }?.fields == ["comment"])
            #expect(await domainError { _ = try await review(id, ReflectionReviewInput(decision: "accept", grade: "Xuất sắc")) }?.fields == ["grade"])
            #expect(await domainError { _ = try await review(id, ReflectionReviewInput(decision: "maybe")) }?.fields == ["decision"])
            let returned = try await review(id, ReflectionReviewInput(decision: "return", comment: "Cần liên hệ bản thân cụ thể hơn"))
            #expect(returned.state == .returned)

            let second = try await submit(campaign, an, "Bản sửa, có liên hệ bản thân.")
            #expect(second.requireID() == id)
            #expect(second.submissionCount == 2)
            #expect(second.reviewComment == nil)
            let accepted = try await review(id, ReflectionReviewInput(decision: "accept", grade: "Khá"))
            #expect(accepted.grade == "Khá")
            #expect(await domainError { _ = try await review(id, ReflectionReviewInput(decision: "return", comment: "x")) }?.kind == .conflict)
            let figures = try await app.figures(campaign, tree.cellA1)
            #expect(figures?.reflectionsSubmitted == 1)
            #expect(figures?.reflectionsAccepted == 1)
            #expect(try await app.rowCount("reflections") == 1)

            // A returned reflection may be resubmitted after the deadline; a first one may not.
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            try await (app.db as! any SQLDatabase).raw("UPDATE campaigns SET reflection_due_on = '2099-01-01' WHERE id = \(bind: late)").run()
            let early = try await submit(late, binh, "Nộp đúng hạn")
            _ = try await review(early.requireID(), ReflectionReviewInput(decision: "return", comment: "Viết thêm"))
            try await (app.db as! any SQLDatabase).raw("UPDATE campaigns SET reflection_due_on = '2025-01-01' WHERE id = \(bind: late)").run()
            #expect(try await submit(late, binh, "Nộp lại sau hạn").submissionCount == 2)
            #expect(await domainError { _ = try await submit(late, an, "Quá hạn") }?.kind == .conflict)
        }
    }

    @Test("over HTTP: scoped, audited, self-service only for oneself, problem+json in Vietnamese and English", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let outsider = try await app.createMember("Lê Văn Cường", card: "3", in: tree.cellB1)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let self_ = try await app.caller("dangvien", .member, member: an)
            let tester = try app.testing()

            let created = try await tester.sendRequest(.POST, "/api/v1/study-sessions", headers: secretary.api) {
                try $0.content.encode(StudySessionInput(organizationId: tree.cellA1, campaignId: campaign, title: "Sinh hoạt chuyên đề quý IV",
                                                        heldOn: Self.today, format: "in_person", presenter: "Bí thư chi bộ",
                                                        bridgePoints: [BridgePointInput(name: "Hội trường khu phố", attendeeCount: 35)]))
            }
            #expect(created.status == .created)
            let session = try created.content.decode(StudyAPI.SessionDetailDTO.self).session.id
            let events = try await app.rowCount("audit_events")

            let put = try await tester.sendRequest(.PUT, "/api/v1/study-sessions/\(session)/attendance", headers: secretary.api) {
                try $0.content.encode(AttendanceInput(entries: [AttendanceEntry(memberId: binh, status: "excused", reason: "Ốm")], othersPresent: true))
            }
            #expect(put.status == .ok)
            let detail = try put.content.decode(StudyAPI.SessionDetailDTO.self)
            #expect(detail.session.present == 1 && detail.session.excused == 1)
            #expect(try await app.rowCount("audit_events") == events + 1)

            let vietnamese = try await tester.sendRequest(.PUT, "/api/v1/study-sessions/\(session)/attendance", headers: secretary.api) {
                try $0.content.encode(AttendanceInput(entries: [AttendanceEntry(memberId: binh, status: "excused")]))
            }
            #expect(vietnamese.status == .unprocessableEntity)
            #expect(vietnamese.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: vietnamese.body))
            #expect(problem.errors?.map(\.field) == ["entries[0].reason"])
            #expect(problem.errors?.first?.detail == "Dòng 1: vắng có lý do thì cần ghi lý do")
            let english = try await tester.sendRequest(.PUT, "/api/v1/study-sessions/\(session)/attendance?lang=en", headers: secretary.api) {
                try $0.content.encode(AttendanceInput(entries: [AttendanceEntry(memberId: outsider, status: "present")]))
            }
            let englishProblem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: english.body))
            #expect(englishProblem.errors?.first?.field == "entries[0].memberId")
            #expect(englishProblem.errors?.first?.detail.contains("not on the roll") == true)
            #expect(try await app.rowCount("audit_events") == events + 1)

            // Another ward's officer neither sees nor changes the cell's session.
            #expect(try await tester.sendRequest(.GET, "/api/v1/study-sessions/\(session)", headers: wardB.api).status == .notFound)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/study-sessions/\(session)", headers: wardB.api).status == .notFound)
            let list = try await tester.sendRequest(.GET, "/api/v1/study-sessions", headers: wardB.api).content.decode(PageDTO<StudyAPI.SessionDTO>.self)
            #expect(list.total == 0)
            let patched = try await tester.sendRequest(.PATCH, "/api/v1/study-sessions/\(session)", headers: secretary.api) {
                try $0.content.encode(StudySessionInput(nonMemberAttendees: 12))
            }
            #expect(try patched.content.decode(StudyAPI.SessionDetailDTO.self).bridgePointAttendees == 35)
            #expect(try patched.content.decode(StudyAPI.SessionDetailDTO.self).session.nonMemberAttendees == 12)

            // The member submits their own reflection; they cannot submit anyone else's.
            let own = try await tester.sendRequest(.POST, "/api/v1/me/reflections", headers: self_.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, memberId: binh, body: "Bài thu hoạch của tôi"))
            }
            #expect(own.status == .created)
            let reflection = try own.content.decode(StudyAPI.ReflectionDTO.self)
            #expect(reflection.memberId == an)
            let forOther = try await tester.sendRequest(.POST, "/api/v1/reflections", headers: self_.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, memberId: binh, body: "Viết hộ"))
            }
            #expect(forOther.status == .forbidden)
            let outOfScope = try await tester.sendRequest(.POST, "/api/v1/reflections", headers: secretary.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, memberId: outsider, body: "Viết hộ"))
            }
            #expect(outOfScope.status == .notFound)
            #expect(try await app.rowCount("reflections") == 1)
            let onBehalf = try await tester.sendRequest(.POST, "/api/v1/reflections", headers: secretary.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, memberId: binh, body: "Bí thư nộp thay"))
            }
            #expect(onBehalf.status == .created)

            let reviewed = try await tester.sendRequest(.POST, "/api/v1/reflections/\(reflection.id)/review", headers: secretary.api) {
                try $0.content.encode(ReflectionReviewInput(decision: "accept", grade: "Tốt"))
            }
            #expect(try reviewed.content.decode(StudyAPI.ReflectionDTO.self).grade == "Tốt")
            #expect(try await tester.sendRequest(.POST, "/api/v1/reflections/\(reflection.id)/review", headers: wardB.api) {
                try $0.content.encode(ReflectionReviewInput(decision: "return", comment: "x"))
            }.status == .notFound)
            let mine = try await tester.sendRequest(.GET, "/api/v1/me/reflections", headers: self_.api).content.decode([StudyAPI.OwnReflectionDTO].self)
            #expect(mine.map { $0.reflection?.state } == [.accepted])
            let cell = try await tester.sendRequest(.GET, "/api/v1/reflections?campaignId=\(campaign)&organizationId=\(tree.cellA1)", headers: secretary.api)
                .content.decode([StudyAPI.ReflectionEntryDTO].self)
            #expect(cell.map { $0.reflection?.state } == [.accepted, .submitted])

            #expect(try await tester.sendRequest(.DELETE, "/api/v1/study-sessions/\(session)", headers: secretary.api).status == .noContent)
            #expect(try await app.rowCount("study_sessions") == 0)
        }
    }

    @Test("a reflection may be a file: PDF or DOCX by its content, downloaded by its author and the cell", arguments: TestBackend.allCases)
    func reflectionFile(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let author = try await app.caller("dangvien", .member, member: an)
            let tester = try app.testing()

            let program = try await tester.sendRequest(.POST, "/api/v1/me/reflections", headers: author.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, file: File(data: "MZ\u{90}program", filename: "bai.pdf")))
            }
            #expect(program.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: program.body)).errors?.map(\.field) == ["file"])
            #expect(try await app.rowCount("reflections") == 0)

            let pdf = "%PDF-1.4\n% bài thu hoạch\n"
            let sent = try await tester.sendRequest(.POST, "/api/v1/me/reflections", headers: author.api) {
                try $0.content.encode(StudyAPI.ReflectionBody(campaignId: campaign, file: File(data: pdf, filename: "C:\\Tài liệu\\Bài thu hoạch.pdf")))
            }
            #expect(sent.status == .created)
            let reflection = try sent.content.decode(StudyAPI.ReflectionDTO.self)
            #expect(reflection.fileName == "Bài thu hoạch.pdf")
            #expect(reflection.fileType == "application/pdf")
            for caller in [author, secretary] {
                let download = try await tester.sendRequest(.GET, "/reflections/\(reflection.id)/file", headers: caller.web)
                #expect(download.status == .ok)
                #expect(download.headers.contentType?.description == "application/pdf")
                #expect(String(buffer: download.body) == pdf)
            }
            let stranger = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            #expect(try await tester.sendRequest(.GET, "/reflections/\(reflection.id)/file", headers: stranger.web).status == .notFound)
        }
    }

    @Test("the demo records the city's conference and a cell's session, attendance and reflections", arguments: TestBackend.allCases)
    func demo(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            try await DemoData.prepare(app, database: .sqliteMemory)
            #expect(try await app.rowCount("study_sessions") == 3, "the conference, and the cell's last month's and this week's")
            #expect(try await app.rowCount("study_bridge_points") == 17)
            #expect(try await app.rowCount("study_attendance") > 2)
            let campaign = try #require(try await Campaign.query(on: app.db).first())
            #expect(try await app.rowCount("reflections") == 4, "the demo's deadline is always ahead")
            try await DemoData.prepare(app, database: .sqliteMemory)
            #expect(try await app.rowCount("study_sessions") == 3)

            // The city's roll is too long for the one-page sheet, which says where to take attendance instead.
            let conference = try #require(try await StudySession.query(on: app.db).filter(\.$organizationId == campaign.organizationId).first())
            let sheet = try await app.testing().sendRequest(.GET, "/study-sessions/\(conference.requireID())/attendance", headers: try await app.caller("kiemtra", .administrator).web)
            #expect(sheet.status == .conflict)
            #expect(String(buffer: sheet.body).contains("hãy điểm danh qua API"))
        }
    }

    @Test("the pages render, the attendance sheet saves, the session form takes bridge point rows", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let self_ = try await app.caller("dangvien", .member, member: an)
            let tester = try app.testing()

            var fields = ["organizationId": "\(tree.cellA1)", "campaignId": "\(campaign)", "title": "Sinh hoạt chuyên đề", "heldOn": CalendarDate.today().vietnamese,
                          "format": "in_person", "nonMemberAttendees": "", "bridgePoints[0][name]": "Nhà văn hóa", "bridgePoints[0][attendeeCount]": "1.200",
                          "bridgePoints[1][name]": "", "bridgePoints[1][attendeeCount]": ""]
            let more = try await tester.sendRequest(.POST, "/study-sessions/new", headers: secretary.web) {
                try $0.content.encode(secretary.form(fields.merging(["more": "1"]) { $1 }), as: .urlEncodedForm)
            }
            #expect(more.status == .ok)
            #expect(String(buffer: more.body).contains(#"name="bridgePoints[5][name]""#))
            #expect(try await app.rowCount("study_sessions") == 0)
            fields["title"] = ""
            let refused = try await tester.sendRequest(.POST, "/study-sessions/new", headers: secretary.web) {
                try $0.content.encode(secretary.form(fields), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("Tên buổi học tập không được để trống"))
            fields["title"] = "Sinh hoạt chuyên đề"
            let saved = try await tester.sendRequest(.POST, "/study-sessions/new", headers: secretary.web) {
                try $0.content.encode(secretary.form(fields), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            let session = try #require(try await StudySession.query(on: app.db).first()).requireID()
            #expect(try await StudyQueries.bridgePoints(of: session, on: app.db).map(\.attendeeCount) == [1_200])

            let sheet = String(buffer: try await tester.sendRequest(.GET, "/study-sessions/\(session)/attendance", headers: secretary.web).body)
            #expect(sheet.contains(#"name="status[\#(an)]" value="present" checked"#))
            #expect(sheet.contains("Có lý do"))
            let taken = try await tester.sendRequest(.POST, "/study-sessions/\(session)/attendance", headers: secretary.web) {
                try $0.content.encode(secretary.form(["status[\(an)]": "present", "status[\(binh)]": "excused", "reason[\(binh)]": ""]), as: .urlEncodedForm)
            }
            #expect(taken.status == .unprocessableEntity)
            #expect(String(buffer: taken.body).contains("Dòng 2: vắng có lý do thì cần ghi lý do"))
            let retaken = try await tester.sendRequest(.POST, "/study-sessions/\(session)/attendance", headers: secretary.web) {
                try $0.content.encode(secretary.form(["status[\(an)]": "present", "status[\(binh)]": "excused", "reason[\(binh)]": "Ốm"]), as: .urlEncodedForm)
            }
            #expect(retaken.status == .seeOther)
            #expect(try await app.figures(campaign, tree.cellA1)?.membersStudied == 1)

            let own = try await tester.sendRequest(.POST, "/me/reflections/\(campaign)", headers: self_.web) {
                try $0.content.encode(self_.form(["body": "Bài thu hoạch", "memberId": "\(binh)"]), as: .urlEncodedForm)
            }
            #expect(own.status == .seeOther)
            let reflection = try #require(try await Reflection.query(on: app.db).first())
            #expect(reflection.memberId == an)

            for path in ["/study-sessions", "/study-sessions?within=\(tree.cellA1)&campaign=\(campaign)", "/study-sessions/new?organization=\(tree.cellA1)",
                         "/study-sessions/\(session)", "/study-sessions/\(session)/edit", "/reflections?organization=\(tree.cellA1)&campaign=\(campaign)",
                         "/reflections/new?member=\(binh)&campaign=\(campaign)"] {
                let response = try await tester.sendRequest(.GET, path, headers: secretary.web)
                #expect(response.status == .ok, "\(path)")
            }
            let cellPage = String(buffer: try await tester.sendRequest(.GET, "/reflections?organization=\(tree.cellA1)", headers: secretary.web).body)
            #expect(cellPage.contains("1/2 (50%)"))
            #expect(cellPage.contains("Nộp thay"))
            let reviewed = try await tester.sendRequest(.POST, "/reflections/\(reflection.requireID())/review", headers: secretary.web) {
                try $0.content.encode(secretary.form(["decision": "return", "comment": ""]), as: .urlEncodedForm)
            }
            #expect(reviewed.status == .unprocessableEntity)
            #expect(String(buffer: reviewed.body).contains("Trả lại bài thì cần nhận xét cần sửa gì"))
            for path in ["/me/reflections", "/me/reflections/\(campaign)"] {
                let response = try await tester.sendRequest(.GET, path, headers: self_.web)
                #expect(response.status == .ok, "\(path)")
            }
            #expect(try await tester.sendRequest(.GET, "/study-sessions/\(session)", headers: self_.web).status == .forbidden)
        }
    }
}

extension Application {
    /// A campaign launched at `unit` for its subtree (2024–2030), rolling out a newly registered document.
    func launchStudyCampaign(at unit: Int, symbol: String = "05-CT/TW", reflectionDueOn: String = "2030-12-31", grades: String? = nil,
                             acceptsLateWork: Bool? = nil) async throws -> Int {
        let document = try await registerDocument(symbol, "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", on: "2016-05-15")
        return try await write { try await CampaignCommands.launch(CampaignInput(
            documentId: document, organizationId: unit, startsOn: "2024-01-01", endsOn: "2030-12-31", reflectionDueOn: reflectionDueOn,
            gradingScale: grades, acceptsLateWork: acceptsLateWork), on: $0) }.requireID()
    }

    /// A session held by a cell today.
    func cellSession(_ cell: Int, campaign: Int?) async throws -> Int {
        try await write { try await StudyCommands.record(StudySessionInput(
            organizationId: cell, campaignId: campaign, title: "Sinh hoạt chuyên đề", heldOn: CalendarDate.today().iso, format: "in_person"), on: $0) }.requireID()
    }

    func figures(_ campaign: Int, _ unit: Int) async throws -> CampaignFigures? {
        try await CampaignFigures.query(on: db).filter(\.$campaignId == campaign).filter(\.$organizationId == unit).first()
    }
}
