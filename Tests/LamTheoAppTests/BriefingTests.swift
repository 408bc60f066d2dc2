import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// A quarterly briefing of the city with its two wards on `SmallTree`, held on 20/11/2026 and read on 04/12/2026.
enum BriefingFixture {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!
    static let series = "Giao ban chuyên đề quý"

    static func input(_ tree: SmallTree, title: String = "Hội nghị giao ban chuyên đề quý IV/2026", heldOn: String = "20/11/2026",
                      due: String = "15/11/2026", late: Bool = false) -> BriefingInput {
        BriefingInput(organizationId: tree.city, title: title, theme: "Xây dựng Đảng về đạo đức gắn với thực hiện Chỉ thị 05-CT/TW",
                      series: series, heldOn: heldOn, startsAt: "08:00", place: "Hội trường Thành ủy",
                      bridgePoints: ["Điểm cầu phường Bến Nghé", "Điểm cầu phường Đa Kao"], agenda: ["Khai mạc", "Báo cáo đề dẫn", "Tham luận", "Kết luận"],
                      questions: ["Giải pháp nâng cao chất lượng sinh hoạt chi bộ?"], invitedUnitIds: [tree.wardA, tree.wardB],
                      contributionsDueOn: due, lateContributionsAllowed: late)
    }

    static func task(_ units: [Int], due: String? = "31/12/2026") -> FollowUpTaskInput {
        FollowUpTaskInput(organizationIds: units, responsible: "Bí thư Đảng ủy phường", requiredEvidence: "Báo cáo kết quả", dueOn: due)
    }
}

extension Application {
    func createBriefing(_ input: BriefingInput) async throws -> Briefing {
        try await write { try await BriefingCommands.create(input, on: $0) }
    }

    func contribute(to briefing: Int, from unit: Int, on day: CalendarDate, summary: String = "Kinh nghiệm sinh hoạt chuyên đề") async throws -> BriefingContribution {
        let store = documentFiles
        return try await write {
            try await BriefingCommands.contribute(to: briefing, ContributionInput(organizationId: unit, summary: summary), by: "phuonga", store: store,
                                                  today: day, on: $0)
        }
    }

    /// The rows of every table a briefing's write touches, to prove a refused one left nothing.
    func briefingRowCounts(_ tables: [String]) async throws -> [Int] {
        var counts: [Int] = []
        for table in tables { counts.append(try await rowCount(table)) }
        return counts
    }

    func conclude(_ briefing: Int, _ text: String, task: FollowUpTaskInput? = nil) async throws -> BriefingConclusion {
        try await write { try await BriefingCommands.conclude(briefing, ConclusionInput(text: text, task: task), by: "thanhpho", today: BriefingFixture.today, on: $0) }
    }
}

@Suite("Briefings")
struct BriefingTests {
    static let tables = ["briefings", "briefing_units", "briefing_contributions", "briefing_conclusions", "briefing_conclusion_tasks",
                         "follow_up_tasks", "documents"]

    @Test("created with its invited units; refused and nothing written: a unit outside the committee, no place nor link, contributions due after the meeting, a bad time",
          arguments: TestBackend.allCases)
    func create(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            var outside = BriefingFixture.input(tree)
            outside.organizationId = tree.wardA
            outside.invitedUnitIds = [tree.cellA1, tree.cellB1, tree.wardA]
            let error = await domainError { _ = try await app.createBriefing(outside) }
            let messages = error?.fieldErrors.filter { $0.field == "invitedUnitIds" }.map(\.message.vi) ?? []
            #expect(messages.contains("Chi bộ Khu phố 3 không trực thuộc Đảng bộ phường Bến Nghé: chỉ mời đơn vị cấp dưới"))
            #expect(messages.count == 2, "the committee itself is not invited either")
            var placeless = BriefingFixture.input(tree, due: "25/11/2026")
            placeless.place = nil
            placeless.startsAt = "8h"
            let refused = await domainError { _ = try await app.createBriefing(placeless) }
            #expect(Set(refused?.fields ?? []) == ["place", "startsAt", "contributionsDueOn"])
            for table in Self.tables.dropLast() { #expect(try await app.rowCount(table) == 0, "\(table)") }

            let briefing = try await app.createBriefing(BriefingFixture.input(tree))
            #expect(briefing.bridgePoints.count == 2 && briefing.agenda == ["Khai mạc", "Báo cáo đề dẫn", "Tham luận", "Kết luận"])
            #expect(try await BriefingQueries.invitedUnits(of: briefing.requireID(), on: app.db).map(\.organizationId).sorted() == [tree.wardA, tree.wardB])
            let list = try await BriefingQueries.briefings(of: try await app.unit(tree.wardA), page: 1, perPage: 10, on: app.db)
            #expect(list.items.map(\.id) == [briefing.id], "an invited ward lists the city's briefing")
            let none = try await BriefingQueries.briefings(of: try await app.unit(tree.cellA1), page: 1, perPage: 10, on: app.db)
            #expect(none.total == 0)
        }
    }

