import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// The city committee inspects ward A and ward B of `SmallTree`, today inside its schedule.
struct InspectionFixture {
    let tree: SmallTree
    let decision: Int
    let conclusion: Int
    let report: Int
    static let today = CalendarDate.today()

    static func make(on app: Application) async throws -> InspectionFixture {
        let tree = try await SmallTree.make(on: app)
        func register(_ symbol: String, _ title: String) async throws -> Int {
            try await app.write {
                try await DocumentCommands.register(DocumentInput(symbol: symbol, title: title, issuedOn: today.adding(days: -10).iso, organizationId: nil), on: $0)
            }.requireID()
        }
        return InspectionFixture(tree: tree, decision: try await register("138-QĐNS/TU", "Quyết định thành lập Đoàn kiểm tra"),
                                 conclusion: try await register("15-TB/TU", "Thông báo kết luận kiểm tra"),
                                 report: try await register("20-BC/ĐU", "Báo cáo tự kiểm tra"))
    }

    func input(units: [Int]? = nil, team: [InspectionTeamInput]? = nil, committee: Int? = nil) -> InspectionInput {
        InspectionInput(organizationId: committee ?? tree.city, kind: "inspection", decisionDocumentId: decision,
                        subject: "Lãnh đạo, chỉ đạo việc học tập, quán triệt Nghị quyết XIII", periodFrom: "2025-01-01", periodTo: "2026-06-30",
                        startsOn: Self.today.adding(days: -5).iso, endsOn: Self.today.adding(days: 20).iso, selfReportDueOn: Self.today.adding(days: -1).iso,
                        unitIds: units ?? [tree.wardA, tree.wardB],
                        team: team ?? [InspectionTeamInput(role: "leader", name: "Nguyễn Văn Trưởng"), InspectionTeamInput(role: "member", name: "Lê Thị Viên"),
                                       InspectionTeamInput(role: "secretary", name: "Trần Thư Ký")])
    }
}

extension Application {
    func inspection(_ input: InspectionInput) async throws -> Int {
        try await write { try await InspectionCommands.create(input, on: $0) }.requireID()
    }

    /// The field names a refused write named, with their Vietnamese messages.
    func refusal(_ body: @escaping @Sendable (any Database) async throws -> some Sendable) async -> [String: String] {
        do {
            _ = try await write(body)
            return [:]
        } catch let error as DomainError {
            return Dictionary(error.fieldErrors.map { ($0.field, $0.message.vi) }, uniquingKeysWith: { $0 + " / " + $1 })
        } catch {
            return ["?": "\(error)"]
        }
    }
}

@Suite("Inspections")
struct InspectionTests {
    static let tables = ["inspections", "inspection_team", "inspection_units", "inspection_sessions", "inspection_findings", "inspection_criticisms"]

