import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// The start page: each role's to-do list from the sources the features register, its rendering from a
/// hand-made model, and the page, the API and the way `/` leads there.
@Suite("Start page")
struct HomeTests {
    // MARK: Rendering

    static func render(_ model: TodoPage.Model, _ language: UILanguage = .vi) -> String {
        TodoPage.View(model: model).layout(PageContext(language: language, csrfToken: "csrf-token")).content.render()
    }

    static let today = CalendarDate(year: 2026, month: 12, day: 5)!

    static func model(items: [TodoItem], figures: [HeadlineFigure] = [], name: String = "Bí thư Chi bộ Khu phố 1") -> TodoPage.Model {
        TodoPage.Model(name: name, today: today, items: items, figures: figures)
    }

    static let items = [
        TodoItem(kind: "study.attendance", urgency: .overdue, count: 1,
                 title: LocalizedText(vi: "Điểm danh buổi 04/12 chưa ghi", en: "Attendance of 04/12 not recorded"),
                 detail: LocalizedText(vi: "Chi bộ Khu phố 1 · Sinh hoạt chuyên đề", en: "Chi bộ Khu phố 1 · Sinh hoạt chuyên đề"),
                 link: "/study-sessions/5/attendance"),
        TodoItem(kind: "study.reflection-due", urgency: .thisWeek, count: 1,
                 title: LocalizedText(vi: "Nộp bài thu hoạch", en: "Submit your reflection"),
                 detail: LocalizedText(vi: "Học tập chuyên đề năm 2026", en: "Học tập chuyên đề năm 2026"),
                 dueOn: CalendarDate(year: 2026, month: 12, day: 10)!, link: "/me/reflections/3"),
        TodoItem(kind: "commitments.unregistered", urgency: .later, count: 1_234,
                 title: LocalizedText(vi: "1.234 đảng viên chưa đăng ký làm theo", en: "1,234 members have not registered commitments"),
                 link: "/commitments?unit=7&year=2026"),
    ]

    static let figures = [
        HeadlineFigure(unit: "Đảng bộ phường Bến Nghé", title: LocalizedText(vi: "Đảng viên", en: "Members"), value: .number(245_200),
                       link: "/members?unit=7"),
        HeadlineFigure(unit: "Chi bộ Khu phố 1", title: LocalizedText(vi: "Đảng viên", en: "Members"), value: .number(33)),
        HeadlineFigure(unit: "Đảng bộ phường Bến Nghé", title: LocalizedText(vi: "Đảng viên đã học tập", en: "Members who studied"),
                       value: .figure(CoverageFigure(count: 231_700, total: 245_200)),
                       note: LocalizedText(vi: "Học tập chuyên đề năm 2026", en: "Học tập chuyên đề năm 2026"), link: "/campaigns/3?unit=7"),
        HeadlineFigure(unit: "Đảng bộ phường Bến Nghé", title: LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted"),
                       value: .figure(CoverageFigure(count: nil, total: 245_200))),
    ]

    @Test("the list: each item's urgency, what to do as a link to where it is done, where and by when, in the model's order")
    func listRendering() {
        let html = Self.render(Self.model(items: Self.items))
        #expect(html.contains("<h1>Việc cần làm</h1>"))
        #expect(html.contains("Bí thư Chi bộ Khu phố 1 · hôm nay 05/12/2026"))
        #expect(html.contains(#"<li class="todo overdue" data-kind="study.attendance"><p><span class="badge closed">Quá hạn</span> "#
                              + #"<a href="/study-sessions/5/attendance"><strong>Điểm danh buổi 04/12 chưa ghi</strong></a>"#
                              + #"<span class="muted detail" title="Chi bộ Khu phố 1 · Sinh hoạt chuyên đề">Chi bộ Khu phố 1 · Sinh hoạt chuyên đề</span></p></li>"#))
        #expect(html.contains(#"<span class="badge">Tuần này</span> <a href="/me/reflections/3"><strong>Nộp bài thu hoạch</strong></a>"#))
        #expect(html.contains("hạn 10/12/2026 · Học tập chuyên đề năm 2026"), "the deadline first, then where")
        #expect(html.contains(#"<li class="todo later" data-kind="commitments.unregistered"><p><span class="badge">Sắp tới</span> "#
                              + #"<a href="/commitments?unit=7&amp;year=2026"><strong>1.234 đảng viên chưa đăng ký làm theo</strong></a></p></li>"#),
                "no detail line when there is none")
        let order = ["study.attendance", "study.reflection-due", "commitments.unregistered"].map { html.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        #expect(!html.contains("Không có việc nào"))

        let english = Self.render(Self.model(items: Self.items), .en)
        #expect(english.contains("<h1>To do</h1>"))
        #expect(english.contains(">Overdue</span>") && english.contains(">This week</span>") && english.contains(">Later</span>"))
        #expect(english.contains("due 10/12/2026 · Học tập chuyên đề năm 2026"))
    }

