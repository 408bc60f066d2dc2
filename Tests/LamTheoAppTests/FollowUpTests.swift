import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Follow-up tasks issued by a stand-in origin (the briefings and inspections that will issue them register
/// their own), on `SmallTree`.
enum FollowUpFixture {
    static let origin = FollowUpOrigin(kind: "test-briefing", name: LocalizedText(vi: "Kết luận giao ban (thử)", en: "Briefing conclusion (test)"),
                                       link: { "/briefings/\($0)" })
    static let source = FollowUpSource(kind: origin.kind, id: 7, label: "Kết luận Hội nghị giao ban quý IV, điểm 2")
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    static func input(_ units: [Int], due: String = "31/12/2026") -> FollowUpTaskInput {
        FollowUpTaskInput(organizationIds: units, title: "Rà soát, bổ sung quy chế làm việc của cấp ủy", responsible: "Bí thư Đảng ủy phường",
                          requiredEvidence: "Quy chế đã ban hành", dueOn: due)
    }
}

extension Application {
    func issue(_ units: [Int], by issuer: Int, due: String = "31/12/2026") async throws -> [FollowUpTask] {
        FollowUpOrigins.register(FollowUpFixture.origin)
        return try await write {
            try await FollowUpCommands.issue(FollowUpFixture.input(units, due: due), from: FollowUpFixture.source, issuer: issuer, by: "Văn phòng Thành ủy",
                                             today: FollowUpFixture.today, on: $0)
        }
    }

    /// The stored subtree tally of `unit`, in the only origin the tests use.
    func followUpTally(at unit: Int, on day: CalendarDate = FollowUpFixture.today) async throws -> FollowUpTally {
        try await FollowUpTallies.read(unit, today: day, on: db)[FollowUpFixture.origin.kind] ?? FollowUpTally()
    }

    /// Whether every unit's stored tally equals a count of the tasks in its subtree now.
    func followUpTalliesMatchTasks() async throws -> Bool {
        let stored = try await tallyRows("""
            SELECT organization_id, origin_kind, state, COALESCE(due_on, '-') AS due, tasks FROM follow_up_tallies WHERE tasks > 0
            ORDER BY organization_id, origin_kind, state, due
            """)
        let counted = try await tallyRows("""
            SELECT o.id AS organization_id, t.origin_kind, t.state,
                   CASE WHEN t.state IN ('open', 'returned') THEN COALESCE(t.extended_until, t.due_on) ELSE '-' END AS due, COUNT(*) AS tasks
            FROM organizations o JOIN follow_up_tasks t ON t.organization_path >= o.path AND t.organization_path < o.path || '~'
            GROUP BY o.id, t.origin_kind, t.state, CASE WHEN t.state IN ('open', 'returned') THEN COALESCE(t.extended_until, t.due_on) ELSE '-' END
            ORDER BY o.id, t.origin_kind, t.state, due
            """)
        return stored == counted
    }

    /// Rows of (unit, origin, state, due, tasks) as one line each, to compare two ways of counting them.
    private func tallyRows(_ query: SQLQueryString) async throws -> [String] {
        try await db.sql.raw(query).all().map { row in
            "\(try row.decode(column: "organization_id", as: Int.self)) \(try row.decode(column: "origin_kind", as: String.self)) "
                + "\(try row.decode(column: "state", as: String.self)) \(try row.decode(column: "due", as: String.self)) \(try row.decode(column: "tasks", as: Int.self))"
        }
    }
}

@Suite("Follow-up tasks")
struct FollowUpTests {
    @Test("issued to two wards: one task each, logged; the wards, the city and the cells below read their own and subtree tallies",
          arguments: TestBackend.allCases)
    func issue(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let tasks = try await app.issue([tree.wardA, tree.wardB], by: tree.city)
            #expect(tasks.count == 2)
            #expect(Set(tasks.map(\.organizationId)) == [tree.wardA, tree.wardB])
            #expect(tasks.allSatisfy { $0.state == .open && $0.originLabel == FollowUpFixture.source.label })
            let events = try await FollowUpQueries.events(of: tasks[0].requireID(), on: app.db)
            #expect(events.map(\.action) == [.issued] && events[0].actor == "Văn phòng Thành ủy")

            #expect(try await app.followUpTally(at: tree.city) == FollowUpTally(counts: [.open: 2]))
            #expect(try await app.followUpTally(at: tree.wardA) == FollowUpTally(counts: [.open: 1]))
            #expect(try await app.followUpTally(at: tree.cellA1).total == 0, "a cell under a ward with a task has none of its own")
            let city = try await FollowUpQueries.figures(of: try await app.unit(tree.city), today: FollowUpFixture.today, on: app.db)
            #expect(city.own.isEmpty, "the city issued the tasks; it does not own them")
            #expect(FollowUpFigures.total(city.subtree).pending == 2)
            #expect(try await app.followUpTalliesMatchTasks())
        }
    }

    @Test("refused and nothing written: no unit, no deadline, a deadline past, a unit outside the issuer, an unknown origin",
          arguments: TestBackend.allCases)
    func refusals(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            FollowUpOrigins.register(FollowUpFixture.origin)
            let source = FollowUpFixture.source
            let refusal: @Sendable (FollowUpTaskInput, Int, FollowUpSource) async -> [String: String] = { input, issuer, source in
                do {
                    _ = try await app.write { try await FollowUpCommands.issue(input, from: source, issuer: issuer, by: nil, today: FollowUpFixture.today, on: $0) }
                    return [:]
                } catch let error as DomainError {
                    return Dictionary(error.fieldErrors.map { ($0.field, $0.message.vi) }, uniquingKeysWith: { $0 + " / " + $1 })
                } catch {
                    return ["?": "\(error)"]
                }
            }
            var input = FollowUpFixture.input([])
            #expect(await refusal(input, tree.city, source)["organizationIds"] == "Chọn ít nhất một đơn vị chịu trách nhiệm thực hiện")
            input = FollowUpFixture.input([tree.wardA])
            input.dueOn = nil
            #expect(await refusal(input, tree.city, source)["dueOn"]?.contains("Thời hạn hoàn thành") == true)
            #expect(await refusal(FollowUpFixture.input([tree.wardA], due: "01/12/2026"), tree.city, source)["dueOn"]
                    == "Thời hạn hoàn thành không được trước hôm nay (04/12/2026)")
            let outside = await refusal(FollowUpFixture.input([tree.cellA1, tree.cellB1]), tree.wardA, source)
            #expect(outside["organizationIds"]?.contains("không thuộc Đảng bộ phường Bến Nghé") == true)
            let unknown = FollowUpSource(kind: "no-such-origin", id: 1, label: "—")
            #expect(await refusal(FollowUpFixture.input([tree.wardA]), tree.city, unknown)["origin"] != nil)
            for table in ["follow_up_tasks", "follow_up_events", "follow_up_tallies"] {
                #expect(try await app.rowCount(table) == 0, "\(table)")
            }
        }
    }

    @Test("reported with evidence, returned with a reason, reported again, accepted; nothing more once accepted; extended and cancelled by the issuer",
          arguments: TestBackend.allCases)
    func lifecycle(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let tasks = try await app.issue([tree.wardA, tree.wardB], by: tree.city)
            let (first, second) = (tasks[0].requireID(), tasks[1].requireID())

            let reported = try await app.write { try await FollowUpCommands.report(first, FollowUpReportInput(note: "Đã ban hành quy chế sửa đổi"), by: "phuong", on: $0) }
            #expect(reported.state == .reported && reported.reportCount == 1)
            #expect(try await app.followUpTally(at: tree.city) == FollowUpTally(counts: [.open: 1, .reported: 1]))
            await #expect(throws: DomainError.self) {
                try await app.write { try await FollowUpCommands.report(first, FollowUpReportInput(note: "Lần nữa"), by: nil, on: $0) }
            }
            do {
                _ = try await app.write { try await FollowUpCommands.review(first, FollowUpReviewInput(outcome: "returned"), by: nil, on: $0) }
                Issue.record("a return without a reason was accepted")
            } catch let error as DomainError {
                #expect(error.fieldErrors.map(\.field) == ["comment"])
            }
            let returned = try await app.write {
                try await FollowUpCommands.review(first, FollowUpReviewInput(outcome: "returned", comment: "Thiếu quyết định ban hành"), by: nil, on: $0)
            }
            #expect(returned.state == .returned)
            _ = try await app.write { try await FollowUpCommands.report(first, FollowUpReportInput(note: "Bổ sung quyết định số 12-QĐ/ĐU"), by: nil, on: $0) }
            let accepted = try await app.write { try await FollowUpCommands.review(first, FollowUpReviewInput(outcome: "accepted"), by: nil, on: $0) }
            #expect(accepted.state == .accepted && accepted.reportCount == 2)
            await #expect(throws: DomainError.self) {
                try await app.write { try await FollowUpCommands.extend(first, FollowUpExtensionInput(until: "31/01/2027", reason: "Muộn"), by: nil, on: $0) }
            }
            let log = try await FollowUpQueries.events(of: first, on: app.db).map(\.action)
            #expect(log == [.issued, .reported, .returned, .reported, .accepted])

            let extended = try await app.write {
                try await FollowUpCommands.extend(second, FollowUpExtensionInput(until: "31/01/2027", reason: "Chờ Đại hội chi bộ"), by: nil, on: $0)
            }
            #expect(extended.deadline == CalendarDate(year: 2027, month: 1, day: 31))
            await #expect(throws: DomainError.self) {
                try await app.write { try await FollowUpCommands.extend(second, FollowUpExtensionInput(until: "15/01/2027", reason: "Sớm hơn"), by: nil, on: $0) }
            }
            _ = try await app.write { try await FollowUpCommands.cancel(second, FollowUpCancellationInput(reason: "Đơn vị đã sáp nhập"), by: nil, on: $0) }
            #expect(try await app.followUpTally(at: tree.city) == FollowUpTally(counts: [.accepted: 1, .cancelled: 1]))
            #expect(try await app.followUpTalliesMatchTasks())
        }
    }

    @Test("overdue is counted on the day it is read, from the stored tallies; lists show the overdue first", arguments: TestBackend.allCases)
    func overdue(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            _ = try await app.issue([tree.wardA], by: tree.city, due: "31/12/2026")
            let soon = try await app.issue([tree.wardB], by: tree.city, due: "10/12/2026")
            let later = CalendarDate(year: 2026, month: 12, day: 20)!
            #expect(try await app.followUpTally(at: tree.city) == FollowUpTally(counts: [.open: 2]))
            #expect(try await app.followUpTally(at: tree.city, on: later) == FollowUpTally(counts: [.open: 1, .overdue: 1]))
            let city = try await app.unit(tree.city)
            let page = try await FollowUpQueries.tasks(of: city, FollowUpFilter(), today: later, page: 1, perPage: 10, on: app.db)
            #expect(page.total == 2 && page.items.first?.id == soon[0].id, "the overdue task comes first")
            let overdue = try await FollowUpQueries.tasks(of: city, FollowUpFilter(status: .overdue), today: later, page: 1, perPage: 10, on: app.db)
            #expect(overdue.items.map(\.id) == [soon[0].id])
            let own = try await FollowUpQueries.tasks(of: city, FollowUpFilter(extent: .own), today: later, page: 1, perPage: 10, on: app.db)
            #expect(own.total == 0)
        }
    }

    @Test("writers at once: tasks issued to both wards and reported in parallel transactions are all counted at the city",
          arguments: TestBackend.allCases)
    func parallelWriters(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let first = try await app.issue([tree.wardA, tree.wardB], by: tree.city)
            // Each writer refreshes the city's row from its children's rows: without taking turns at the city (PostgreSQL),
            // one would overwrite the other's count.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<6 {
                    group.addTask { _ = try await app.issue([round.isMultiple(of: 2) ? tree.cellA1 : tree.cellB1], by: tree.city) }
                }
                for task in first {
                    group.addTask {
                        _ = try await app.write { try await FollowUpCommands.report(task.requireID(), FollowUpReportInput(note: "Xong"), by: nil, on: $0) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await app.followUpTally(at: tree.city) == FollowUpTally(counts: [.open: 6, .reported: 2]))
            #expect(try await app.followUpTalliesMatchTasks())
        }
    }

    @Test("tasks follow the tree: a moved unit takes its tasks to its new parent; a merged unit's open tasks go on at the unit it joined",
          arguments: TestBackend.allCases)
    func treeChanges(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let tasks = try await app.issue([tree.cellA1, tree.cellA2], by: tree.wardA)
            _ = try await app.write { try await FollowUpCommands.report(tasks[0].requireID(), FollowUpReportInput(note: "Xong"), by: nil, on: $0) }
            _ = try await app.write { try await FollowUpCommands.review(tasks[0].requireID(), FollowUpReviewInput(outcome: "accepted"), by: nil, on: $0) }

            _ = try await app.write { try await OrganizationCommands.move(tree.cellA2, under: tree.wardB, effectiveOn: nil, on: $0) }
            #expect(try await app.followUpTally(at: tree.wardB) == FollowUpTally(counts: [.open: 1]))
            #expect(try await app.followUpTally(at: tree.wardA) == FollowUpTally(counts: [.accepted: 1]))
            #expect(try await app.followUpTalliesMatchTasks())

            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellB1, effectiveOn: nil, on: $0) }
            let moved = try await FollowUpQueries.require(tasks[1].requireID(), on: app.db)
            #expect(moved.organizationId == tree.cellB1)
            #expect(try await FollowUpQueries.events(of: moved.requireID(), on: app.db).last?.action == .handedOver)
            #expect(try await app.followUpTally(at: tree.cellB1) == FollowUpTally(counts: [.open: 1]))
            #expect(try await app.followUpTalliesMatchTasks())
        }
    }
}