    @Test("decided with its team and units; refused and nothing written without units, outside the committee, without one leader, decision or order of dates",
          arguments: TestBackend.allCases)
    func create(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let tree = fixture.tree
            var blank = fixture.input(units: [])
            blank.decisionDocumentId = nil
            blank.endsOn = InspectionFixture.today.adding(days: -6).iso
            let input = blank
            let refused = await app.refusal { try await InspectionCommands.create(input, on: $0) }
            #expect(refused["unitIds"] == "Chọn ít nhất một đơn vị được kiểm tra")
            #expect(refused["decisionDocumentId"] == "Chọn quyết định kiểm tra, giám sát")
            #expect(refused["endsOn"] == "Ngày kết thúc trước ngày bắt đầu")
            let outside = fixture.input(units: [tree.cellB1], committee: tree.wardA)
            #expect(await app.refusal { try await InspectionCommands.create(outside, on: $0) }["unitIds"]
                    == "Chi bộ Khu phố 3 không trực thuộc Đảng bộ phường Bến Nghé")
            let leaderless = fixture.input(team: [InspectionTeamInput(role: "member", name: "Lê Thị Viên"), InspectionTeamInput(role: "leader")])
            let team = await app.refusal { try await InspectionCommands.create(leaderless, on: $0) }["team"]
            #expect(team?.contains("Đoàn có đúng một trưởng đoàn") == true && team?.contains("vai trò") == true)
            for table in Self.tables { #expect(try await app.rowCount(table) == 0, "\(table)") }

            let id = try await app.inspection(fixture.input())
            let record = try await InspectionRecord.load(try await InspectionQueries.require(id, on: app.db), on: app.db)
            #expect(record.team.map(\.role) == [.leader, .member, .secretary])
            #expect(Set(record.units.map(\.organizationId)) == [tree.wardA, tree.wardB])
            #expect(record.progress.current == .plan)
        }
    }

    @Test("the steps in order, each refused naming what is missing; recommendations are follow-up tasks; closure waits for every step",
          arguments: TestBackend.allCases)
    func steps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let tree = fixture.tree
            let id = try await app.inspection(fixture.input())
            let today = InspectionFixture.today
            let early = InspectionSelfReportInput(organizationId: tree.wardA, documentId: fixture.report)
            #expect(await app.refusal { try await InspectionCommands.recordSelfReport(id, early, on: $0) }["id"]
                    == "Chưa xong các bước trước: “Gửi kế hoạch, đề cương báo cáo”")
            _ = try await app.write { try await InspectionCommands.sendPlan(id, InspectionPlanInput(sentOn: today.adding(days: -5).iso), on: $0) }
            let reported = try await app.write { try await InspectionCommands.recordSelfReport(id, early, on: $0) }
            #expect(reported.selfReportOn == today && today > InspectionFixture.today.adding(days: -1), "sent today, after its date: late")
            let stranger = InspectionSelfReportInput(organizationId: tree.cellA1, note: "Báo cáo")
            #expect(await app.refusal { try await InspectionCommands.recordSelfReport(id, stranger, on: $0) }["organizationId"] != nil)

            let finding = InspectionFindingInput(organizationId: tree.wardA, kind: "shortcoming", text: "Việc quán triệt ở một số chi bộ còn hình thức")
            #expect(await app.refusal { try await InspectionCommands.recordFinding(id, finding, on: $0) }["id"]
                    == "Chưa xong các bước trước: “Làm việc với đơn vị”")
            let outOfSchedule = InspectionSessionInput(organizationId: tree.wardA, heldOn: today.adding(days: 30).iso, minutes: "Biên bản")
            #expect(await app.refusal { try await InspectionCommands.recordSession(id, outOfSchedule, on: $0) }["heldOn"]?.contains("trong thời gian kiểm tra") == true)
            _ = try await app.write {
                try await InspectionCommands.recordSession(id, InspectionSessionInput(organizationId: tree.wardA, heldOn: today.iso, minutes: "Làm việc với Ban Thường vụ"), on: $0)
            }
            let shortcoming = try await app.write { try await InspectionCommands.recordFinding(id, finding, on: $0) }.requireID()
            let strength = InspectionFindingInput(organizationId: tree.wardA, kind: "strength", text: "Tổ chức học tập đầy đủ", concerns: "Tỷ lệ học tập 96%")
            _ = try await app.write { try await InspectionCommands.recordFinding(id, strength, on: $0) }

            let member = try await app.createMember("Nguyễn Văn Bình", card: "79000001", in: tree.cellA1)
            let elsewhere = try await app.createMember("Trần Văn Cường", card: "79000002", in: tree.cellB1)
            let noFinding = InspectionCriticismInput(target: "person", memberId: member, text: "Chưa gương mẫu")
            #expect(await app.refusal { try await InspectionCommands.recordCriticism(id, noFinding, on: $0) }["findingId"]
                    == "Chọn nội dung kết luận làm căn cứ phê bình")
            let wrongMember = InspectionCriticismInput(findingId: shortcoming, target: "person", memberId: elsewhere, text: "Chưa gương mẫu")
            #expect(await app.refusal { try await InspectionCommands.recordCriticism(id, wrongMember, on: $0) }["memberId"]
                    == "Trần Văn Cường không thuộc đơn vị của nội dung kết luận")
            #expect(try await app.rowCount("inspection_criticisms") == 0)
            let criticism = try await app.write {
                try await InspectionCommands.recordCriticism(id, InspectionCriticismInput(findingId: shortcoming, target: "person", memberId: member,
                                                                                            text: "Chưa gương mẫu trong học tập"), on: $0)
            }
            #expect(criticism.memberId == member && criticism.organizationId == nil)

            let recommendation = FollowUpTaskInput(organizationIds: [tree.wardA], title: "Tổ chức học tập bổ sung", responsible: "Bí thư Đảng ủy phường",
                                                   dueOn: today.adding(days: 10).iso)
            #expect(await app.refusal { try await InspectionCommands.recommend(id, recommendation, by: nil, on: $0) }["id"]
                    == "Chưa xong các bước trước: “Thông báo kết luận”")
            #expect(await app.refusal { try await InspectionCommands.conclude(id, InspectionConclusionInput(), on: $0) }["documentId"] == "Chọn thông báo kết luận")
            _ = try await app.write { try await InspectionCommands.conclude(id, InspectionConclusionInput(documentId: fixture.conclusion), on: $0) }
            var withoutDeadline = recommendation
            withoutDeadline.dueOn = nil
            let undated = withoutDeadline
            #expect(await app.refusal { try await InspectionCommands.recommend(id, undated, by: nil, on: $0) }["dueOn"] != nil)
            var withoutUnit = recommendation
            withoutUnit.organizationIds = []
            let unowned = withoutUnit
            #expect(await app.refusal { try await InspectionCommands.recommend(id, unowned, by: nil, on: $0) }["organizationIds"] != nil)
            #expect(try await app.rowCount("follow_up_tasks") == 0, "a refused recommendation writes nothing")
            #expect(try await app.rowCount("follow_up_events") == 0)
            let tasks = try await app.write { try await InspectionCommands.recommend(id, recommendation, by: "Văn phòng Thành ủy", on: $0) }
            #expect(tasks.count == 1 && tasks[0].originKind == "inspection" && tasks[0].originId == id && tasks[0].issuerOrganizationId == tree.city)
            #expect(tasks[0].originLabel == "Kiến nghị sau kiểm tra: Lãnh đạo, chỉ đạo việc học tập, quán triệt Nghị quyết XIII")

            #expect(await app.refusal { try await InspectionCommands.close(id, InspectionClosureInput(), on: $0) }["id"]
                    == "Chưa xong các bước trước: “Đơn vị tự kiểm tra, báo cáo”, “Khắc phục, báo cáo kết quả”")
            // Remediation is the task's own report, accepted by the committee.
            let task = tasks[0].requireID()
            _ = try await app.write { try await FollowUpCommands.report(task, FollowUpReportInput(note: "Đã tổ chức học tập bổ sung"), by: nil, on: $0) }
            _ = try await app.write { try await FollowUpCommands.review(task, FollowUpReviewInput(outcome: "accepted"), by: nil, on: $0) }
            _ = try await app.write {
                try await InspectionCommands.recordSelfReport(id, InspectionSelfReportInput(organizationId: tree.wardB, note: "Báo cáo tự kiểm tra"), on: $0)
            }
            let closed = try await app.write { try await InspectionCommands.close(id, InspectionClosureInput(), on: $0) }
            #expect(closed.closedOn == today)
            #expect(await app.refusal { try await InspectionCommands.recordFinding(id, strength, on: $0) }["id"] == "Cuộc kiểm tra, giám sát đã kết thúc")
            let record = try await InspectionRecord.load(closed, on: app.db)
            #expect(record.findings.count == 2 && record.criticisms.count == 1 && record.sessions.count == 1 && record.recommendations.count == 1)
            #expect(InspectionStep.allCases.allSatisfy(record.progress.isDone))
        }
    }

    @Test("the team's grant: the inspected units' subtrees while the schedule runs, none the day after its end nor once closed",
          arguments: TestBackend.allCases)
    func grantWindow(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let inspector = try await app.caller("kiemtra", .officer, scope: fixture.tree.wardB, level: .viewer)
            let id = try await app.inspection(fixture.input(units: [fixture.tree.wardA],
                                                            team: [InspectionTeamInput(role: "leader", userId: inspector.userId)]))
            let inspection = try await InspectionQueries.require(id, on: app.db)
            #expect(try await InspectionRecord.load(inspection, on: app.db).team.first?.name == "kiemtra", "named after the account")
            let today = InspectionFixture.today
            let lent = try await InspectionQueries.lentScopes(to: inspector.userId, on: today, on: app.db)
            let wardA = try await app.unit(fixture.tree.wardA).treePath
            #expect(lent.map(\.lenderId) == [id] && lent.first?.scope == wardA)
            #expect(try await InspectionQueries.lentScopes(to: inspector.userId, on: inspection.endsOn, on: app.db).count == 1, "its last day included")
            #expect(try await InspectionQueries.lentScopes(to: inspector.userId, on: inspection.endsOn.adding(days: 1), on: app.db).isEmpty)
            #expect(try await InspectionQueries.lentScopes(to: inspector.userId, on: inspection.startsOn.adding(days: -1), on: app.db).isEmpty)
        }
    }
}

