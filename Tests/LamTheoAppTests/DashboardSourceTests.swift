import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// Each feature's dashboard section equals the feature's own API figures for the same unit: both read the same
/// stored roll-ups.
@Suite("Dashboard sources")
struct DashboardSourceTests {
    /// A second origin of tasks beside `FollowUpFixture.origin`, to see them counted apart.
    static let inspection = FollowUpOrigin(kind: "test-inspection", name: LocalizedText(vi: "Kiến nghị sau kiểm tra (thử)", en: "Inspection recommendation (test)"),
                                           link: { "/inspections/\($0)" })

    private func dashboard(_ app: Application, unit: Int, headers: HTTPHeaders) async throws -> DashboardAPI.DashboardDTO {
        let answer = try await app.testing().sendRequest(.GET, "/api/v1/dashboard?unit=\(unit)", headers: headers)
        #expect(answer.status == .ok)
        return try answer.content.decode(DashboardAPI.DashboardDTO.self)
    }

    @Test("ratings: the latest period's members by grade and those rated out of those to rate, as the period's figures; a ward with nothing counted has no section",
          arguments: TestBackend.allCases)
    func ratings(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 3)
            try await app.decide(setup, member: setup.members[0], score: 80)
            try await app.decide(setup, member: setup.members[1], score: 80)
            let admin = try await app.admin()
            let period = setup.period.requireID()

            let section = try #require(try await dashboard(app, unit: setup.tree.city, headers: admin.api).sections.first { $0.key == "ratings-\(period)" })
            let figures = try await app.testing().sendRequest(.GET, "/api/v1/rating-periods/\(period)/figures?unit=\(setup.tree.city)", headers: admin.api)
                .content.decode(RatingAPI.FiguresDTO.self).subtree.tally
            let decided = try #require(section.figures.first { $0.key == "ratings-\(period).decided" })
            #expect(decided.count == figures.decided && decided.total == figures.decided + figures.pending && decided.count == 2 && decided.total == 3)
            #expect(decided.explanation.hasPrefix("2 = đảng viên trong danh sách đã có quyết định xếp loại của kỳ; 3 = "))
            #expect(decided.path == "/rating-periods/\(period)?unit=\(setup.tree.city)")
            #expect(section.leadFigure == decided.key)
            #expect(section.figures.first { $0.key == "ratings-\(period).not-rated" }?.count == figures.notRated)
            #expect(section.distribution?.map(\.count) == RatingLevel.allCases.map { figures[$0] } + [figures.pending])
            #expect(section.distribution?.map(\.count) == [0, 2, 0, 0, 1])
            #expect(section.children.first { $0.organizationId == setup.tree.wardB }?.count == nil, "ward B has no figures in the period")