    @Test("the figures: grouped by the unit they count, in the order the units first appear, numbers written the way of the page's language")
    func figureRendering() throws {
        let html = Self.render(Self.model(items: [], figures: Self.figures))
        #expect(html.contains(#"<p class="notice">Không có việc nào cần làm ngay."#), "an empty list says so")
        #expect(!html.contains("<ol"))
        let ward = try #require(html.range(of: "<h2>Số liệu · Đảng bộ phường Bến Nghé</h2>"))
        let cell = try #require(html.range(of: "<h2>Số liệu · Chi bộ Khu phố 1</h2>"))
        #expect(ward.upperBound < cell.lowerBound)
        let studied = try #require(html.range(of: "231.700/245.200 (94,5%)"))
        #expect(studied.lowerBound < cell.lowerBound, "the ward's figures stay together")
        #expect(html.contains(#"<a href="/members?unit=7"><strong>245.200</strong></a>"#))
        #expect(html.contains("<strong>33</strong>"), "a figure without a link")
        #expect(html.contains(#"<span class="muted">Học tập chuyên đề năm 2026</span>"#))
        #expect(html.contains("<strong>chưa báo cáo</strong>"), "nothing reported reads as such, never 0%")
        let english = Self.render(Self.model(items: [], figures: Self.figures), .en)
        #expect(english.contains("<h2>Figures · Chi bộ Khu phố 1</h2>"))
        #expect(english.contains(#"<a href="/members?unit=7"><strong>245,200</strong></a>"#), "English numbers in English")
    }