@Suite("Inspections over HTTP")
struct InspectionHTTPTests {
    @Test("an inspector reads the inspected unit while the inspection runs, every view logged; never writes; a unit outside refused; the day after the end, nothing",
          arguments: TestBackend.allCases)
    func lentReading(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let tree = fixture.tree
            let inspector = try await app.caller("kiemtra", .officer, scope: tree.wardB, level: .editor)
            let id = try await app.inspection(fixture.input(units: [tree.wardA], team: [InspectionTeamInput(role: "leader", userId: inspector.userId)]))
            let tester = try app.testing()

            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.cellA1)", headers: inspector.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/members?unit=\(tree.wardA)", headers: inspector.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/members?unit=\(tree.wardA)", headers: inspector.web).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/commitments?unit=\(tree.wardA)", headers: inspector.api).status == .ok)
            let write = try await tester.sendRequest(.PATCH, "/api/v1/organizations/\(tree.cellA1)", headers: inspector.api) {
                try $0.content.encode(["name": "Chi bộ đổi tên"])
            }
            #expect(write.status == .forbidden, "read-only: the grant never writes")
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.city)", headers: inspector.api).status == .notFound,
                    "outside the inspection: the same refusal as anyone out of scope")
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.wardB)", headers: inspector.api).status == .ok)

            let reads = try await InspectionQueries.reads(of: id, on: app.db)
            #expect(reads.count == 5, "each view under the grant, the refused write's read included; none of the inspector's own ward")
            #expect(reads.allSatisfy { $0.userId == inspector.userId && $0.username == "kiemtra" })
            #expect(Set(reads.map(\.organizationId)) == [tree.cellA1, tree.wardA])
            #expect(reads.contains { $0.page == "GET /members?unit=\(tree.wardA)" })
            #expect(reads.contains { $0.page == "GET /api/v1/commitments?unit=\(tree.wardA)" }, "the commitments list finds its unit on its own")
            #expect(try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)/reads", headers: inspector.api).status == .forbidden,
                    "the log is the committee's to read")
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .viewer)
            let logged = try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)/reads", headers: city.api)
            #expect(try logged.content.decode([InspectionAPI.ReadDTO].self).count == reads.count + 1, "the refused look at the log was a view too")

            // The day after the end: the grant is gone by itself.
            try await app.db.sql.raw("UPDATE inspections SET ends_on = \(bind: InspectionFixture.today.adding(days: -1)) WHERE id = \(bind: id)").run()
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.cellA1)", headers: inspector.api).status == .notFound)
            #expect(try await InspectionQueries.reads(of: id, on: app.db).count == reads.count + 1, "nothing read, nothing logged")
        }
    }
}

