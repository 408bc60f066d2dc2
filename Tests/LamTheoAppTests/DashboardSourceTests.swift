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

            let wardB = try await Dashboards.sections(of: [app.unit(setup.tree.wardB)], day: .today(), on: app.db)
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

    @Test("follow-ups: tasks overdue on the day out of those to do, to do, done out of those issued, as the tasks' figures; the ward overdue first",
          arguments: TestBackend.allCases)
    func followUps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let soon = try await app.issue([tree.wardA, tree.wardB], by: tree.city, due: "10/12/2026")
            _ = try await app.issue([tree.wardA], by: tree.city, due: "31/12/2026")
            let done = try #require(soon.first { $0.organizationId == tree.wardA }).requireID()
            _ = try await app.write { try await FollowUpCommands.report(done, FollowUpReportInput(note: "Đã ban hành quy chế"), by: nil, on: $0) }
            _ = try await app.write { try await FollowUpCommands.review(done, FollowUpReviewInput(outcome: "accepted"), by: nil, on: $0) }
            let later = CalendarDate(year: 2026, month: 12, day: 20)!
            let city = try await app.unit(tree.city)

            let model = try await DashboardShow.Query.run(unit: city, day: later, period: .month, on: app.db)
            let section = try #require(model.sections.first { $0.section.key == "follow-ups" })
            let tally = FollowUpFigures.total(try await FollowUpQueries.figures(of: city, today: later, on: app.db).subtree)
            let figures = Dictionary(uniqueKeysWithValues: section.section.figures.map { ($0.key, $0) })
            #expect(figures["follow-ups.overdue"]?.count == tally[.overdue] && figures["follow-ups.overdue"]?.total == tally.pending)
            #expect(figures["follow-ups.overdue"]?.count == 1 && figures["follow-ups.overdue"]?.total == 2 && figures["follow-ups.overdue"]?.higherIsBetter == false)
            #expect(figures["follow-ups.pending"]?.count == tally.pending)
            #expect(figures["follow-ups.done"]?.count == tally[.accepted] && figures["follow-ups.done"]?.total == 3)
            #expect(figures["follow-ups.done"]?.explanation.vi.hasPrefix("1 = nhiệm vụ có báo cáo kết quả được nơi giao duyệt đạt; 3 = ") == true)
            #expect(figures["follow-ups.overdue"]?.link == "/follow-ups?unit=\(tree.city)&status=overdue")
            #expect(section.children.map(\.id) == [tree.wardB, tree.wardA], "ward B's one task is overdue, ward A's is not")
            #expect(section.children.map(\.isLagging) == [true, false])
        }
    }
}
