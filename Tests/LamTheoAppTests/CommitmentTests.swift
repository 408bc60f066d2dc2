import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// The city topic of `CityCampaign` with two members in cell A1, one in A2 and one in B1.
struct CommitmentSetup {
    let city: CityCampaign
    let an: Int
    let binh: Int
    let chi: Int
    let dung: Int
    var tree: SmallTree { city.tree }
    static var year: Int { CityCampaign.year }

    static func make(on app: Application) async throws -> CommitmentSetup {
        let city = try await CityCampaign.make(on: app)
        return CommitmentSetup(
            city: city,
            an: try await app.createMember("Nguyễn Văn An", card: "A1-1", in: city.tree.cellA1),
            binh: try await app.createMember("Trần Thị Bình", card: "A1-2", in: city.tree.cellA1),
            chi: try await app.createMember("Lê Văn Chí", card: "A2-1", in: city.tree.cellA2),
            dung: try await app.createMember("Phạm Văn Dũng", card: "B1-1", in: city.tree.cellB1))
    }

    func input(_ member: Int, title: String = "Vận động hộ gia đình phân loại rác tại nguồn") -> CommitmentInput {
        CommitmentInput(memberId: member, year: Self.year, campaignId: city.campaign.id, title: title, measure: "20 hộ", dueOn: "30/11/\(Self.year)")
    }
}

extension Application {
    func register(_ input: CommitmentInput) async throws -> Commitment {
        try await write { try await CommitmentCommands.register(input, on: $0) }
    }

    func commitmentCoverage(at unit: Int, year: Int = CommitmentSetup.year, _ extent: RollupExtent = .subtree) async throws -> CommitmentCoverage {
        try await CommitmentQueries.coverage(year: year, at: self.unit(unit), extent, on: db)
    }

    /// Closes a year for a unit's subtree, as the ratings feature does.
    func closeYear(_ year: Int, at unit: Int) async throws {
        let organization = try await self.unit(unit)
        _ = try await write { db in
            let closure = PeriodClosure()
            closure.periodId = try await RatingPeriods.year(year, on: db).requireID()
            closure.organizationId = unit
            closure.organizationPath = organization.path
            closure.closedOn = CalendarDate.today()
            try await closure.create(on: db)
            return closure
        }
    }
}