@Suite("Inspections over HTTP: API and pages")
struct InspectionPagesTests {
    @Test("the API: the city's editor decides and records each step; the inspected ward reads it and sends its self-report only; a sibling sees nothing",
          arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let tree = fixture.tree
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let sibling = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let tester = try app.testing()
            let today = InspectionFixture.today

            let refused = try await tester.sendRequest(.POST, "/api/v1/inspections", headers: city.api) {
                try $0.content.encode(InspectionInput(organizationId: tree.city, kind: "inspection"))
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(try await tester.sendRequest(.POST, "/api/v1/inspections", headers: ward.api) {
                try $0.content.encode(fixture.input(units: [tree.wardA]))
            }.status == .notFound, "a ward's editor does not decide at the city, which it does not read")
            let created = try await tester.sendRequest(.POST, "/api/v1/inspections", headers: city.api) { try $0.content.encode(fixture.input(units: [tree.wardA])) }
            #expect(created.status == .created)
            let id = try created.content.decode(InspectionAPI.DetailDTO.self).id
            func post(_ step: String, _ body: some Content, as caller: Caller) async throws -> HTTPStatus {
                try await tester.sendRequest(.POST, "/api/v1/inspections/\(id)/\(step)", headers: caller.api) { try $0.content.encode(body) }.status
            }
            #expect(try await post("plan", InspectionPlanInput(), as: ward) == .forbidden)
            #expect(try await post("plan", InspectionPlanInput(note: "Kế hoạch số 12"), as: city) == .ok)
            #expect(try await post("self-reports", InspectionSelfReportInput(organizationId: tree.wardA, documentId: fixture.report), as: ward) == .created)
            #expect(try await post("sessions", InspectionSessionInput(organizationId: tree.wardA, heldOn: today.iso, minutes: "Biên bản"), as: ward) == .forbidden)
            #expect(try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)", headers: sibling.api).status == .notFound)
            #expect(try await post("sessions", InspectionSessionInput(organizationId: tree.wardA, heldOn: today.iso, minutes: "Biên bản"), as: city) == .created)
            #expect(try await post("findings", InspectionFindingInput(organizationId: tree.wardA, kind: "strength", text: "Học tập nghiêm túc"), as: city) == .created)
            #expect(try await post("closure", InspectionClosureInput(), as: city) == .unprocessableEntity)
            #expect(try await post("conclusion", InspectionConclusionInput(documentId: fixture.conclusion), as: city) == .ok)
            #expect(try await post("recommendations", InspectionRecommendationInput(organizationIds: [tree.wardA], title: "Bổ sung", responsible: "Bí thư"),
                                   as: city) == .unprocessableEntity)
            #expect(try await app.rowCount("follow_up_tasks") == 0)
            #expect(try await post("recommendations", InspectionRecommendationInput(organizationIds: [tree.wardA], title: "Bổ sung", responsible: "Bí thư",
                                                                                    dueOn: today.adding(days: 7).iso), as: city) == .created)

            let shown = try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)", headers: ward.api)
            let detail = try shown.content.decode(InspectionAPI.DetailDTO.self)
            #expect(detail.currentStep == .remediation && detail.recommendations.first?.status == .open)
            #expect(detail.units.first?.selfReportDocumentId == fixture.report && detail.units.first?.late == true)
            let list = try await tester.sendRequest(.GET, "/api/v1/inspections?unit=\(tree.wardA)", headers: ward.api).content.decode(PageDTO<InspectionAPI.SummaryDTO>.self)
            #expect(list.items.map(\.id) == [id], "the ward sees the inspection of it")
            let tasks = try await tester.sendRequest(.GET, "/api/v1/follow-ups?unit=\(tree.city)&origin=inspection", headers: city.api)
                .content.decode(PageDTO<FollowUpAPI.TaskDTO>.self)
            #expect(tasks.total == 1 && tasks.items.first?.originId == id)
            let docx = try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)/conclusion/docx", headers: ward.api)
            #expect(docx.status == .ok && docx.headers.contentType?.description.contains("wordprocessingml") == true)
            let text = try DocxText.body(of: Data(buffer: docx.body))
            #expect(text.contains("KẾT LUẬN") && text.contains("Đảng bộ phường Bến Nghé: Học tập nghiêm túc")
                    && text.contains("1. Đảng bộ phường Bến Nghé (Bí thư): Bổ sung, hoàn thành trước ngày \(today.adding(days: 7).vietnamese)."),
                    "the findings and recommendations as recorded")
            #expect(try await tester.sendRequest(.GET, "/api/v1/inspections/\(id)/conclusion/docx", headers: sibling.api).status == .notFound)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["inspection.create", "inspection.plan", "inspection.self-report",
                                                                                      "inspection.session", "inspection.finding", "inspection.conclusion",
                                                                                      "inspection.recommendation"]).count()
            #expect(audited == 7, "each write one audit event; refused ones none")
        }
    }

    @Test("the pages: the list links to the open recommendations; decided from a form (refused as typed); each step's form to the committee only; closure confirmed",
          arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let fixture = try await InspectionFixture.make(on: app)
            let tree = fixture.tree
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()
            let today = InspectionFixture.today
            var form = ["organizationId": "\(tree.city)", "kind": "inspection", "decisionDocumentId": "\(fixture.decision)",
                        "subject": "Lãnh đạo, chỉ đạo việc học tập Nghị quyết XIII", "periodFrom": "01/01/2025", "periodTo": "30/06/2026",
                        "startsOn": today.adding(days: -1).vietnamese, "endsOn": today.adding(days: 10).vietnamese, "selfReportDueOn": today.adding(days: 3).vietnamese,
                        "team": "Trưởng đoàn: Nguyễn Văn Trưởng (phuonga)\nThư ký: Trần Thư Ký"]
            let newPage = try await FeedbackTests.page("/inspections/new?unit=\(tree.city)", as: city, on: tester)
            #expect(newPage.contains(#"name="unitIds[]" value="\#(tree.wardA)""#))
            let refused = try await FeedbackTests.post("/inspections", form, as: city, on: tester)
            #expect(refused.status == .unprocessableEntity)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("Chọn ít nhất một đơn vị được kiểm tra") && refusedPage.contains("Lãnh đạo, chỉ đạo việc học tập Nghị quyết XIII"))
            form["unitIds[]"] = "\(tree.wardA)"
            let landed = try await FeedbackTests.landing(try await FeedbackTests.post("/inspections", form, as: city, on: tester), as: city, on: tester)
            #expect(landed.html.contains("Đã ghi quyết định; bước tiếp theo: gửi kế hoạch, đề cương báo cáo."))
            #expect(landed.html.contains("Trưởng đoàn: </strong>Nguyễn Văn Trưởng"))
            let id = try #require(Int(landed.location.split(separator: "/").last ?? ""))

            let list = try await FeedbackTests.page("/inspections?unit=\(tree.city)", as: city, on: tester)
            #expect(list.contains(#"<a href="/inspections/\#(id)">Lãnh đạo, chỉ đạo việc học tập Nghị quyết XIII</a>"#))
            #expect(list.contains(#"href="/follow-ups?unit=\#(tree.city)&amp;origin=inspection""#))
            let early = try await FeedbackTests.post("/inspections/\(id)/findings", ["organizationId": "\(tree.wardA)", "kind": "strength", "text": "Tốt"],
                                                     as: city, on: tester)
            #expect(early.status == .unprocessableEntity)
            #expect(String(buffer: early.body).contains("Chưa xong các bước trước: “Làm việc với đơn vị”"))
            let planned = try await FeedbackTests.landing(try await FeedbackTests.post("/inspections/\(id)/plan", ["note": "Kế hoạch 12-KH"], as: city, on: tester),
                                                          as: city, on: tester)
            #expect(planned.html.contains("Đã ghi gửi kế hoạch, đề cương báo cáo.") && planned.html.contains("Ghi buổi làm việc"))
            let wardPage = try await FeedbackTests.page("/inspections/\(id)", as: ward, on: tester)
            #expect(wardPage.contains("Lãnh đạo, chỉ đạo việc học tập Nghị quyết XIII") && !wardPage.contains("Ghi buổi làm việc"),
                    "the inspected ward's viewer reads it and records nothing")
            #expect(!wardPage.contains("Đoàn xem hồ sơ đơn vị"), "the reads log is the committee's")
            let confirm = try await FeedbackTests.page("/inspections/\(id)/closure", as: city, on: tester)
            #expect(confirm.contains("Khi xác nhận:"))
            let closed = try await FeedbackTests.post("/inspections/\(id)/closure", [:], as: city, on: tester)
            #expect(closed.status == .unprocessableEntity)
            #expect(String(buffer: closed.body).contains("Chưa xong các bước trước: “Đơn vị tự kiểm tra, báo cáo”, “Làm việc với đơn vị”"))
        }
    }
}