    @Test("contributions: on time, late refused with the deadline named, late marked when allowed, a unit not invited refused; presented turns counted by unit",
          arguments: TestBackend.allCases)
    func contributions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let strict = try await app.createBriefing(BriefingFixture.input(tree)).requireID()
            let first = try await app.contribute(to: strict, from: tree.wardA, on: CalendarDate(year: 2026, month: 11, day: 15)!)
            #expect(!first.late && !first.presented)
            let late = await domainError { _ = try await app.contribute(to: strict, from: tree.wardB, on: CalendarDate(year: 2026, month: 11, day: 16)!) }
            #expect(late?.fieldErrors.first?.message.vi == "Đã hết hạn nộp tham luận (hạn cuối 15/11/2026); hội nghị không nhận tham luận nộp muộn")
            let stranger = await domainError { _ = try await app.contribute(to: strict, from: tree.cellA1, on: CalendarDate(year: 2026, month: 11, day: 10)!) }
            #expect(stranger?.fieldErrors.first { $0.field == "organizationId" }?.message.vi
                    == "Chi bộ Khu phố 1 không được mời dự Hội nghị giao ban chuyên đề quý IV/2026")
            #expect(try await app.rowCount("briefing_contributions") == 1)

            let lenient = try await app.createBriefing(BriefingFixture.input(tree, title: "Hội nghị giao ban chuyên đề tháng 12", late: true)).requireID()
            let marked = try await app.contribute(to: lenient, from: tree.wardB, on: CalendarDate(year: 2026, month: 11, day: 18)!)
            #expect(marked.late)

            let early = await domainError {
                _ = try await app.write { try await BriefingCommands.markPresented(first.requireID(), of: strict, today: CalendarDate(year: 2026, month: 11, day: 19)!, on: $0) }
            }
            #expect(early?.fieldErrors.first?.message.vi == "Hội nghị chưa diễn ra (ngày họp 20/11/2026)")
            let second = try await app.contribute(to: strict, from: tree.wardA, on: CalendarDate(year: 2026, month: 11, day: 14)!, summary: "Lượt thứ hai")
            for id in [first.requireID(), second.requireID()] {
                _ = try await app.write { try await BriefingCommands.markPresented(id, of: strict, today: BriefingFixture.today, on: $0) }
            }
            let detail = try await BriefingQueries.detail(try await BriefingQueries.require(strict, on: app.db), today: BriefingFixture.today, on: app.db)
            #expect(detail.presented.sentence.vi == "2 lượt ý kiến tham luận của 1 đơn vị")
            #expect(detail.units.map(\.contributions) == [2, 0], "ward B has not contributed")
        }
    }

    @Test("conclusions numbered; each may become tasks for units, labelled with the point; a task without unit or deadline writes nothing, not even the point",
          arguments: TestBackend.allCases)
    func conclusions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.createBriefing(BriefingFixture.input(tree)).requireID()
            _ = try await app.conclude(id, "Đánh giá cao sự chuẩn bị của các đơn vị")
            let second = try await app.conclude(id, "Rà soát, bổ sung quy chế làm việc của cấp ủy", task: BriefingFixture.task([tree.wardA, tree.wardB]))
            #expect(second.number == 2)
            let tasks = try await BriefingQueries.tasks(of: id, on: app.db)
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.originLabel == "Kết luận Hội nghị giao ban chuyên đề quý IV/2026, điểm 2" })
            #expect(tasks.allSatisfy { $0.title == "Rà soát, bổ sung quy chế làm việc của cấp ủy" && $0.issuerOrganizationId == tree.city })
            #expect(FollowUpOrigins.origin("briefing")?.link(id) == "/briefings/\(id)")

            let counts = try await app.briefingRowCounts(Self.tables)
            let noUnit = await domainError { _ = try await app.conclude(id, "Điểm thiếu đơn vị", task: BriefingFixture.task([])) }
            #expect(noUnit?.fields == ["task.organizationIds"])
            let noDeadline = await domainError { _ = try await app.conclude(id, "Điểm thiếu hạn", task: BriefingFixture.task([tree.wardA], due: nil)) }
            #expect(noDeadline?.fields == ["task.dueOn"])
            #expect(try await app.briefingRowCounts(Self.tables) == counts, "nothing written")

            let detail = try await BriefingQueries.detail(try await BriefingQueries.require(id, on: app.db), today: BriefingFixture.today, on: app.db)
            #expect(detail.conclusions.map(\.number) == [1, 2] && detail.conclusions[1].tasks.map(\.unitName) == ["Đảng bộ phường Bến Nghé", "Đảng bộ phường Đa Kao"])
            #expect(try await app.followUpTalliesMatchTasks())
        }
    }

    @Test("the next briefing of the series opens with the previous one's tasks by status", arguments: TestBackend.allCases)
    func series(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let earlier = try await app.createBriefing(BriefingFixture.input(tree, title: "Giao ban quý III/2026", heldOn: "20/09/2026", due: "15/09/2026")).requireID()
            _ = try await app.conclude(earlier, "Rà soát quy chế", task: BriefingFixture.task([tree.wardA, tree.wardB]))
            let tasks = try await BriefingQueries.tasks(of: earlier, on: app.db)
            _ = try await app.write { try await FollowUpCommands.report(tasks[0].requireID(), FollowUpReportInput(note: "Đã ban hành"), by: nil, on: $0) }
            let later = try await app.createBriefing(BriefingFixture.input(tree))
            var other = BriefingFixture.input(tree, title: "Hội nghị khác", heldOn: "01/10/2026", due: "01/10/2026")
            other.series = nil
            _ = try await app.createBriefing(other)

            let detail = try await BriefingQueries.detail(later, today: CalendarDate(year: 2027, month: 1, day: 5)!, on: app.db)
            #expect(detail.previous?.id == earlier)
            #expect(detail.previous?.tally == FollowUpTally(counts: [.reported: 1, .overdue: 1]))
            #expect(detail.previous?.tasks.first?.status == .overdue, "overdue first")
            let first = try await BriefingQueries.detail(try await BriefingQueries.require(earlier, on: app.db), today: BriefingFixture.today, on: app.db)
            #expect(first.previous == nil)
        }
    }

    @Test("the notice: drafted from the conclusions; registered once as the committee's document of type TB; another type refused and nothing written",
          arguments: TestBackend.allCases)
    func notice(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.createBriefing(BriefingFixture.input(tree)).requireID()
            let empty = await domainError { _ = try await app.write { try await BriefingCommands.registerNotice(id, NoticeInput(symbol: "12-TB/TU"), on: $0) } }
            #expect(empty?.fields == ["id"])
            _ = try await app.conclude(id, "Rà soát, bổ sung quy chế làm việc của cấp ủy", task: BriefingFixture.task([tree.wardA]))
            let text = BriefingNotice.text(try await BriefingQueries.detail(try await BriefingQueries.require(id, on: app.db), today: BriefingFixture.today, on: app.db))
            #expect(text.hasPrefix("ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"))
            #expect(text.contains("1. Rà soát, bổ sung quy chế làm việc của cấp ủy Giao: Đảng bộ phường Bến Nghé (Bí thư Đảng ủy phường) thực hiện, hoàn thành trước ngày 31/12/2026."))

            let wrongType = await domainError { _ = try await app.write { try await BriefingCommands.registerNotice(id, NoticeInput(symbol: "12-KH/TU", issuedOn: "2026-12-01"), on: $0) } }
            #expect(wrongType?.fields == ["symbol"])
            #expect(try await app.rowCount("documents") == 0)
            let briefing = try await app.write { try await BriefingCommands.registerNotice(id, NoticeInput(symbol: "12-TB/TU", issuedOn: "2026-12-01"), on: $0) }
            let document = try #require(try await Document.find(briefing.noticeDocumentId, on: app.db))
            #expect(document.typeCode == "TB" && document.organizationId == tree.city && document.title == "Thông báo kết luận Hội nghị giao ban chuyên đề quý IV/2026")
            let again = await domainError { _ = try await app.write { try await BriefingCommands.registerNotice(id, NoticeInput(symbol: "13-TB/TU"), on: $0) } }
            #expect(again?.kind == .conflict)
        }
    }

    @Test("a moved ward takes its invitation and contributions along", arguments: TestBackend.allCases)
    func treeMove(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            var input = BriefingFixture.input(tree)
            input.organizationId = tree.wardA
            input.invitedUnitIds = [tree.cellA1, tree.cellA2]
            let id = try await app.createBriefing(input).requireID()
            _ = try await app.contribute(to: id, from: tree.cellA2, on: CalendarDate(year: 2026, month: 11, day: 1)!)
            _ = try await app.write { try await OrganizationCommands.move(tree.wardA, under: tree.wardB, effectiveOn: nil, on: $0) }
            let moved = try await app.unit(tree.cellA2)
            let row = try #require(try await BriefingContribution.query(on: app.db).first())
            #expect(row.organizationPath == moved.path)
            let briefing = try await BriefingQueries.require(id, on: app.db)
            #expect(briefing.organizationPath == (try await app.unit(tree.wardA)).path)
            let list = try await BriefingQueries.briefings(of: try await app.unit(tree.wardB), page: 1, perPage: 10, on: app.db)
            #expect(list.total == 1, "the new parent's subtree holds the ward's briefing")
        }
    }
}