    @Test("stored text reaches the page as text")
    func escaping() {
        let hostile = PageViewTests.hostile
        let item = TodoItem(kind: "study.attendance", urgency: .today, count: 1, title: LocalizedText(vi: "Điểm danh \(hostile)", en: hostile),
                            detail: LocalizedText(vi: hostile, en: hostile), link: "/study-sessions/1/attendance")
        let figure = HeadlineFigure(unit: hostile, title: LocalizedText(vi: "Đảng viên", en: "Members"), value: .number(1),
                                    note: LocalizedText(vi: hostile, en: hostile))
        let html = Self.render(Self.model(items: [item], figures: [figure], name: hostile))
        #expect(!html.contains(hostile))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    // MARK: The registry

    @Test("urgency follows the deadline: past due, today, within seven days, later")
    func urgency() {
        let today = Self.today
        #expect(TodoUrgency.due(today.adding(days: -1), today: today) == .overdue)
        #expect(TodoUrgency.due(today, today: today) == .today)
        #expect(TodoUrgency.due(today.adding(days: 7), today: today) == .thisWeek)
        #expect(TodoUrgency.due(today.adding(days: 8), today: today) == .later)
        #expect(TodoUrgency.allCases.sorted() == [.overdue, .today, .thisWeek, .later])
    }

    @Test("the list is most urgent first, equally urgent items in the order the sources were registered; a source registered twice counts once")
    func registryOrder() async throws {
        try await withTestApp(.sqlite) { app in
            var sources = TodoSources()
            sources.register(StandIn(items: [("a.later", .later), ("a.overdue", .overdue), ("a.week", .thisWeek)]))
            sources.register(OtherStandIn(items: [("b.week", .thisWeek), ("b.overdue", .overdue)]))
            sources.register(StandIn(items: [("ignored", .overdue)]))
            let reader = TodoReader(actor: Actor(userId: 1, username: "x", displayName: "X", grants: []), today: Self.today)
            let kinds = try await sources.todos(for: reader, on: app.db).map(\.kind)
            let figures = try await sources.figures(for: reader, on: app.db).map(\.unit)
            #expect(kinds == ["a.overdue", "b.overdue", "a.week", "b.week", "a.later"])
            #expect(figures == ["a.later", "b.week"])
            #expect(Todos.sources.sources.count == 7, "configure registers one source per feature that has something to say")
        }
    }

    // MARK: Each role's list, from the features' data

    @Test("a secretary's list: the session without attendance, the reflections to review, the members not registered, the commitment and the rating step waiting for the cell, with the cell's own figures", arguments: TestBackend.allCases)
    func secretary(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await HomeWorld.make(on: app)
            let page = try await world.page(for: [Grant(role: .secretary, scope: world.path(world.tree.cellA1))], on: app)
            #expect(Set(page.items.map(\.kind)) == ["study.attendance", "study.reflections-to-review", "commitments.unregistered",
                                                    "commitments.to-assess", "ratings.proposals"],
                    "the cell's study obligation is met by its session; the report is the ward's")
            let attendance = try #require(page.items.first { $0.kind == "study.attendance" })
            #expect(attendance.title.vi == "Điểm danh buổi \(String(world.today.adding(days: -2).vietnamese.prefix(5))) chưa ghi")
            #expect(attendance.urgency == .overdue)
            #expect(attendance.link == "/study-sessions/\(world.unrecordedSession)/attendance")
            #expect(page.items.filter { $0.kind == "study.attendance" }.count == 1,
                    "the session with attendance, the one a month and more ago and the other cell's are not asked about")
            let reflections = try #require(page.items.first { $0.kind == "study.reflections-to-review" })
            #expect(reflections.count == 2 && reflections.title.vi == "2 bài thu hoạch chờ duyệt")
            #expect(reflections.link == "/reflections?unit=\(world.tree.cellA1)&campaign=\(world.campaign)#member-\(world.members[1])",
                    "at the first waiting")
            #expect(page.items.first { $0.kind == "commitments.unregistered" }?.title.vi == "2 đảng viên chưa đăng ký làm theo")
            #expect(page.items.first { $0.kind == "commitments.unregistered" }?.link == "/commitments?unit=\(world.tree.cellA1)&year=\(world.today.year)")
            #expect(page.items.first { $0.kind == "commitments.to-assess" }?.count == 1)
            let proposals = try #require(page.items.first { $0.kind == "ratings.proposals" })
            #expect(proposals.count == 1 && proposals.link == "/rating-periods/\(world.period)/sheet?unit=\(world.tree.cellA1)&per=200#member-\(world.members[2])",
                    "the whole cell on one page, at the member's card")
            #expect(page.items.map(\.urgency) == page.items.map(\.urgency).sorted(), "most urgent first")

            #expect(page.figures.allSatisfy { $0.unit == "Chi bộ Khu phố 1" }, "the cell's own figures, nothing above it")
            #expect(page.figures.first?.title.vi == "Đảng viên" && page.figures.first?.value.vi == "4")
            #expect(page.figures.first { $0.title.vi.hasPrefix("Đã đăng ký làm theo") }?.value.vi == "2/4 (50%)")
        }
    }

    @Test("a member's list: the reflection due with its deadline, registering commitments, the self-assessment; no unit's work nor figures",
          arguments: TestBackend.allCases)
    func member(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await HomeWorld.make(on: app)
            let page = try await world.page(for: [Grant(role: .member, memberId: world.members[0])], on: app)
            #expect(Set(page.items.map(\.kind)) == ["study.reflection-due", "commitments.register", "ratings.self-assessment"])
            let reflection = try #require(page.items.first { $0.kind == "study.reflection-due" })
            #expect(reflection.dueOn == world.today.adding(days: 5) && reflection.urgency == .thisWeek)
            #expect(reflection.link == "/me/reflections/\(world.campaign)")
            #expect(page.items.first { $0.kind == "commitments.register" }?.link == "/commitments/new?member=\(world.members[0])&year=\(world.today.year)")
            #expect(page.items.contains { $0.kind == "ratings.self-assessment" && $0.title.vi.contains("Đánh giá đợt này") && $0.link == "/me/ratings" })
            #expect(page.figures.isEmpty)

            // A member who has registered and assessed themself is asked to check in and assess as the deadline nears.
            let other = try await world.page(for: [Grant(role: .member, memberId: world.members[1])], on: app)
            #expect(other.items.contains { $0.kind == "commitments.self-assessment" && $0.dueOn == world.commitmentDue })
            #expect(!other.items.contains { $0.kind == "study.reflection-due" }, "their reflection is in")
        }
    }

    @Test("officers: the ward's editor gets its deadline, the units lagging and the decisions waiting, its viewer only the lagging units; the city's manager and the administrator review what the wards submitted", arguments: TestBackend.allCases)
    func officers(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await HomeWorld.make(on: app)
            let wardA = world.path(world.tree.wardA)
            let editor = try await world.page(for: [Grant(role: .officer, scope: wardA, level: .editor)], on: app)
            #expect(Set(editor.items.map(\.kind)) == ["campaigns.deadline", "coverage.late-units", "coverage.unreported-units", "ratings.decisions"])
            let deadline = try #require(editor.items.first { $0.kind == "campaigns.deadline" })
            #expect(deadline.title.vi == "Báo cáo kết quả" && deadline.dueOn == world.today.adding(days: 3) && deadline.urgency == .thisWeek)
            let late = try #require(editor.items.first { $0.kind == "coverage.late-units" })
            #expect(late.count == 1 && late.urgency == .overdue, "cell A2 has held no session of the campaign")
            #expect(late.link == "/campaigns/\(world.campaign)?unit=\(world.tree.wardA)&sort=days-late")
            #expect(editor.items.first { $0.kind == "coverage.unreported-units" }?.count == 1)
            let decisions = try #require(editor.items.first { $0.kind == "ratings.decisions" })
            #expect(decisions.count == 1 && decisions.link == "/rating-periods/\(world.period)/sheet?unit=\(world.tree.cellA1)&per=200#member-\(world.members[3])",
                    "the sheet of the one cell waiting")
            #expect(editor.items.first?.kind == "coverage.late-units")
            #expect(editor.figures.map(\.title.vi) == ["Đảng viên", "Tổ chức trực thuộc", "Đảng viên đã học tập", "Đã nộp bài thu hoạch",
                                                       "Đã đăng ký làm theo năm \(world.today.year)"])
            #expect(editor.figures.first?.value.vi == "6" && editor.figures.allSatisfy { $0.unit == "Đảng bộ phường Bến Nghé" })

            let viewer = try await world.page(for: [Grant(role: .officer, scope: wardA, level: .viewer)], on: app)
            #expect(Set(viewer.items.map(\.kind)) == ["coverage.late-units", "coverage.unreported-units"], "a viewer is not asked to act")
            #expect(viewer.figures == editor.figures)

            let city = try await world.page(for: [Grant(role: .officer, scope: world.path(world.tree.city), level: .manager)], on: app)
            let review = try #require(city.items.first { $0.kind == "campaigns.review" })
            #expect(review.count == 1 && review.link == "/obligations/\(world.submittedObligation)")
            #expect(city.items.first { $0.kind == "coverage.late-units" }?.count == 2)
            let dueSoon = try #require(city.items.first { $0.kind == "coverage.due-soon-units" }, "ward A's report is due in three days")
            #expect(dueSoon.count == 1 && dueSoon.urgency == .thisWeek)
            #expect(!editor.items.contains { $0.kind == "coverage.due-soon-units" }, "the ward's own report is its deadline, not a unit under it")
            #expect(!editor.items.contains { $0.kind == "campaigns.review" }, "ward B's submission is the city's to review")
            #expect(city.figures.first?.value.vi == "7")

            let admin = try await world.page(for: [Grant(role: .administrator)], on: app)
            #expect(admin.items.map(\.kind) == city.items.map(\.kind), "the administrator sees the top of the tree as its officers do")
            #expect(admin.figures == city.figures)
        }
    }

    @Test("/ leads every signed-in role to its list, which the menu names first; the API answers the same list; only administrators are offered a top-level unit", arguments: TestBackend.allCases)
    func pagesAndAPI(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await HomeWorld.make(on: app)
            let bithu = try await app.caller("bithu", .secretary, scope: world.tree.cellA1)
            let dangvien = try await app.caller("dangvien", .member, member: world.members[0])
            let phuong = try await app.caller("phuong", .officer, scope: world.tree.wardA, level: .editor)
            let admin = try await app.admin()
            let tester = try app.testing()
            for caller in [bithu, dangvien, phuong, admin] {
                let root = try await tester.sendRequest(.GET, "/", headers: caller.web)
                #expect(root.status == .seeOther && root.headers.first(name: .location) == "/me/todos", "\(caller.username)")
            }
            let page = try await tester.sendRequest(.GET, "/me/todos", headers: bithu.web)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<h1>Việc cần làm</h1>") && html.contains("2 bài thu hoạch chờ duyệt"))
            let menu = try #require(html.range(of: #"<a href="/me/todos">Việc cần làm</a>"#))
            #expect(menu.lowerBound < html.range(of: #"<a href="/organizations">"#)!.lowerBound, "first in the menu")
            #expect(String(buffer: try await tester.sendRequest(.GET, "/me/todos", headers: dangvien.web).body).contains("Nộp bài thu hoạch"))

            let api = try await tester.sendRequest(.GET, "/api/v1/me/todos", headers: phuong.api.adding("Accept-Language", "en"))
            #expect(api.status == .ok)
            let list = try api.content.decode(TodoListBody.self)
            #expect(list.today == world.today.iso)
            #expect(Set(list.items.map(\.kind)) == ["campaigns.deadline", "coverage.late-units", "coverage.unreported-units", "ratings.decisions"])
            #expect(list.items.first?.urgency == "overdue" && list.items.first?.title == "1 unit directly under is late with an obligation")
            #expect(list.figures.first?.value == "6")
            #expect(try await tester.sendRequest(.GET, "/api/v1/me/todos").status == .unauthorized)

            let addTop = "Thêm tổ chức cấp cao nhất"
            #expect(String(buffer: try await tester.sendRequest(.GET, "/organizations", headers: admin.web).body).contains(addTop))
            #expect(!String(buffer: try await tester.sendRequest(.GET, "/organizations", headers: phuong.web).body).contains(addTop))
        }
    }

    /// The API's answer as a client reads it.
    struct TodoListBody: Decodable {
        let today: String
        let items: [Item]
        let figures: [Figure]

        struct Item: Decodable {
            let kind: String
            let urgency: String
            let title: String
        }

        struct Figure: Decodable {
            let value: String
        }
    }
}