@Suite("Inspections in the demo")
struct InspectionDemoTests {
    @Test("on any day: the city's inspection runs, xem on its team reads the other wards, one recommendation is overdue, a criticism rests on a shortcoming",
          arguments: TestBackend.allCases, [CalendarDate.today(), CalendarDate(year: 2027, month: 1, day: 15)!])
    func demo(_ backend: TestBackend, _ today: CalendarDate) async throws {
        try await withTestApp(backend) { app in
            try await DemoData.prepare(app, database: .sqliteMemory, today: today)
            let inspection = try #require(try await Inspection.query(on: app.db).first())
            let record = try await InspectionRecord.load(inspection, on: app.db)
            #expect(inspection.window.grantsReading(on: today, closed: inspection.closedOn != nil))
            #expect(record.unitNames.values.contains("Đảng bộ phường Gia Định") && record.units.count == 3)
            #expect(Set(record.team.map(\.role)) == Set(InspectionTeamRole.allCases))
            let xem = try #require(try await User.query(on: app.db).filter(\.$username == "xem").first())
            #expect(try await InspectionQueries.lentScopes(to: xem.requireID(), on: today, on: app.db).count == 3)
            #expect(record.recommendations.map { $0.status(today: today) }.filter { $0 == .overdue }.count == 1)
            #expect(Set(record.findings.map(\.kind)) == [.strength, .shortcoming] && record.criticisms.count == 1)
            #expect(record.units.filter { $0.selfReportOn.map { $0 > inspection.selfReportDueOn } ?? true }.count == 2, "one late, one missing")
        }
    }
}

