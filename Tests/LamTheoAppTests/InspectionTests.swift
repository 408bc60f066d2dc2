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
            let write = try await tester.sendRequest(.PATCH, "/api/v1/organizations/\(tree.cellA1)", headers: inspector.api) {
                try $0.content.encode(["name": "Chi bộ đổi tên"])
            }
            #expect(write.status == .forbidden, "read-only: the grant never writes")
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.city)", headers: inspector.api).status == .notFound,
                    "outside the inspection: the same refusal as anyone out of scope")
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.wardB)", headers: inspector.api).status == .ok)

            let reads = try await InspectionQueries.reads(of: id, on: app.db)
            #expect(reads.count == 4, "each view under the grant, the refused write's read included; none of the inspector's own ward")
            #expect(reads.allSatisfy { $0.userId == inspector.userId && $0.username == "kiemtra" })
            #expect(Set(reads.map(\.organizationId)) == [tree.cellA1, tree.wardA])
            #expect(reads.contains { $0.page == "GET /members?unit=\(tree.wardA)" })
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