/// Stand-ins for features: items of the given kinds and urgencies, and one figure named after the first.
private struct StandIn: TodoSource {
    let items: [(String, TodoUrgency)]

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        items.map { TodoItem(kind: $0.0, urgency: $0.1, count: 1, title: LocalizedText(vi: $0.0, en: $0.0), link: "/") }
    }

    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        [HeadlineFigure(unit: items[0].0, title: LocalizedText(vi: "", en: ""), value: .number(1))]
    }
}

private struct OtherStandIn: TodoSource {
    let items: [(String, TodoUrgency)]

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        try await StandIn(items: items).todos(for: reader, on: db)
    }

    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        try await StandIn(items: items).figures(for: reader, on: db)
    }
}

/// `SmallTree` with a city campaign running around today, and in it what each role has to do:
///
/// - cell A1 (members An, Bình, Chi, Dũng): a campaign session two days ago with nobody marked, one yesterday
///   marked, one six weeks ago not marked; Bình's and Chi's reflections waiting for review; Bình and Dũng
///   registered (Dũng assessed himself); Chi assessed herself in the period, Dũng was also proposed.
/// - cell A2 (two members): a session outside the campaign, so its study obligation (due yesterday) is late.
/// - cell B1 (one member): nothing; ward B submitted its report, which the city reviews.
struct HomeWorld {
    let tree: SmallTree
    let today: CalendarDate
    let members: [Int]
    let campaign: Int
    let period: Int
    let unrecordedSession: Int
    let submittedObligation: Int
    let commitmentDue: CalendarDate
    let paths: [Int: TreePath]

