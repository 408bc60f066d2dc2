import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// A campaign at the city of `SmallTree`: every ward issues a plan, every cell holds two sessions.
struct CityCampaign {
    let tree: SmallTree
    let document: Int
    let campaign: Campaign

    static let year = CalendarDate.today().year

    static func make(on app: Application) async throws -> CityCampaign {
        let tree = try await SmallTree.make(on: app)
        let document = try await app.write {
            try await DocumentCommands.register(DocumentInput(symbol: "01-KL/TW", title: "Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW",
                                                              issuedOn: "18/05/2021", organizationId: nil), on: $0)
        }.id!
        let campaign = try await app.write { try await CampaignCommands.launch(launchInput(document: document, unit: tree.city), on: $0) }
        return CityCampaign(tree: tree, document: document, campaign: campaign)
    }

    static func launchInput(document: Int, unit: Int) -> CampaignInput {
        CampaignInput(
            documentId: document, organizationId: unit, startsOn: "01/01/\(year)", endsOn: "31/12/\(year)", topicYear: year,
            reflectionDueOn: "30/11/\(year)",
            requirements: [
                RequirementInput(kind: "plan", unitKinds: ["commune"], dueOn: "01/01/\(year)"),
                RequirementInput(kind: "study_sessions", unitKinds: ["cell"], dueOn: "31/12/\(year)", minimumSessions: 2),
            ])
    }
}

extension Application {
    func obligations(of campaign: Campaign, at unit: Int) async throws -> [Obligation] {
        try await Obligation.query(on: db).filter(\.$campaignId == campaign.requireID()).filter(\.$organizationId == unit).sort(\.$id).all()
    }

    /// A session of `campaign` held by `unit`, with `present` members present: what the study feature
    /// writes, done directly so that these tests see the coverage side alone.
    func recordSession(_ campaign: Campaign, at unit: Int, present: [Int]) async throws {
        _ = try await write { db in
            let organization = try await OrganizationQueries.require(unit, on: db)
            let session = StudySession()
            session.organizationId = unit
            session.organizationPath = organization.path
            session.campaignId = campaign.id
            session.title = "Học tập chuyên đề"
            session.heldOn = campaign.startsOn
            session.format = .inPerson
            session.nonMemberAttendees = 0
            try await session.create(on: db)
            var cells: Set<Int> = [unit]
            for member in present {
                let attendance = Attendance()
                attendance.sessionId = session.id!
                attendance.memberId = member
                attendance.status = .present
                try await attendance.create(on: db)
                cells.insert(try await MemberQueries.require(member, on: db).organizationId)
            }
            try await CampaignFigures.recount(cells, campaign: campaign.id, on: db)
            try await ObligationCommands.settleStudySessions(of: [unit], campaign: campaign.requireID(), on: db)
            return session
        }
    }

    func coverage(_ campaign: Campaign, at unit: Int, _ extent: RollupExtent = .subtree) async throws -> Coverage {
        try await CoverageQueries.coverage(of: campaign, at: self.unit(unit), extent, today: CalendarDate.today(), on: db)
    }
}