            let wardB = try await Dashboards.sections(of: [DashboardUnit(app.unit(setup.tree.wardB))], explaining: nil, day: .today(), on: app.db)
            #expect(wardB[setup.tree.wardB]?.contains { $0.key.hasPrefix("ratings-") } != true)
        }
    }

    @Test("commitments: this year's members registered and commitments achieved, as the year's figures, with chưa báo cáo where nothing is registered",
          arguments: TestBackend.allCases)
    func commitments(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CommitmentSetup.make(on: app)
            let year = CommitmentSetup.year
            let an = try await app.register(setup.input(setup.an))
            _ = try await app.register(setup.input(setup.an, title: "Tham gia sinh hoạt khu phố đầy đủ"))
            _ = try await app.register(setup.input(setup.chi))
            _ = try await app.write { try await CommitmentCommands.assess(an.requireID(), AssessmentInput(result: "achieved", note: "Đúng như báo cáo"), on: $0) }
            let admin = try await app.admin()

            let city = try #require(try await dashboard(app, unit: setup.tree.city, headers: admin.api).sections.first { $0.key == "commitments-\(year)" })
            let report = try await app.testing().sendRequest(.GET, "/api/v1/commitments/figures?unit=\(setup.tree.city)&year=\(year)", headers: admin.api)
                .content.decode(CommitmentAPI.ReportDTO.self)
            let registered = try #require(city.figures.first { $0.key == "commitments-\(year).registered" })
            #expect(registered.count == report.subtree.registered.count && registered.total == report.subtree.registered.total)
            #expect(registered.count == 2 && registered.total == report.subtree.members)
            #expect(registered.explanation.hasPrefix("2 = đảng viên trong danh sách có ít nhất một cam kết năm \(year); "))
            #expect(registered.path == "/commitments/rows?unit=\(setup.tree.city)&year=\(year)&list=not-registered")
            let achieved = try #require(city.figures.first { $0.key == "commitments-\(year).achieved" })
            #expect(achieved.count == report.subtree.achieved.count && achieved.total == report.subtree.achieved.total && achieved.count == 1 && achieved.total == 3)
            let assessed = try #require(city.figures.first { $0.key == "commitments-\(year).assessed" })
            #expect(assessed.count == report.subtree.assessed.count && assessed.total == report.subtree.assessed.total)
            #expect(city.leadFigure == registered.key)

            // Ward B's member registered nothing: its figures are "chưa báo cáo", as the commitments API says.
            let wardB = try #require(try await dashboard(app, unit: setup.tree.wardB, headers: admin.api).sections.first { $0.key == "commitments-\(year)" })
            #expect(wardB.figures.first?.count == nil && wardB.figures.first?.explanation == "Chưa đơn vị nào báo cáo số liệu này.")
            #expect(report.children.first { $0.organizationId == setup.tree.wardB }?.figures.registered.count == nil)
        }
    }

    @Test("follow-ups: tasks overdue on the day out of those to do, to do, done out of those issued, as the tasks' figures, a section per origin; the ward overdue first",
          arguments: TestBackend.allCases)
    func followUps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let soon = try await app.issue([tree.wardA, tree.wardB], by: tree.city, due: "10/12/2026")
            _ = try await app.issue([tree.wardA], by: tree.city, due: "31/12/2026")
            FollowUpOrigins.register(Self.inspection)
            _ = try await app.write {
                try await FollowUpCommands.issue(FollowUpFixture.input([tree.wardB], due: "15/12/2026"),
                                                 from: FollowUpSource(kind: Self.inspection.kind, id: 3, label: "Kiến nghị sau kiểm tra, điểm 1"),
                                                 issuer: tree.city, by: "Ủy ban Kiểm tra", today: FollowUpFixture.today, on: $0)
            }
            let done = try #require(soon.first { $0.organizationId == tree.wardA }).requireID()
            _ = try await app.write { try await FollowUpCommands.report(done, FollowUpReportInput(note: "Đã ban hành quy chế"), by: nil, on: $0) }
            _ = try await app.write { try await FollowUpCommands.review(done, FollowUpReviewInput(outcome: "accepted"), by: nil, on: $0) }
            let later = CalendarDate(year: 2026, month: 12, day: 20)!
            let city = try await app.unit(tree.city)

            let model = try await DashboardShow.Query.run(unit: city, day: later, period: .month, on: app.db)
            let key = "follow-ups-\(FollowUpFixture.origin.kind)"
            let section = try #require(model.sections.first { $0.section.key == key })
            #expect(section.section.title.vi == "Nhiệm vụ theo kết luận giao ban (thử)" && section.section.topic == .leadership)
            let tally = try #require(try await FollowUpQueries.figures(of: city, today: later, on: app.db).subtree[FollowUpFixture.origin.kind])
            let figures = Dictionary(uniqueKeysWithValues: section.section.figures.map { ($0.key, $0) })
            #expect(figures["\(key).overdue"]?.count == tally[.overdue] && figures["\(key).overdue"]?.total == tally.pending)
            #expect(figures["\(key).overdue"]?.count == 1 && figures["\(key).overdue"]?.total == 2 && figures["\(key).overdue"]?.higherIsBetter == false)
            #expect(figures["\(key).pending"]?.count == tally.pending)
            #expect(figures["\(key).done"]?.count == tally[.accepted] && figures["\(key).done"]?.total == 3)
            #expect(figures["\(key).done"]?.explanation?.vi.hasPrefix("1 = nhiệm vụ có báo cáo kết quả được nơi giao duyệt đạt; 3 = ") == true)
            #expect(figures["\(key).overdue"]?.link == "/follow-ups?unit=\(tree.city)&origin=\(FollowUpFixture.origin.kind)&status=overdue")
            #expect(section.children.map(\.id) == [tree.wardB, tree.wardA], "ward B's one task is overdue, ward A's is not")
            #expect(section.children.map(\.isLagging) == [true, false])

            // The inspection's task is counted apart, in its own section: ward B's, overdue on the day.
            let inspection = try #require(model.sections.first { $0.section.key == "follow-ups-\(Self.inspection.kind)" }?.section)
            #expect(inspection.figures.map(\.count) == [1, 1, 0] && inspection.figures.map(\.total) == [1, nil, 1])
            #expect(inspection.title.en == "Tasks from inspection recommendation (test)")
            let wardA = try await Dashboards.sections(of: [DashboardUnit(app.unit(tree.wardA))], explaining: nil, day: later, on: app.db)[tree.wardA] ?? []
            #expect(wardA.map(\.key).filter { $0.hasPrefix("follow-ups") } == [key], "ward A has no inspection task: no section for it")
        }
    }

    @Test("exemplars: each step out of the one before and the units that replicated them, over a subtree; a child counted in its parent, a sibling not",
          arguments: TestBackend.allCases)
    func exemplars(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            // Cell A1's model commended by ward A, then adopted by cell A2 and cell B1; cell A2's verified; another of
            // cell A1's nominated; one of ward B's nominated.
            let commended = try await app.verifiedExemplar(in: tree.cellA1)
            _ = try await app.commend(commended, form: .certificate, by: tree.wardA, document: try await app.registerDocument("12-QĐ/ĐU"))
            for unit in [tree.cellA2, tree.cellB1] {
                _ = try await app.write {
                    try await ExemplarCommands.adopt(commended, AdoptionInput(organizationId: unit, adoptedOn: "03/12/2026", results: "Áp dụng tại các tổ dân phố"),
                                                     by: "Bí thư", today: ExemplarFixture.today, on: $0)
                }
            }
            _ = try await app.verifiedExemplar(in: tree.cellA2)
            _ = try await app.nominate(ExemplarFixture.model(in: tree.cellA1))
            _ = try await app.nominate(ExemplarFixture.model(in: tree.wardB))
            let units = [tree.city, tree.wardA, tree.wardB, tree.cellB1]
            var organizations: [DashboardUnit] = []
            for unit in units { organizations.append(DashboardUnit(try await app.unit(unit))) }

            let sections = try await Dashboards.sections(of: organizations, explaining: tree.city, day: ExemplarFixture.today, on: app.db)
            func figures(_ unit: Int) -> [String: DashboardFigure] {
                let section = sections[unit]?.first { $0.key == "exemplars" }
                return Dictionary(uniqueKeysWithValues: (section?.figures ?? []).map { ($0.key, $0) })
            }
            func counts(_ unit: Int) -> [String] {
                ["nominated", "verified", "commended", "replicated", "adopting-units"].map { key in
                    figures(unit)["exemplars.\(key)"].map { "\($0.count.map(String.init) ?? "-")/\($0.total.map(String.init) ?? "-")" } ?? "none"
                }
            }
            #expect(counts(tree.city) == ["4/-", "2/4", "1/2", "1/1", "2/-"])
            #expect(counts(tree.wardA) == ["3/-", "2/3", "1/2", "1/1", "2/-"], "its cells' exemplars, not ward B's")
            #expect(counts(tree.wardB) == ["1/-", "0/1", "0/0", "0/0", "0/-"])
            #expect(sections[tree.cellB1]?.contains { $0.key == "exemplars" } != true, "cell B1 adopted one but has none of its own")

            let city = figures(tree.city)
            let section = try #require(sections[tree.city]?.first { $0.key == "exemplars" })
            #expect(section.leadFigure == "exemplars.commended" && section.topic == .exemplars)
            #expect(city["exemplars.commended"]?.explanation?.vi
                    == "1 = điển hình đã có quyết định khen thưởng (biểu dương, giấy khen, bằng khen, cờ thi đua); 2 = điển hình đã được cấp trên thẩm định")
            #expect(city["exemplars.commended"]?.link == "/exemplars?unit=\(tree.city)&state=verified", "those waiting for a commendation")
            #expect(city["exemplars.nominated"]?.link == "/exemplars?unit=\(tree.city)")
            #expect(city["exemplars.adopting-units"]?.explanation?.en.hasPrefix("2 = units (within these units or elsewhere) that adopted") == true)
            #expect(try await ExemplarTallies.read(tree.city, on: app.db).commended == city["exemplars.commended"]?.count,
                    "the same count as the exemplars page's figures")

            let admin = try await app.admin()
            let shown = try #require(try await dashboard(app, unit: tree.city, headers: admin.api).sections.first { $0.key == "exemplars" })
            #expect(shown.children.map(\.organizationId).sorted() == [tree.wardA, tree.wardB].sorted())
            #expect(shown.children.first { $0.organizationId == tree.wardA }.map { [$0.count, $0.total] } == [1, 2])
        }
    }

    @Test("breakthroughs: the year's by status on the day, done, late, at risk out of all, as the page counts them; a child counted in its parent, a sibling not",
          arguments: TestBackend.allCases)
    func breakthroughs(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            _ = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            let deliverable = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1))
            _ = try await app.checkIn(deliverable.requireID(), on: "15/09/2025", done: true)
            _ = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.cellA2, content: "Kéo giảm số hộ nghèo của khu phố", endsOn: "30/06/2025"))
            _ = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardB))
            let day = BreakthroughFixture.day("15/10/2025")
            let period = deliverable.periodId
            var organizations: [DashboardUnit] = []
            for unit in [tree.city, tree.wardA, tree.cellB1] { organizations.append(DashboardUnit(try await app.unit(unit))) }

            let sections = try await Dashboards.sections(of: organizations, explaining: tree.wardA, day: day, on: app.db)
            let key = "breakthroughs-\(period)"
            for (unit, total) in [(tree.city, 4), (tree.wardA, 3)] {
                let section = try #require(sections[unit]?.first { $0.key == key })
                let tally = try await app.tally(at: unit, on: "15/10/2025")
                let figures = Dictionary(uniqueKeysWithValues: section.figures.map { ($0.key, $0) })
                #expect(figures["\(key).done"]?.count == 1 && figures["\(key).done"]?.total == total, "ward B's is counted in the city only")
                #expect(figures["\(key).late"]?.count == 1 && figures["\(key).late"]?.higherIsBetter == false, "cell A2's ended in June")
                #expect(figures["\(key).done"]?.count == tally[.done] && figures["\(key).late"]?.count == tally[.late]
                        && figures["\(key).at_risk"]?.count == tally[.atRisk] && tally.total == total)
                #expect(section.distribution?.parts.map(\.count) == BreakthroughStatus.allCases.map { tally[$0] })
                #expect(section.leadFigure == "\(key).done" && section.topic == .practice)
                #expect(figures["\(key).late"]?.link == (unit == tree.wardA ? "/breakthroughs?unit=\(unit)&period=\(period)&status=late" : nil),
                        "the unit asked about is explained and linked; the others are counts")
                #expect((figures["\(key).late"]?.explanation == nil) == (unit != tree.wardA))
            }
            let wardA = try #require(sections[tree.wardA]?.first { $0.key == key })
            #expect(wardA.figures.first?.explanation?.vi == "1 = khâu đột phá đơn vị đã báo cáo hoàn thành; 3 = khâu đột phá của các đơn vị trong kỳ Năm 2025")
            #expect(sections[tree.cellB1]?.contains { $0.key.hasPrefix("breakthroughs-") } != true, "cell B1 set none")
            let nextYear = try await Dashboards.sections(of: organizations, explaining: nil, day: BreakthroughFixture.day("15/10/2031"), on: app.db)
            #expect(nextYear.values.joined().contains { $0.key.hasPrefix("breakthroughs-") } == false, "no period that year")
        }
    }
}