@Suite("Commitments")
struct CommitmentTests {
    @Test("registration with a template's pre-fill, a check-in, a self-assessment and the cell's assessment", arguments: TestBackend.allCases)
    func lifecycle(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let template = try await app.write {
                try await CommitmentCommands.addTemplate(TemplateInput(campaignId: setup.city.campaign.id, title: "Giúp đỡ một hộ nghèo", measure: "1 hộ thoát nghèo"), on: $0)
            }
            let admin = try await app.admin()
            let member = try await app.caller("an.nguyen", .member, member: setup.an)
            let tester = try app.testing()
            let form = String(buffer: try await tester.sendRequest(.GET, "/commitments/new?template=\(template.id!)", headers: member.web).body)
            #expect(form.contains(#"value="Giúp đỡ một hộ nghèo""#), "the template pre-fills the form")
            #expect(form.contains(#"value="1 hộ thoát nghèo""#))
            #expect(form.contains(setup.city.campaign.title), "the topic is offered")

            let created = try await tester.sendRequest(.POST, "/commitments", headers: member.web) {
                try $0.content.encode(member.form(["memberId": "\(setup.an)", "year": "\(CommitmentSetup.year)", "campaignId": "\(setup.city.campaign.id!)",
                                                   "title": "Giúp đỡ một hộ nghèo", "measure": "1 hộ thoát nghèo", "dueOn": "30/11/\(CommitmentSetup.year)"]),
                                       as: .urlEncodedForm)
            }
            #expect(created.status == .seeOther)
            let commitment = try #require(try await Commitment.query(on: app.db).first())
            #expect(commitment.campaignId == setup.city.campaign.id)
            #expect(commitment.periodId == (try await RatingPeriods.year(CommitmentSetup.year, on: app.db)).id)

            _ = try await app.write { try await CommitmentCommands.checkIn(commitment.requireID(), CommitmentCheckInInput(note: "Đã hỗ trợ vốn", progress: 50), store: app.documentFiles, on: $0) }
            let badProgress = await domainError {
                _ = try await app.write { try await CommitmentCommands.checkIn(commitment.requireID(), CommitmentCheckInInput(note: "", progress: 150), store: app.documentFiles, on: $0) }
            }
            #expect(Set(badProgress?.fields ?? []) == ["note", "progress"])
            #expect(try await app.rowCount("commitment_check_ins") == 1)

            let noExplanation = await domainError {
                _ = try await app.write { try await CommitmentCommands.selfAssess(commitment.requireID(), AssessmentInput(result: "achieved"), on: $0) }
            }
            #expect(noExplanation?.fields == ["note"])
            _ = try await app.write { try await CommitmentCommands.selfAssess(commitment.requireID(), AssessmentInput(result: "achieved", note: "Hộ đã thoát nghèo"), on: $0) }
            #expect(try await app.commitmentCoverage(at: setup.tree.cellA1, .own).achieved.count == 0)
            let assessed = try await tester.sendRequest(.POST, "/api/v1/commitments/\(commitment.requireID())/assessment", headers: admin.api) {
                try $0.content.encode(AssessmentInput(result: "achieved", note: "Đúng như báo cáo"))
            }
            #expect(assessed.status == .ok)
            let own = try await app.commitmentCoverage(at: setup.tree.cellA1, .own)
            #expect(own.achieved == CoverageFigure(count: 1, total: 1))
            #expect(own.assessed == CoverageFigure(count: 1, total: 1))
            // The lists behind the figures: their totals are the stored figures, their rows the same.
            for unit in [setup.tree.cellA1, setup.tree.city] {
                for (list, expected) in [(CommitmentList.registered, 1), (.achieved, 1), (.notAchieved, 0), (.unassessed, 0)] {
                    let page = try await CommitmentQueries.commitments(list, year: commitment.year, within: try await app.unit(unit), page: 1, perPage: 50, on: app.db)
                    #expect(page.total == expected && page.items.count == expected, "\(list) in \(unit)")
                }
            }
            let changed = await domainError {
                _ = try await app.write { try await CommitmentCommands.update(commitment.requireID(), setup.input(setup.an), on: $0) }
            }
            #expect(changed?.fields == ["title"], "an assessed commitment is not changed any more")
        }
    }

    @Test("members not registered, past a thousand: the roll less the stored registered, pages in name order whichever way SQLite reads them",
          arguments: TestBackend.allCases)
    func manyNotRegistered(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let rows = [SpreadsheetTests.memberHeader] + (1 ... 1_100).map {
                ["4\(100_000 + $0)", "Nguyễn Văn \(["An", "Bình", "Ánh", "Ân", "Chí"][$0 % 5]) \($0 % 37)", "Nam", "", "", "", $0.isMultiple(of: 3) ? "PB-1" : "PA-2", ""]
            }
            let table = try await SpreadsheetTable.read(CSVFile.write(rows), sheet: nil)
            let columns = try ColumnMap(kind: .members, header: table.rows[0])
            let imported = try await MemberImport.run(table, columns: columns, report: ImportReport(kind: .members, fileName: "many.csv", table: table, columns: columns),
                                                      dryRun: false, actor: nil, origin: .commandLine(user: "test"), app: app) { _, _ in }
            #expect(imported.applied)
            _ = try await app.register(setup.input(setup.an))
            _ = try await app.register(setup.input(setup.chi))

            let registered: Set<Int> = [setup.an, setup.chi]
            let everyone = try await Member.query(on: app.db).all().filter { $0.status.isOnRoll && !registered.contains($0.id!) }
                .sorted { ($0.nameSort, $0.id!) < ($1.nameSort, $1.id!) }
            for (unitId, pages) in [(setup.tree.city, [1, 2, 22]), (setup.tree.wardB, [1, 8])] {
                let unit = try await app.unit(unitId)
                let expected = everyone.filter { $0.organizationPath >= unit.path && $0.organizationPath < unit.treePath.upperBound }.map(\.id!)
                for page in pages {
                    let found = try await CommitmentQueries.unregistered(year: CommitmentSetup.year, within: unit, page: page, perPage: 50, on: app.db)
                    #expect(found.total == expected.count, "\(unit.name): the roll less the registered")
                    #expect(found.items.map(\.id!) == Array(expected[min((page - 1) * 50, expected.count) ..< min(page * 50, expected.count)]),
                            "\(unit.name), page \(page)")
                }
            }
        }
    }

    @Test("cell-mates read each other's commitments; other cells do not", arguments: TestBackend.allCases)
    func cellMates(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let anCommitment = try await app.register(setup.input(setup.an))
            let chiCommitment = try await app.register(setup.input(setup.chi, title: "Tham gia tổ tự quản"))
            let binh = try await app.caller("binh", .member, member: setup.binh)
            let tester = try app.testing()

            #expect(try await tester.sendRequest(.GET, "/api/v1/commitments/\(anCommitment.requireID())", headers: binh.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/commitments/\(chiCommitment.requireID())", headers: binh.api).status == .notFound)
            let list = try await tester.sendRequest(.GET, "/api/v1/commitments", headers: binh.api)
            #expect(list.status == .ok)
            let page = try JSONDecoder().decode(PageBody.self, from: Data(buffer: list.body))
            #expect(page.items.map(\.memberId) == [setup.an])
            #expect(try await tester.sendRequest(.GET, "/api/v1/commitments?unit=\(setup.tree.cellA2)", headers: binh.api).status == .notFound)

            let html = String(buffer: try await tester.sendRequest(.GET, "/commitments", headers: binh.web).body)
            #expect(html.contains("Vận động hộ gia đình phân loại rác"))
            #expect(!html.contains("Tham gia tổ tự quản"))
            #expect(try await tester.sendRequest(.GET, "/commitments/\(chiCommitment.requireID())", headers: binh.web).status == .notFound)
        }
    }

    struct PageBody: Decodable {
        struct Item: Decodable {
            let memberId: Int
            let leaderTitle: String?
        }
        let items: [Item]
        let total: Int
    }

    @Test("a member registers and self-assesses only their own: another member's id is refused and nothing is written", arguments: TestBackend.allCases)
    func someoneElse(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let anCommitment = try await app.register(setup.input(setup.an))
            let binh = try await app.caller("binh", .member, member: setup.binh)
            let tester = try app.testing()
            let before = try await app.rowCount("audit_events")

            let assess = try await tester.sendRequest(.POST, "/api/v1/commitments/\(anCommitment.requireID())/self-assessment", headers: binh.api) {
                try $0.content.encode(AssessmentInput(result: "achieved", note: "Tốt"))
            }
            #expect(assess.status == .forbidden)
            #expect(String(buffer: assess.body).contains("của chính mình"))
            let english = try await tester.sendRequest(.POST, "/api/v1/commitments?lang=en", headers: binh.api) {
                try $0.content.encode(setup.input(setup.an))
            }
            #expect(english.status == .forbidden)
            #expect(english.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(String(buffer: english.body).contains("only your own commitments"))
            let cellAssessment = try await tester.sendRequest(.POST, "/api/v1/commitments/\(anCommitment.requireID())/assessment", headers: binh.api) {
                try $0.content.encode(AssessmentInput(result: "achieved"))
            }
            #expect(cellAssessment.status == .forbidden, "members do not assess")

            #expect(try await Commitment.find(anCommitment.id, on: app.db)?.selfResult == nil)
            #expect(try await app.rowCount("commitments") == 1)
            #expect(try await app.rowCount("audit_events") == before)
        }
    }

    @Test("nothing is written in a year closed for the member's unit", arguments: TestBackend.allCases)
    func closedYear(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let commitment = try await app.register(setup.input(setup.an))
            try await app.closeYear(CommitmentSetup.year, at: setup.tree.wardA)
            let checkIns = try await app.rowCount("commitment_check_ins")

            let checkIn = await domainError {
                _ = try await app.write { try await CommitmentCommands.checkIn(commitment.requireID(), CommitmentCheckInInput(note: "Tiếp tục"), store: app.documentFiles, on: $0) }
            }
            #expect(checkIn?.kind == .conflict)
            #expect(checkIn?.title.vi.contains("đã khóa sổ") == true)
            let register = await domainError { _ = try await app.register(setup.input(setup.binh)) }
            #expect(register?.kind == .conflict)
            #expect(try await app.rowCount("commitment_check_ins") == checkIns)
            #expect(try await app.rowCount("commitments") == 1)

            let member = try await app.caller("an.nguyen", .member, member: setup.an)
            let api = try await app.testing().sendRequest(.POST, "/api/v1/commitments/\(commitment.requireID())/check-ins?lang=en", headers: member.api) {
                try $0.content.encode(CommitmentCheckInInput(note: "Tiếp tục"))
            }
            #expect(api.status == .conflict)
            #expect(String(buffer: api.body).contains("is closed for this unit"))
            _ = try await app.register(setup.input(setup.dung))  // another ward's year is still open
        }
    }

    @Test("figures roll up the tree, say “chưa báo cáo” where nothing is reported, and follow a member's transfer", arguments: TestBackend.allCases)
    func figures(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            #expect(try await app.commitmentCoverage(at: setup.tree.city).registered.isReported == false)
            _ = try await app.register(setup.input(setup.an))
            _ = try await app.register(setup.input(setup.an, title: "Tham gia tổ tự quản"))
            _ = try await app.register(setup.input(setup.chi))

            let city = try await app.commitmentCoverage(at: setup.tree.city)
            #expect(city.registered == CoverageFigure(count: 2, total: 4))
            #expect(city.commitments == 3)
            #expect(try await app.commitmentCoverage(at: setup.tree.wardA).registered == CoverageFigure(count: 2, total: 3))
            #expect(try await app.commitmentCoverage(at: setup.tree.wardB).registered.text(.vi) == "chưa báo cáo")
            let children = try await CommitmentQueries.children(of: app.unit(setup.tree.city), year: CommitmentSetup.year, on: app.db)
            #expect(children.map(\.organization.id) == [setup.tree.wardB, setup.tree.wardA], "the ward that reported nothing first")

            _ = try await app.write { try await MemberCommands.transfer(setup.an, to: setup.tree.cellB1, on: nil, reason: "Chuyển nơi cư trú", db: $0) }
            #expect(try await app.commitmentCoverage(at: setup.tree.wardA).registered == CoverageFigure(count: 1, total: 2))
            #expect(try await app.commitmentCoverage(at: setup.tree.wardB).registered == CoverageFigure(count: 1, total: 2))
            #expect(try await app.commitmentCoverage(at: setup.tree.cellB1, .own).commitments == 2)
            #expect(try await app.commitmentCoverage(at: setup.tree.city).registered == CoverageFigure(count: 2, total: 4))

            _ = try await app.write { try await OrganizationCommands.merge(setup.tree.cellA2, into: setup.tree.cellA1, effectiveOn: nil, on: $0) }
            #expect(try await app.commitmentCoverage(at: setup.tree.cellA1, .own).registered == CoverageFigure(count: 1, total: 2))
            #expect(try await app.commitmentCoverage(at: setup.tree.city).registered == CoverageFigure(count: 2, total: 4))
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("a leader's commitments are flagged and listed first; the secretary reminds who has not registered", arguments: TestBackend.allCases)
    func leadersAndReminders(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            _ = try await app.write { try await MemberCommands.addPosition(to: setup.binh, title: "Bí thư Chi bộ", startedOn: nil, db: $0) }
            _ = try await app.register(setup.input(setup.an))
            _ = try await app.register(setup.input(setup.binh, title: "Gương mẫu đi đầu"))
            let secretary = try await app.caller("secretary", .secretary, scope: setup.tree.cellA1)
            let tester = try app.testing()

            let list = try JSONDecoder().decode(PageBody.self, from: Data(buffer: try await tester.sendRequest(
                .GET, "/api/v1/commitments?unit=\(setup.tree.cellA1)", headers: secretary.api).body))
            #expect(list.items.first { $0.memberId == setup.binh }?.leaderTitle == "Bí thư Chi bộ")
            #expect(list.items.first { $0.memberId == setup.an }?.leaderTitle == nil)
            let page = String(buffer: try await tester.sendRequest(.GET, "/commitments?unit=\(setup.tree.cellA1)", headers: secretary.web).body)
            #expect(page.contains("Trách nhiệm nêu gương"))
            #expect(page.contains("Nêu gương: Bí thư Chi bộ"))

            let third = try await app.createMember("Võ Thị Hoa", card: "A1-3", in: setup.tree.cellA1)
            let reminded = try await tester.sendRequest(.POST, "/api/v1/commitments/reminders", headers: secretary.api) {
                try $0.content.encode(CommitmentAPI.ReminderBody(memberId: third, year: CommitmentSetup.year))
            }
            #expect(reminded.status == .created)
            let again = try await tester.sendRequest(.POST, "/api/v1/commitments/reminders", headers: secretary.api) {
                try $0.content.encode(CommitmentAPI.ReminderBody(memberId: setup.an, year: CommitmentSetup.year))
            }
            #expect(again.status == .unprocessableEntity, "An has registered")
            #expect(try await app.rowCount("commitment_reminders") == 1)
            let elsewhere = try await tester.sendRequest(.POST, "/api/v1/commitments/reminders", headers: secretary.api) {
                try $0.content.encode(CommitmentAPI.ReminderBody(memberId: setup.dung, year: CommitmentSetup.year))
            }
            #expect(elsewhere.status == .forbidden)

            let hoa = try await app.caller("hoa", .member, member: third)
            let me = try await tester.sendRequest(.GET, "/me", headers: hoa.web)
            #expect(me.status == .ok)
            let html = String(buffer: me.body)
            #expect(html.contains("secretary nhắc bạn đăng ký làm theo năm \(CommitmentSetup.year)"))
            #expect(html.contains("Cam kết tu dưỡng, rèn luyện"))
        }
    }

    @Test("a check-in carries a PDF as evidence, downloaded by cell-mates; a file of another kind is refused and nothing is written",
          arguments: TestBackend.allCases)
    func evidence(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let commitment = try await app.register(setup.input(setup.an))
            let an = try await app.caller("an.nguyen", .member, member: setup.an)
            let binh = try await app.caller("binh", .member, member: setup.binh)
            let chi = try await app.caller("chi.le", .member, member: setup.chi)
            let tester = try app.testing()
            let path = "/api/v1/commitments/\(commitment.requireID())/check-ins"

            let refused = try await tester.sendRequest(.POST, path, headers: an.api) {
                try $0.content.encode(CommitmentCheckInInput(note: "Ảnh chụp", evidence: File(data: "MZ\u{90}program", filename: "minh-chung.pdf")))
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("PDF"))
            #expect(try await app.rowCount("commitment_check_ins") == 0)

            let saved = try await tester.sendRequest(.POST, path, headers: an.api) {
                try $0.content.encode(CommitmentCheckInInput(note: "Biên bản họp tổ", progress: 40, evidence: File(data: "%PDF-1.4 biên bản", filename: "Biên bản.pdf")))
            }
            #expect(saved.status == .created)
            let checkIn = try #require(try await CommitmentCheckIn.query(on: app.db).first())
            #expect(checkIn.evidenceName == "Biên bản.pdf")
            let download = try await tester.sendRequest(.GET, "\(path)/\(checkIn.id!)/evidence", headers: binh.api)
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.description == "application/pdf")
            #expect(String(buffer: download.body) == "%PDF-1.4 biên bản")
            #expect(try await tester.sendRequest(.GET, "\(path)/\(checkIn.id!)/evidence", headers: chi.api).status == .notFound, "another cell")
            let page = String(buffer: try await tester.sendRequest(.GET, "/commitments/\(commitment.requireID())", headers: an.web).body)
            #expect(page.contains("/commitments/\(commitment.requireID())/check-ins/\(checkIn.id!)/evidence"))
            #expect(page.contains(#"enctype="multipart/form-data""#))
        }
    }

    @Test("the year page, the rows behind a figure, a commitment and /me render", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let commitment = try await app.register(setup.input(setup.an))
            _ = try await app.write { try await CommitmentCommands.checkIn(commitment.requireID(), CommitmentCheckInInput(note: "Đã vận động 8 hộ", value: "8/20 hộ"), store: app.documentFiles, on: $0) }
            let admin = try await app.admin()
            let member = try await app.caller("an.nguyen", .member, member: setup.an)
            let tester = try app.testing()
            let year = CommitmentSetup.year

            let city = String(buffer: try await tester.sendRequest(.GET, "/commitments?unit=\(setup.tree.city)&year=\(year)", headers: admin.web).body)
            #expect(city.contains("1/4 đảng viên (25%)"), "a share says what it counts")
            #expect(city.contains("chưa báo cáo"), "ward B has reported nothing")
            #expect(city.contains("/commitments/rows?unit=\(setup.tree.city)&amp;year=\(year)&amp;list=not-registered"), "an ampersand in a link is written as &amp;")
            for path in ["/commitments/rows?unit=\(setup.tree.city)&year=\(year)&list=not-registered",
                         "/commitments/rows?unit=\(setup.tree.city)&year=\(year)&list=registered",
                         "/commitments/\(commitment.requireID())", "/commitments/new?member=\(setup.binh)&year=\(year)", "/commitments?lang=en"] {
                #expect(try await tester.sendRequest(.GET, path, headers: admin.web).status == .ok, "\(path)")
            }
            let rows = String(buffer: try await tester.sendRequest(.GET, "/commitments/rows?unit=\(setup.tree.city)&year=\(year)&list=not-registered", headers: admin.web).body)
            #expect(rows.contains("Trần Thị Bình"))
            #expect(!rows.contains("Nguyễn Văn An"))

            let me = String(buffer: try await tester.sendRequest(.GET, "/me", headers: member.web).body)
            #expect(me.contains("Vận động hộ gia đình phân loại rác tại nguồn"))
            #expect(me.contains("Đã vận động 8 hộ · 8/20 hộ"))

            let refused = try await tester.sendRequest(.POST, "/commitments/\(commitment.requireID())/check-ins", headers: member.web) {
                try $0.content.encode(member.form(["note": "", "progress": "101"]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("Tỷ lệ hoàn thành phải từ 0 đến 100"))
        }
    }
}