@Suite("Follow-up tasks over HTTP")
struct FollowUpHTTPTests {
    @Test("the API: the owner reports, the issuer returns and accepts, the figures follow; a reader elsewhere sees nothing, a viewer writes nothing",
          arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let tasks = try await app.issue([tree.wardA, tree.wardB], by: tree.city)
            let id = tasks.first { $0.organizationId == tree.wardA }!.requireID()
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let other = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let viewer = try await app.caller("xem", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()

            let list = try await tester.sendRequest(.GET, "/api/v1/follow-ups?unit=\(tree.wardA)", headers: ward.api)
            #expect(list.status == .ok)
            let page = try list.content.decode(PageDTO<FollowUpAPI.TaskDTO>.self)
            #expect(page.total == 1 && page.items.first?.status == .open && page.items.first?.issuerName == "Đảng bộ Thành phố Hồ Chí Minh")
            #expect(try await tester.sendRequest(.GET, "/api/v1/follow-ups/\(id)", headers: other.api).status == .notFound, "a sibling ward sees nothing")
            #expect(try await tester.sendRequest(.POST, "/api/v1/follow-ups/\(id)/reports", headers: viewer.api) {
                try $0.content.encode(FollowUpReportInput(note: "Đã xong"))
            }.status == .forbidden)

