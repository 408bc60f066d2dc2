import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Dashboards")
struct DashboardTests {
    /// Ward A's four members attend a session (cell A1 only: two of them), ward B's two do not.
    private func studiedTree(_ app: Application) async throws -> (tree: SmallTree, campaign: Int) {
        let tree = try await SmallTree.make(on: app)
        let campaign = try await app.launchStudyCampaign(at: tree.city)
        var present: [Int] = []
        for (index, cell) in [tree.cellA1, tree.cellA1, tree.cellA2, tree.cellA2, tree.cellB1, tree.cellB1].enumerated() {
            let member = try await app.createMember("Đảng viên \(index)", card: "10\(index)", in: cell)
            if cell == tree.cellA1 { present.append(member) }
        }
        let session = try await app.cellSession(tree.cellA1, campaign: campaign)
        let entries = present.map { AttendanceEntry(memberId: $0, status: "present") }
        _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: entries), on: $0) }
        return (tree, campaign)
    }

    @Test("a unit's dashboard: the campaign's figures equal its coverage, with how they are counted; the lagging ward first; the same day of the period before from the snapshots",
          arguments: TestBackend.allCases)
    func figures(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, campaign) = try await studiedTree(app)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .viewer)
            let tester = try app.testing()
            let today = CalendarDate.today()

            // A month ago nobody had studied: the snapshot of that day is what "cùng kỳ" reads.
            let before = ReportingPeriod.month.sameDayBefore(today)
            _ = try await app.db.sql.raw("""
                INSERT INTO dashboard_snapshots (day, organization_id, key, count, total)
                VALUES (\(bind: before.iso), \(bind: tree.city), \(bind: "campaign-\(campaign).studied"), 0, 6)
                """).run()
            let stored = try await DashboardSnapshots.take(on: today, app: app)
            #expect(stored > 0, "the city and both wards have figures today")

            let answer = try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.city)", headers: officer.api)
            #expect(answer.status == .ok)
            let dashboard = try answer.content.decode(DashboardAPI.DashboardDTO.self)
            let section = try #require(dashboard.sections.first { $0.key == "campaign-\(campaign)" })
            let studied = try #require(section.figures.first { $0.key == "campaign-\(campaign).studied" })
            let coverage = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(campaign)/coverage?unit=\(tree.city)", headers: officer.api)
                .content.decode(CoverageAPI.ReportDTO.self).subtree
            #expect(studied.count == coverage.studied.count && studied.total == coverage.studied.total && studied.count == 2 && studied.total == 6)
            #expect(studied.explanation.hasPrefix("2 = đảng viên có mặt ít nhất một buổi học tập của đợt; 6 = đảng viên trong danh sách"))
            #expect(studied.previous?.count == 0 && studied.previous?.total == 6)
            #expect(section.children.map(\.organizationId) == [tree.wardB, tree.wardA], "ward B (0 of 2) lags the city's 2 of 6; ward A (2 of 4) does not")
            #expect(section.children.map(\.lagging) == [true, false])
            #expect(section.trend.last?.value == VietnameseFormat.percentValue(2, of: 6) && section.trend.first { $0.day == before }?.value == nil)

            let english = try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.wardA)&lang=en", headers: officer.api)
                .content.decode(DashboardAPI.DashboardDTO.self)
            #expect(english.sections.first?.figures.first?.title == "Members who studied")
            #expect(try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.city)&period=tuần", headers: officer.api).status == .unprocessableEntity)
            for (day, period) in [("1800-01-05", "year"), ("2200-12-31", "half-year"), ("1800-03-31", "month")] {
                #expect(try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.city)&day=\(day)&period=\(period)", headers: officer.api).status == .ok,
                        "the first and last supported days: \(day), \(period)")
            }
        }
    }

    @Test("the page: figures, charts with their titles and tables, a phone-sized layout; another ward is not shown", arguments: TestBackend.allCases)
    func page(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, _) = try await studiedTree(app)
            try await DashboardSnapshots.take(on: .today(), app: app)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()

            let page = try await tester.sendRequest(.GET, "/dashboard?unit=\(tree.wardA)&period=quarter", headers: ward.web)
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("Đảng viên đã học tập") && html.contains("2/4") && html.contains("Cách tính"))
            #expect(html.contains("role=\"img\"") && html.contains("<title id=") && html.contains("Bảng số liệu"))
            #expect(html.contains("Chi bộ Khu phố 1") && html.contains("Chi bộ Khu phố 2"), "the cells compared")
            #expect(try await tester.sendRequest(.GET, "/dashboard?unit=\(tree.wardB)", headers: ward.web).status == .notFound)
        }
    }
    @Test("a page drawn is shown again to the unit's next readers for the cache's lifetime, in its language; drawn afresh for a reader who has just written or asks with no-cache; another ward's officer still refused; the API always afresh",
          arguments: TestBackend.allCases)
    func keptPages(_ backend: TestBackend) async throws {
        try await withTestApp(backend, configuring: { $0.dashboardCache = 300 }) { app in
            let (tree, campaign) = try await studiedTree(app)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            let otherWard = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .viewer)
            let secretary = try await app.caller("bithua2", .secretary, scope: tree.cellA2)
            let tester = try app.testing()
            let path = "/dashboard?unit=\(tree.wardA)"
            func page(_ headers: HTTPHeaders, _ query: String = "") async throws -> String {
                let answer = try await tester.sendRequest(.GET, path + query, headers: headers)
                #expect(answer.status == .ok)
                return answer.body.string
            }
            #expect(try await page(ward.web).contains("2/4"))
            #expect(try await page(ward.web, "&lang=en").contains("2/4"))

            // Cell A2's secretary records its session, both members present: its answers mark the secretary as a writer.
            let created = try await tester.sendRequest(.POST, "/api/v1/study-sessions", headers: secretary.api) {
                try $0.content.encode(StudySessionInput(organizationId: tree.cellA2, campaignId: campaign, title: "Sinh hoạt chuyên đề",
                                                        heldOn: CalendarDate.today().iso, format: "in_person"))
            }
            let mark = try #require(created.headers.setCookie?[ReplicaReads.recentWriteCookie])
            #expect(mark.maxAge == 301, "as long as a page drawn before the write may be shown, and a second for the cookie's whole seconds")
            let session = try created.content.decode(StudyAPI.SessionDetailDTO.self).session.id
            let cellA2 = try await Member.query(on: app.db).filter(\.$organizationId == tree.cellA2).all().map { $0.requireID() }
            #expect(try await tester.sendRequest(.PUT, "/api/v1/study-sessions/\(session)/attendance", headers: secretary.api) {
                try $0.content.encode(AttendanceInput(entries: cellA2.map { AttendanceEntry(memberId: $0, status: "present") }))
            }.status == .ok)

            let kept = try await page(ward.web)
            #expect(kept.contains("2/4") && !kept.contains("4/4"), "the page drawn before the write, kept")
            #expect(kept.contains("phuonga") && !kept.contains("bithua2"), "the frame is the reader's own")
            #expect(try await tester.sendRequest(.GET, path, headers: otherWard.web).status == .notFound, "a kept page is shown only to those who may read the unit")
            let api = try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.wardA)", headers: ward.api).content.decode(DashboardAPI.DashboardDTO.self)
            #expect(api.sections.first { $0.key == "campaign-\(campaign)" }?.figures.first?.count == 4, "the API reads afresh")

            var writer = ward.web
            writer.replaceOrAdd(name: .cookie, value: ward.web.first(name: .cookie)! + "; \(ReplicaReads.recentWriteCookie)=\(mark.string)")
            #expect(try await page(writer).contains("4/4"), "a reader who has just written gets it drawn afresh")
            #expect(try await page(ward.web).contains("4/4"), "and the page drawn for it is kept for the others")

            #expect(try await page(ward.web, "&lang=en").contains("2/4"), "each language's page is kept on its own")
            var forced = ward.web
            forced.add(name: .cacheControl, value: "no-cache")
            #expect(try await page(forced, "&lang=en").contains("4/4"), "a forced reload draws it afresh")

            // A kept page's unit moved out of the reader's scope (by SQL here, as another process would): refused.
            let cellPage = "/dashboard?unit=\(tree.cellA1)"
            for _ in 1...2 { #expect(try await tester.sendRequest(.GET, cellPage, headers: ward.web).status == .ok) }
            let wardB = try #require(try await Organization.find(tree.wardB, on: app.db)).treePath
            try await app.db.sql.raw("""
                UPDATE organizations SET parent_id = \(bind: tree.wardB), path = \(bind: wardB.appending(id: tree.cellA1).rawValue) WHERE id = \(bind: tree.cellA1)
                """).run()
            #expect(try await tester.sendRequest(.GET, cellPage, headers: ward.web).status == .notFound, "moved out of the reader's scope")
            #expect(try await tester.sendRequest(.GET, cellPage, headers: otherWard.web).status == .ok, "into the other ward's")
        }
    }

    @Test("a unit with many children: the chart and its table show the first 30, lagging first, and link to the page with every one")
    func manyChildren() throws {
        let lead = "campaign-1.studied"
        func figure(_ count: Int) -> DashboardFigure {
            DashboardFigure(key: lead, title: LocalizedText(vi: "Đảng viên đã học tập", en: "Members who studied"), count: count, total: 40,
                            explanation: LocalizedText(vi: "", en: ""), link: nil, explained: false)
        }
        let children = (1...45).map { index in
            DashboardShow.Model.Child(id: 100 + index, name: "Chi bộ số \(index)", figure: figure(index % 40), values: [:], isLagging: index <= 35)
        }
        let section = DashboardShow.Model.Section(
            section: DashboardSection(key: "campaign-1", title: LocalizedText(vi: "Học tập", en: "Study"), figures: [figure(20)], leadFigure: lead, topic: .study),
            previous: [:], children: children, trendDays: [], trend: [], trendBefore: [], childDistributions: [])
        let model = DashboardShow.Model(unitId: 7, unitName: "Đảng bộ phường", day: CalendarDate(year: 2026, month: 5, day: 18)!, period: .month,
                                        sections: [section])
        func page(allChildren: Bool) -> String {
            DashboardShow.View(model: model, allChildren: allChildren).layout(PageContext(language: .vi, csrfToken: "t")).content.render()
        }
        func rows(_ html: String) -> Int { html.components(separatedBy: "scope=\"row\">Chi bộ số ").count - 1 }

        let capped = page(allChildren: false)
        #expect(rows(capped) == DashboardShow.View.childrenShown)
        #expect(capped.contains("scope=\"row\">Chi bộ số 1<") && !capped.contains("scope=\"row\">Chi bộ số 45<"), "the first ones, lagging first")
        #expect(capped.contains("Hiện 30/45 đơn vị trực thuộc") && capped.contains("35 đơn vị dưới mức chung"), "the lagging counted among all 45")
        #expect(capped.contains("/dashboard?unit=7&amp;period=month&amp;day=2026-05-18&amp;children=all#s-campaign-1"))
        let all = page(allChildren: true)
        #expect(rows(all) == 45 && !all.contains("children=all"))
    }

    @Test("a child with nothing to count (no task at all: a whole of 0) is “không có” in the chart and its table; one not reported is “chưa báo cáo”")
    func nothingToCount() {
        let lead = "follow-ups-briefing.overdue"
        func figure(_ count: Int?, of total: Int) -> DashboardFigure {
            DashboardFigure(key: lead, title: LocalizedText(vi: "Nhiệm vụ quá hạn", en: "Tasks overdue"), count: count, total: total,
                            explanation: LocalizedText(vi: "", en: ""), link: nil, higherIsBetter: false, explained: false)
        }
        let children = [DashboardShow.Model.Child(id: 2, name: "Đảng bộ phường Bến Nghé", figure: figure(nil, of: 3), values: [:], isLagging: true),
                        DashboardShow.Model.Child(id: 3, name: "Đảng bộ phường Đa Kao", figure: figure(0, of: 0), values: [:], isLagging: false)]
        let section = DashboardShow.Model.Section(
            section: DashboardSection(key: "follow-ups-briefing", title: LocalizedText(vi: "Nhiệm vụ", en: "Tasks"), figures: [figure(1, of: 3)],
                                      leadFigure: lead, topic: .leadership),
            previous: [:], children: children, trendDays: [], trend: [], trendBefore: [], childDistributions: [])
        let model = DashboardShow.Model(unitId: 1, unitName: "Đảng bộ Thành phố", day: CalendarDate(year: 2026, month: 5, day: 18)!, period: .month,
                                        sections: [section])
        let table = model.unitsChart(section, language: .vi).table
        #expect(table.rows == [["Đảng bộ phường Bến Nghé", "chưa báo cáo"], ["Đảng bộ phường Đa Kao", "không có"]])
        let html = DashboardShow.View(model: model).layout(PageContext(language: .vi, csrfToken: "t")).content.render()
        #expect(html.contains(">không có<") && html.contains(">chưa báo cáo<"))
    }
}