@Suite("Campaigns, obligations and coverage")
struct CampaignTests {
    @Test("launching gives every unit of the required kinds its obligation, and nothing else", arguments: TestBackend.allCases)
    func launch(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            for ward in [tree.wardA, tree.wardB] {
                #expect(try await app.obligations(of: setup.campaign, at: ward).count == 1)
            }
            for cell in [tree.cellA1, tree.cellA2, tree.cellB1] {
                #expect(try await app.obligations(of: setup.campaign, at: cell).count == 1)
            }
            #expect(try await app.obligations(of: setup.campaign, at: tree.city).isEmpty, "the launching committee itself has none")
            #expect(try await app.rowCount("obligations") == 5)
            #expect(setup.campaign.grades == CampaignCommands.defaultGradingScale)
        }
    }

    @Test("a launch with bad input names every field at fault and writes nothing", arguments: TestBackend.allCases)
    func refusedLaunch(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let campaigns = try await app.rowCount("campaigns")
            let obligations = try await app.rowCount("obligations")
            let year = CityCampaign.year
            let bad = CampaignInput(
                documentId: 9999, organizationId: setup.tree.wardA, startsOn: "31/12/\(year)", endsOn: "01/01/\(year)", topicYear: year + 5,
                gradingScale: "Đạt",
                requirements: [RequirementInput(kind: "party", unitKinds: ["cell"], dueOn: "01/01/\(year)"),
                               RequirementInput(kind: "plan", unitKinds: ["nowhere"], dueOn: "31/02/\(year)")])
            let error = await domainError { _ = try await app.write { try await CampaignCommands.launch(bad, on: $0) } }
            #expect(Set(error?.fields ?? []) == ["documentId", "endsOn", "gradingScale", "requirements[0].kind", "requirements[1].unitKinds", "requirements[1].dueOn"])
            #expect(error?.fieldErrors.first { $0.field == "endsOn" }?.message.vi.contains("trước ngày bắt đầu") == true)

            let again = await domainError { _ = try await app.write { try await CampaignCommands.launch(CityCampaign.launchInput(document: setup.document, unit: setup.tree.city), on: $0) } }
            #expect(again?.kind == .conflict, "one year's topic per committee")
            #expect(try await app.rowCount("campaigns") == campaigns)
            #expect(try await app.rowCount("obligations") == obligations)
        }
    }

    @Test("a plan is submitted with the unit's own plan, returned with a comment, resubmitted, accepted; the plan implements the document",
          arguments: TestBackend.allCases)
    func planLifecycle(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let obligation = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            let id = obligation.requireID()
            #expect(obligation.status(today: CalendarDate.today()) == .late, "due on 1 January")

            let cityPlan = try await app.write {
                try await DocumentCommands.register(DocumentInput(symbol: "89-KH/TU", title: "Kế hoạch thực hiện Kết luận 01-KL/TW",
                                                                  issuedOn: "01/06/2021", organizationId: setup.tree.city), on: $0)
            }.id!
            let notOwn = await domainError { _ = try await app.write { try await ObligationCommands.submit(id, .init(documentId: cityPlan), on: $0) } }
            #expect(notOwn?.fields == ["documentId"], "the ward submits its own plan, not the city's")
            #expect(try await app.rowCount("obligation_submissions") == 0)

            let wardPlan = try await app.write {
                try await DocumentCommands.register(DocumentInput(symbol: "Số 12 - KH/ĐU", title: "Kế hoạch thực hiện Kết luận 01-KL/TW",
                                                                  issuedOn: "01/06/2021", organizationId: setup.tree.wardA), on: $0)
            }.id!
            _ = try await app.write { try await ObligationCommands.submit(id, .init(documentId: wardPlan, note: "Đã ban hành"), on: $0) }
            let twice = await domainError { _ = try await app.write { try await ObligationCommands.submit(id, .init(documentId: wardPlan), on: $0) } }
            #expect(twice?.fields == ["id"])

            let noComment = await domainError { _ = try await app.write { try await ObligationCommands.review(id, .init(outcome: "returned"), on: $0) } }
            #expect(noComment?.fields == ["comment"])
            _ = try await app.write { try await ObligationCommands.review(id, .init(outcome: "returned", comment: "Bổ sung chỉ tiêu cụ thể"), on: $0) }
            #expect(try await Obligation.find(id, on: app.db)?.status(today: CalendarDate.today()) == .returned)
            _ = try await app.write { try await ObligationCommands.submit(id, .init(documentId: wardPlan, note: "Đã bổ sung"), on: $0) }
            let accepted = try await app.write { try await ObligationCommands.review(id, .init(outcome: "accepted"), on: $0) }
            #expect(accepted.state == .accepted)
            #expect(accepted.submissionCount == 2)
            let submissions = try await CampaignQueries.submissions(of: accepted, on: app.db)
            #expect(submissions.map(\.number) == [1, 2])
            #expect(submissions.map(\.outcome) == [.returned, .accepted])

            let implements = try await app.db.sql.raw("""
                SELECT COUNT(*) AS n FROM document_relations WHERE from_document_id = \(bind: wardPlan) AND to_document_id = \(bind: setup.document)
                """).first()!.decode(column: "n", as: Int.self)
            #expect(implements == 1, "submitted twice, related once")
        }
    }

    @Test("the SQL status of an obligation is the Swift one, for every state and date around today", arguments: TestBackend.allCases)
    func statusInSQL(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let today = CalendarDate.today()
            let obligation = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            for state in ObligationState.allCases {
                for due in [-8, -1, 0, 1, 7, 8, 30] {
                    for extensionDays in [nil, -2, 3] as [Int?] {
                        obligation.state = state
                        obligation.dueOn = today.adding(days: due)
                        obligation.extendedUntil = extensionDays.map { today.adding(days: due + $0) }
                        try await obligation.save(on: app.db)
                        let row = try await app.db.sql.raw("""
                            SELECT \(CampaignQueries.obligationStatusCase(today: today)) AS status FROM obligations WHERE id = \(bind: obligation.requireID())
                            """).first()
                        #expect(try row?.decode(column: "status", as: String.self) == obligation.status(today: today).rawValue,
                                "\(state) due \(due) extension \(String(describing: extensionDays))")
                    }
                }
            }
        }
    }

    @Test("an extension is per unit, needs a reason and a later date, and makes a late obligation current again", arguments: TestBackend.allCases)
    func extensions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let obligation = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardB).first)
            let refused = await domainError {
                _ = try await app.write { try await ObligationCommands.extend(obligation.requireID(), .init(until: "01/01/2000", reason: ""), on: $0) }
            }
            #expect(Set(refused?.fields ?? []) == ["until", "reason"])
            let until = CalendarDate.today().adding(days: 20)
            let extended = try await app.write {
                try await ObligationCommands.extend(obligation.requireID(), .init(until: until.iso, reason: "Đại hội chi bộ"), on: $0)
            }
            if until.year == CityCampaign.year {
                #expect(extended.status(today: CalendarDate.today()) == .extended)
            }
            let other = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            #expect(other.extendedUntil == nil)
        }
    }

    @Test("units created, merged, moved out and back keep obligations in step with the tree", arguments: TestBackend.allCases)
    func treeChanges(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let newCell = try await app.createUnit("Chi bộ Khu phố 4", code: "PA-4", kind: .cell, parent: tree.wardA)
            #expect(try await app.obligations(of: setup.campaign, at: newCell).map(\.state) == [.open], "a unit created later receives its share")

            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellA1, effectiveOn: nil, on: $0) }
            let handedOver = try #require(try await app.obligations(of: setup.campaign, at: tree.cellA2).first)
            #expect(handedOver.state == .handedOver)
            #expect(handedOver.handedOverToId == tree.cellA1)

            let outside = try await app.createUnit("Đảng bộ tỉnh Bình Dương", code: "BD", kind: .province, parent: nil)
            _ = try await app.write { try await OrganizationCommands.move(tree.wardB, under: outside, effectiveOn: nil, on: $0) }
            #expect(try await app.obligations(of: setup.campaign, at: tree.cellB1).map(\.state) == [.withdrawn])
            #expect(try await app.obligations(of: setup.campaign, at: tree.cellB1).first?.organizationPath.hasPrefix(try await app.unit(outside).path) == true,
                    "paths follow the move")
            _ = try await app.write { try await OrganizationCommands.move(tree.wardB, under: tree.city, effectiveOn: nil, on: $0) }
            #expect(try await app.obligations(of: setup.campaign, at: tree.cellB1).map(\.state) == [.open])
            #expect(try await app.obligations(of: setup.campaign, at: tree.wardB).count == 1, "not duplicated on the way back")

            let tally = try await app.coverage(setup.campaign, at: tree.city).obligations
            #expect(tally.total == 5, "two wards and three cells in force; the merged cell's is not counted")
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("coverage reads “not reported” until a unit reports, then counts members where they are now", arguments: TestBackend.allCases)
    func coverage(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            var cellA1Members: [Int] = []
            for index in 1...4 { cellA1Members.append(try await app.createMember("Nguyễn Văn A\(index)", card: "A1\(index)", in: tree.cellA1)) }
            let a1 = cellA1Members
            let a2 = try await app.createMember("Trần Thị Bình", card: "A21", in: tree.cellA2)
            try await app.createMember("Lê Văn Cường", card: "B11", in: tree.cellB1)

            let before = try await app.coverage(setup.campaign, at: tree.city)
            #expect(before.members == 6)
            #expect(!before.studied.isReported)
            #expect(before.studied.text(.vi) == "chưa báo cáo")

            try await app.recordSession(setup.campaign, at: tree.cellA1, present: Array(a1.prefix(3)))
            let city = try await app.coverage(setup.campaign, at: tree.city)
            #expect(city.studied == CoverageFigure(count: 3, total: 6))
            #expect(city.reportingUnits == 1)
            #expect(city.unitsWithMembers == 3)
            #expect(try await app.coverage(setup.campaign, at: tree.wardB).studied.isReported == false, "ward B has not reported")
            #expect(try await app.coverage(setup.campaign, at: tree.cellA1, .own).studied == CoverageFigure(count: 3, total: 4))

            // A member who studied in A1 and moves to B1 counts once, in B1.
            _ = try await app.write { try await MemberCommands.transfer(a1[0], to: tree.cellB1, on: nil, reason: nil, db: $0) }
            #expect(try await app.coverage(setup.campaign, at: tree.cellA1, .own).studied == CoverageFigure(count: 2, total: 3))
            #expect(try await app.coverage(setup.campaign, at: tree.wardB).studied == CoverageFigure(count: 1, total: 2))
            #expect(try await app.coverage(setup.campaign, at: tree.city).studied == CoverageFigure(count: 3, total: 6))
            // A member who attended two sessions counts once.
            try await app.recordSession(setup.campaign, at: tree.cellA1, present: [a1[1], a2])
            #expect(try await app.coverage(setup.campaign, at: tree.city).studied == CoverageFigure(count: 4, total: 6))
            #expect(try await app.obligations(of: setup.campaign, at: tree.cellA1).map(\.state) == [.accepted], "two sessions held")

            let children = try await CoverageQueries.children(of: try await app.unit(tree.city), in: setup.campaign, today: CalendarDate.today(), on: app.db)
            let lagging = LaggingOrder.studied.sorted(children)
            #expect(lagging.map(\.organization.id) == [tree.wardB, tree.wardA], "ward B (1 of 2) is behind ward A (3 of 4)")

            let notStudied = try await CoverageQueries.members(.notStudied, of: setup.campaign, within: try await app.unit(tree.city),
                                                               total: 2, page: 1, perPage: 50, on: app.db)
            #expect(notStudied.items.map(\.cardNumber).sorted() == ["A14", "B11"])
            #expect(try await app.storedCountsMatchMembers())
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("the upgrade to stored subtree figures fills them from a running campaign's rows: the same coverage as before",
          arguments: TestBackend.allCases)
    func upgrade(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let a1 = try await app.createMember("Nguyễn Văn An", card: "U1", in: tree.cellA1)
            try await app.createMember("Trần Thị Bình", card: "U2", in: tree.cellA1)
            try await app.createMember("Lê Văn Cường", card: "U3", in: tree.cellB1)
            try await app.recordSession(setup.campaign, at: tree.cellA1, present: [a1])
            let before = try await app.coverage(setup.campaign, at: tree.city)
            #expect(before.members == 3 && before.studied == CoverageFigure(count: 1, total: 3))

            // On one connection, as the migrator runs them (another SQLite connection may hold the schema it read).
            try await app.db.transaction { db in
                try await StoreSubtreeCoverage().revert(on: db)
                try await StoreSubtreeCoverage().prepare(on: db)
            }
            let after = try await app.coverage(setup.campaign, at: tree.city)
            #expect(after.members == before.members)
            #expect(after.studied == before.studied)
            #expect(after.unitsWithMembers == before.unitsWithMembers && after.reportingUnits == before.reportingUnits)
            #expect(after.sessionsHeld == before.sessionsHeld)
            #expect(after.obligations.counts == before.obligations.counts)
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("recounts running at the same time in the same cell and in cells of other wards leave the right figures at every level",
          arguments: TestBackend.allCases)
    func concurrentRecounts(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            var members: [(cell: Int, member: Int)] = []
            for (index, cell) in [tree.cellA1, tree.cellA1, tree.cellA1, tree.cellA1, tree.cellA2, tree.cellA2, tree.cellB1, tree.cellB1].enumerated() {
                members.append((cell, try await app.createMember("Phạm Văn \(index)", card: "C\(index)", in: cell)))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (cell, member) in members {
                    group.addTask { try await app.recordSession(setup.campaign, at: cell, present: [member]) }
                }
                try await group.waitForAll()
            }
            #expect(try await app.coverage(setup.campaign, at: tree.cellA1, .own).studied == CoverageFigure(count: 4, total: 4))
            #expect(try await app.coverage(setup.campaign, at: tree.city).studied == CoverageFigure(count: 8, total: 8))
            #expect(try await app.coverage(setup.campaign, at: tree.city).sessionsHeld == 8)
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("the API launches, lists obligations by status and answers coverage in the caller's scope only", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let admin = try await app.admin()
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()
            let id = setup.campaign.requireID()

            let refused = try await tester.sendRequest(.POST, "/api/v1/campaigns", headers: admin.api.adding("Accept-Language", "en")) {
                try $0.content.encode(CampaignInput(documentId: setup.document, organizationId: tree.wardA, startsOn: "01/01/2026", endsOn: "31/13/2026"))
            }
            #expect(refused.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: refused.body))
            #expect(problem.errors?.map(\.field) == ["endsOn"])
            #expect(problem.errors?.first?.detail.contains("not a valid date") == true)

            let late = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(id)/obligations?status=late", headers: admin.api)
            #expect(late.status == .ok)
            #expect(try late.content.decode(PageDTO<CampaignAPI.ObligationDTO>.self).total == 2, "both wards' plans were due on 1 January")

            let list = try await tester.sendRequest(.GET, "/api/v1/campaigns", headers: wardA.api)
            #expect(try list.content.decode(PageDTO<CampaignAPI.CampaignDTO>.self).items.map(\.id) == [id], "the city's campaign reaches the ward")
            let own = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(id)/coverage", headers: wardA.api)
            #expect(own.status == .ok)
            let report = try own.content.decode(CoverageAPI.ReportDTO.self)
            #expect(report.organizationId == tree.wardA, "the ward officer starts at their own ward")
            #expect(report.subtree.studied.count == nil)
            #expect(report.subtree.studied.text == "chưa báo cáo")
            #expect(report.children.count == 2)
            let sibling = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(id)/coverage?unit=\(tree.wardB)", headers: wardA.api)
            #expect(sibling.status == .notFound)
            let members = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(id)/coverage/members?list=not-studied", headers: wardA.api)
            #expect(members.status == .ok)
            let obligation = try #require(try await app.obligations(of: setup.campaign, at: tree.wardA).first)
            let review = try await tester.sendRequest(.POST, "/api/v1/obligations/\(obligation.requireID())/review", headers: wardA.api) {
                try $0.content.encode(ObligationReviewInput(outcome: "accepted"))
            }
            #expect(review.status == .forbidden, "a ward does not review its own plan")
        }
    }

    @Test("campaign pages render: list, launch form, coverage with drill-down, members behind a figure, an obligation", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let id = setup.campaign.requireID()
            let obligation = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            for path in ["/campaigns", "/campaigns/new?unit=\(setup.tree.city)", "/campaigns/\(id)", "/campaigns/\(id)?unit=\(setup.tree.wardA)&sort=days-late",
                         "/campaigns/\(id)/members?unit=\(setup.tree.city)&list=not-studied", "/campaigns/\(id)/obligations?status=late",
                         "/obligations/\(obligation.requireID())"] {
                let response = try await tester.sendRequest(.GET, path, headers: admin.web)
                #expect(response.status == .ok, "GET \(path)")
            }
            let page = String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(id)", headers: admin.web).body)
            #expect(page.contains("chưa báo cáo"))
            #expect(page.contains("Trễ hạn"))

            let launched = try await tester.sendRequest(.POST, "/campaigns/new", headers: admin.web) {
                try $0.content.encode(admin.form(["documentId": "\(setup.document)", "organizationId": "\(setup.tree.wardB)",
                                                   "startsOn": "01/01/2026", "endsOn": "31/12/2026", "reportWanted": "on",
                                                   "reportKinds[]": "cell", "reportDueOn": "30/06/2026"]), as: .urlEncodedForm)
            }
            #expect(launched.status == .seeOther)
            #expect(try await app.rowCount("campaigns") == 2)
        }
    }
}