@Suite("Inspection page view")
struct InspectionViewTests {
    /// An inspection as the API sends it, made by hand: concluded, one recommendation overdue, one self-report late.
    static let detail = """
        {"id": 3, "kind": "supervision", "organizationId": 1, "organizationName": "Đảng bộ Thành phố Hồ Chí Minh", "subject": "<b>Việc học tập</b>",
         "decisionDocumentId": 8, "periodFrom": "2025-01-01", "periodTo": "2026-06-30", "startsOn": "2026-11-15", "endsOn": "2026-12-15",
         "selfReportDueOn": "2026-11-21", "planSentOn": "2026-11-15", "conclusionDocumentId": 9, "concludedOn": "2026-11-30", "currentStep": "remediation",
         "steps": [{"step": "plan", "done": true}, {"step": "remediation", "done": false}],
         "team": [{"role": "leader", "name": "Nguyễn Văn Thành"}, {"role": "secretary", "name": "Trần Minh Tâm"}],
         "units": [{"organizationId": 44, "organizationName": "Đảng bộ phường Phú Thọ", "selfReportOn": "2026-11-24", "late": true}],
         "sessions": [], "findings": [{"id": 5, "organizationId": 44, "organizationName": "Đảng bộ phường Phú Thọ", "kind": "shortcoming", "text": "Còn hình thức",
                                       "criticisms": [{"id": 1, "target": "person", "memberId": 12, "name": "Lê Văn An", "text": "Chưa gương mẫu"}]}],
         "recommendations": [{"id": 40, "originKind": "inspection", "originId": 3, "origin": "Kiến nghị", "issuerOrganizationId": 1, "issuerName": "Thành phố",
                              "organizationId": 44, "organizationName": "Đảng bộ phường Phú Thọ", "title": "Khắc phục", "responsible": "Bí thư",
                              "dueOn": "2026-12-01", "state": "open", "status": "overdue", "reportCount": 0}]}
        """