    static func make(on app: Application) async throws -> HomeWorld {
        let today = CalendarDate.today()
        let tree = try await SmallTree.make(on: app)
        var created: [Int] = []
        for (index, name) in ["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Chi", "Phạm Văn Dũng"].enumerated() {
            created.append(try await app.createMember(name, card: "A1-\(index)", in: tree.cellA1))
        }
        let members = created
        try await app.createMember("Võ Thị Em", card: "A2-1", in: tree.cellA2)
        try await app.createMember("Đỗ Văn Phúc", card: "A2-2", in: tree.cellA2)
        try await app.createMember("Hồ Thị Giang", card: "B1-1", in: tree.cellB1)

        let document = try await app.registerDocument("01-KL/TW", "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW", on: "2021-05-18")
        let campaign = try await app.write { try await CampaignCommands.launch(CampaignInput(
            documentId: document, organizationId: tree.city, title: "Học tập chuyên đề", startsOn: today.adding(days: -60).iso,
            endsOn: today.adding(days: 60).iso, reflectionDueOn: today.adding(days: 5).iso,
            requirements: [
                RequirementInput(kind: RequirementKind.report.rawValue, unitKinds: [StandardOrganizationKind.commune.rawValue], dueOn: today.adding(days: 3).iso),
                RequirementInput(kind: RequirementKind.studySessions.rawValue, unitKinds: [StandardOrganizationKind.cell.rawValue],
                                 dueOn: today.adding(days: -1).iso, minimumSessions: 1),
            ]), on: $0) }.requireID()

        func session(_ cell: Int, campaign: Int?, daysAgo: Int) async throws -> Int {
            try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: cell, campaignId: campaign, title: "Sinh hoạt chuyên đề", heldOn: today.adding(days: -daysAgo).iso, format: "in_person"), on: $0) }
                .requireID()
        }
        let unrecorded = try await session(tree.cellA1, campaign: campaign, daysAgo: 2)
        let marked = try await session(tree.cellA1, campaign: nil, daysAgo: 1)
        _ = try await app.write { try await StudyCommands.takeAttendance(of: marked, AttendanceInput(
            entries: [AttendanceEntry(memberId: members[3], status: AttendanceStatus.absent.rawValue)], othersPresent: true), on: $0) }
        _ = try await session(tree.cellA1, campaign: nil, daysAgo: StudyTodos.attendanceWindow + 10)
        _ = try await session(tree.cellA2, campaign: nil, daysAgo: 3)

        let store = app.documentFiles
        for member in members[1...2] {
            _ = try await app.write { try await StudyCommands.submitReflection(campaign: campaign, member: member, body: "Bài thu hoạch", file: nil,
                                                                                store: store, on: $0) }
        }

        let year = today.year
        let commitmentDue = min(today.adding(days: 10), CalendarDate(year: year, month: 12, day: 31)!)
        for member in [members[1], members[3]] {
            _ = try await app.write { try await CommitmentCommands.register(CommitmentInput(
                memberId: member, year: year, title: "Vận động các hộ phân loại rác", measure: "20 hộ", dueOn: commitmentDue.iso), on: $0) }
        }
        let assessed = try #require(try await Commitment.query(on: app.db).filter(\.$memberId == members[3]).first()).requireID()
        _ = try await app.write { try await CommitmentCommands.selfAssess(assessed, AssessmentInput(result: "achieved", note: "Đã làm đủ"), on: $0) }

        let period = try await app.write { try await RatingCommands.createPeriod(RatingPeriodInput(
            kind: RatingPeriodKind.adHoc.rawValue, title: "Đánh giá đợt này", startsOn: today.adding(days: -60).iso, endsOn: today.adding(days: 10).iso), on: $0) }
            .requireID()
        let author = RatingAuthor(userId: nil, username: "test")
        for (member, step) in [(members[2], RatingStepKind.selfAssessment), (members[3], .selfAssessment), (members[3], .proposal)] {
            _ = try await app.write { try await RatingCommands.record(RatingStepInput(periodId: period, memberId: member, step: step.rawValue, score: 80),
                                                                      by: author, on: $0) }
        }

        let report = try #require(try await Obligation.query(on: app.db).filter(\.$campaignId == campaign).filter(\.$organizationId == tree.wardB).first())
            .requireID()
        _ = try await app.write { try await ObligationCommands.submit(report, ObligationSubmissionInput(note: "Báo cáo kết quả học tập"), on: $0) }

        var paths: [Int: TreePath] = [:]
        for unit in [tree.city, tree.wardA, tree.wardB, tree.cellA1, tree.cellA2, tree.cellB1] { paths[unit] = try await app.unit(unit).treePath }
        return HomeWorld(tree: tree, today: today, members: members, campaign: campaign, period: period, unrecordedSession: unrecorded,
                         submittedObligation: report, commitmentDue: commitmentDue, paths: paths)
    }

    func path(_ unit: Int) -> TreePath {
        paths[unit]!
    }

    /// The start page of a reader holding `grants`.
    func page(for grants: [Grant], on app: Application) async throws -> TodoPage.Model {
        try await TodoPage.Query.run(for: Actor(userId: 1, username: "reader", displayName: "Reader", grants: grants), today: today, on: app.db)
    }
}