            let empty = try await tester.sendRequest(.POST, "/api/v1/follow-ups/\(id)/reports", headers: ward.api) { try $0.content.encode(FollowUpReportInput()) }
            #expect(empty.status == .unprocessableEntity)
            let reported = try await tester.sendRequest(.POST, "/api/v1/follow-ups/\(id)/reports", headers: ward.api) {
                try $0.content.encode(FollowUpReportInput(note: "Đã ban hành quy chế sửa đổi"))
            }
            #expect(reported.status == .created)
            #expect(try await tester.sendRequest(.POST, "/api/v1/follow-ups/\(id)/review", headers: ward.api) {
                try $0.content.encode(FollowUpReviewInput(outcome: "accepted"))
            }.status == .forbidden, "the owner does not accept its own report")
            let accepted = try await tester.sendRequest(.POST, "/api/v1/follow-ups/\(id)/review", headers: city.api) {
                try $0.content.encode(FollowUpReviewInput(outcome: "accepted"))
            }
            #expect(accepted.status == .ok)
            let task = try accepted.content.decode(FollowUpAPI.TaskDTO.self)
            #expect(task.state == .accepted && task.events?.map(\.action) == [.issued, .reported, .accepted])
            #expect(task.events?[1].actor == "phuonga")

            let figures = try await tester.sendRequest(.GET, "/api/v1/follow-ups/figures?unit=\(tree.city)", headers: city.api).content.decode(FollowUpAPI.FiguresDTO.self)
            #expect(figures.subtree["all"]?.total == 2 && figures.subtree["all"]?.pending == 1 && figures.subtree["all"]?.counts["accepted"] == 1)
            #expect(figures.own["all"]?.total == 0)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "follow-up.review").count()
            #expect(audit == 1)
        }
    }

    @Test("the start page: the owner's task to report, the issuer's report to review; the list narrowed to an origin and an issuer",
          arguments: TestBackend.allCases)
    func todosAndFilters(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            // Due a month after the day the test runs: the start page reads today's urgency.
            let tasks = try await app.issue([tree.wardA, tree.wardB], by: tree.city, due: CalendarDate.today().adding(days: 30).vietnamese)
            _ = try await app.write { try await FollowUpCommands.report(tasks[1].requireID(), FollowUpReportInput(note: "Xong"), by: nil, on: $0) }
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()

            let wardStart = try await FeedbackTests.page("/me/todos", as: ward, on: tester)
            #expect(wardStart.contains("Báo cáo nhiệm vụ: Rà soát, bổ sung quy chế làm việc của cấp ủy"))
            #expect(wardStart.contains(#"href="/follow-ups/\#(tasks[0].requireID())""#))
            let cityStart = try await FeedbackTests.page("/me/todos", as: city, on: tester)
            #expect(cityStart.contains("1 báo cáo nhiệm vụ chờ xem xét") && !cityStart.contains("Báo cáo nhiệm vụ:"), "the issuer reviews; it reports nothing")
            #expect(cityStart.contains("1 đang làm, 0 quá hạn"), "the subtree's tasks still to be done, as a headline figure")

            let reported = try await FeedbackTests.page("/follow-ups?unit=\(tree.city)&status=reported&issuer=\(tree.city)", as: city, on: tester)
            #expect(reported.contains("Nhiệm vụ · Đã báo cáo, chờ xem xét · do Đảng bộ Thành phố Hồ Chí Minh giao"))
            #expect(reported.contains("/follow-ups/\(tasks[1].requireID())") && !reported.contains("/follow-ups/\(tasks[0].requireID())\""))
            let ofOrigin = try await FeedbackTests.page("/follow-ups?unit=\(tree.city)&origin=\(FollowUpFixture.origin.kind)", as: city, on: tester)
            #expect(ofOrigin.contains("Nhiệm vụ · Kết luận giao ban (thử)") && ofOrigin.contains("/follow-ups/\(tasks[0].requireID())"))
            let otherOrigin = try await FeedbackTests.page("/follow-ups?unit=\(tree.city)&origin=inspection", as: city, on: tester)
            #expect(otherOrigin.contains("Chưa có nhiệm vụ nào được giao."), "no task of that origin: said once, no zeros")
            let issuedBelow = try await tester.sendRequest(.GET, "/api/v1/follow-ups?unit=\(tree.city)&issuer=\(tree.wardA)", headers: city.api)
            #expect(try issuedBelow.content.decode(PageDTO<FollowUpAPI.TaskDTO>.self).total == 0, "the ward issued nothing")
        }
    }

    @Test("the pages: the unit's figures and tasks overdue first; the task's forms only for who may use them; a refused report keeps its text",
          arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let tasks = try await app.issue([tree.wardA], by: tree.city)
            let id = tasks[0].requireID()
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()

            let list = try await FeedbackTests.page("/follow-ups?unit=\(tree.city)", as: city, on: tester)
            #expect(list.contains("<h1>Nhiệm vụ sau kết luận, kiến nghị · Đảng bộ Thành phố Hồ Chí Minh</h1>"))
            #expect(list.contains(#"<a href="/follow-ups/\#(id)">Rà soát, bổ sung quy chế làm việc của cấp ủy</a>"#))
            let empty = try await FeedbackTests.page("/follow-ups?unit=\(tree.wardB)", as: city, on: tester)
            #expect(empty.contains("Chưa có nhiệm vụ nào được giao.") && !empty.contains("Nhiệm vụ, quá hạn trước"), "a unit without tasks says so once")
            let wardPage = try await FeedbackTests.page("/follow-ups/\(id)", as: ward, on: tester)
            #expect(wardPage.contains("Gửi báo cáo") && !wardPage.contains("Gia hạn đến ngày"), "the owner reports; it does not extend")
            let cityPage = try await FeedbackTests.page("/follow-ups/\(id)", as: city, on: tester)
            #expect(cityPage.contains("Gia hạn đến ngày") && cityPage.contains(#"<a class="button danger" href="/follow-ups/\#(id)/cancellation">Hủy nhiệm vụ…</a>"#))
            let question = try await FeedbackTests.page("/follow-ups/\(id)/cancellation", as: city, on: tester)
            #expect(question.contains("<h1>Hủy nhiệm vụ “Rà soát, bổ sung quy chế làm việc của cấp ủy” của Đảng bộ phường Bến Nghé?</h1>"))
            #expect(question.contains("Không mở lại được.") && question.contains(#"<a class="button secondary" href="/follow-ups/\#(id)">"#))
            let refusedQuestion = try await tester.sendRequest(.GET, "/follow-ups/\(id)/cancellation", headers: ward.web)
            #expect(refusedQuestion.status == .forbidden, "the owner is not asked: it may not cancel")

            let refused = try await FeedbackTests.post("/follow-ups/\(id)/reports", ["note": "", "reportedOn": "31/02/2026"], as: ward, on: tester)
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains(#"value="31/02/2026""#), "the date typed comes back")
            let sent = try await FeedbackTests.post("/follow-ups/\(id)/reports", ["note": "Đã ban hành quy chế"], as: ward, on: tester)
            let landed = try await FeedbackTests.landing(sent, as: ward, on: tester)
            #expect(landed.html.contains("Đã gửi báo cáo lần 1; cấp giao nhiệm vụ sẽ xem xét."))
            #expect(landed.html.contains("Đã ban hành quy chế"), "the log shows the report")
            let unexplained = try await FeedbackTests.post("/follow-ups/\(id)/cancellation", ["reason": ""], as: city, on: tester)
            #expect(unexplained.status == .unprocessableEntity, "a cancellation without its reason is asked again")
            #expect(String(buffer: unexplained.body).contains(#"id="reason""#) && String(buffer: unexplained.body).contains("aria-invalid"))
            let cancelled = try await FeedbackTests.post("/follow-ups/\(id)/cancellation", ["reason": "Đã giao lại trong kế hoạch năm"], as: city, on: tester)
            let afterwards = try await FeedbackTests.landing(cancelled, as: city, on: tester)
            #expect(afterwards.html.contains("Đã hủy nhiệm vụ của Đảng bộ phường Bến Nghé.") && afterwards.html.contains("Đã giao lại trong kế hoạch năm"))
            let asked = try await tester.sendRequest(.GET, "/follow-ups/\(id)/cancellation", headers: city.web)
            #expect(asked.status == .seeOther, "a cancelled task is not asked about again: back to its page")
        }
    }
}