    static func model(mayRecord: Bool) throws -> InspectionShow.Model {
        InspectionShow.Model(inspection: try JSONDecoder().decode(InspectionAPI.DetailDTO.self, from: Data(detail.utf8)),
                             documentTitles: [8: "138-QĐNS/TU — Quyết định", 9: "25-TB/TU — Thông báo kết luận"], documentChoices: [],
                             mayRecord: mayRecord, selfReportUnits: [], reads: mayRecord ? [] : nil, today: CalendarDate(year: 2026, month: 12, day: 5)!)
    }

    @Test("the facts, the team, the late self-report, the criticism under its finding, the overdue task; forms only to who records; text stays text")
    func page() throws {
        let reader = PageViewTests.render(InspectionShow.View(model: try Self.model(mayRecord: false)))
        #expect(reader.contains("Giám sát") && reader.contains("138-QĐNS/TU — Quyết định") && reader.contains("25-TB/TU — Thông báo kết luận"))
        #expect(reader.contains("&lt;b&gt;Việc học tập&lt;/b&gt;") && !reader.contains("<b>Việc học tập"))
        #expect(reader.contains("Trưởng đoàn: </strong>Nguyễn Văn Thành") && reader.contains(#"<span class="badge closed">Chậm</span>"#))
        #expect(reader.contains("Phê bình cá nhân Lê Văn An: </strong>Chưa gương mẫu"))
        #expect(reader.contains(#"<span class="badge closed">Quá hạn</span>"#) && reader.contains(#"href="/follow-ups/40""#))
        #expect(reader.contains(#"href="/follow-ups?unit=1&amp;origin=inspection""#))
        #expect(!reader.contains("<form") && !reader.contains("Đoàn xem hồ sơ đơn vị"))
        let committee = PageViewTests.render(InspectionShow.View(model: try Self.model(mayRecord: true)))
        #expect(committee.contains("Giao kiến nghị") && committee.contains("Kết thúc cuộc kiểm tra…") && committee.contains("Chưa có lượt xem nào."))
    }
}
