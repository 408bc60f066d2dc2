import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Reminder sources of ratings and briefings")
struct ReminderSourceTests {
    @Test("rating steps: the member's self-assessment, then the cell's proposal, then the ward's decision, each at its step and none once done",
          arguments: TestBackend.allCases)
    func ratingSteps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            let endsOn = today.adding(days: 7)
            let period = try await app.write { try await RatingCommands.createPeriod(RatingPeriodInput(
                kind: RatingPeriodKind.adHoc.rawValue, title: "Đánh giá đợt này", startsOn: today.adding(days: -60).iso, endsOn: endsOn.iso), on: $0) }
                .requireID()
            let (member, caller) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            let exempt = try await app.createMember("Trần Văn Miễn", card: "002", in: tree.cellA1, status: .exempt)
            let exemptCaller = try await app.caller("dvmien", .member, member: exempt)
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let step = { (kind: RatingStepKind) in
                _ = try await app.write { try await RatingCommands.record(RatingStepInput(periodId: period, memberId: member, step: kind.rawValue, score: 80),
                                                                          by: RatingAuthor(userId: nil, username: "test"), on: $0) }
            }

            #expect(try await app.remind(on: today).reminders == 1, "the member's self-assessment; the exempt member is not rated")
            let own = try await app.notifications(of: caller.userId)
            #expect(own.map(\.step) == ["before-7"] && own.first?.kind == "rating.self-assessment")
            #expect(own.first?.titleVi.hasPrefix("Tự đánh giá, xếp loại: Đánh giá đợt này") == true && own.first?.link == RatingRoute.mine.path)
            #expect(try await app.notifications(of: exemptCaller.userId).isEmpty)
            #expect(try await app.notifications(of: secretary.userId).isEmpty)

            try await step(.selfAssessment)
            #expect(try await app.remind(on: endsOn.adding(days: -1)).reminders == 1, "assessed: the cell's proposal now")
            #expect(try await app.notifications(of: caller.userId).count == 1)
            let proposal = try #require(try await app.notifications(of: secretary.userId).first)
            #expect(proposal.kind == "rating.proposal" && proposal.step == "before-1" && proposal.organizationId == tree.cellA1)
            #expect(proposal.titleVi.hasPrefix("Đề xuất xếp loại 1 đảng viên đã tự đánh giá: Chi bộ Khu phố 1 · Đánh giá đợt này"))
            #expect(proposal.link == RatingTodos.sheet(period, unit: tree.cellA1, member: member))

            try await step(.proposal)
            #expect(try await app.remind(on: endsOn).reminders == 1, "proposed: the ward's decision now")
            #expect(try await app.notifications(of: secretary.userId).count == 1)
            let decision = try #require(try await app.notifications(of: ward.userId).first)
            #expect(decision.kind == "rating.decision" && decision.step == "due" && decision.organizationId == tree.wardA)
            #expect(decision.link == RatingRoute.sheet(period: .value(period)).path(query: [.unit: tree.wardA]))

            try await step(.decision)
            let late = try await app.remind(on: endsOn.adding(days: 6))
            #expect(late.reminders == 0 && late.digests == 0, "decided: every series stops")
        }
    }
    @Test("briefing contributions: each invited unit that sent none, up to the deadline, past it while late ones are taken, never after the meeting",
          arguments: TestBackend.allCases)
    func briefingContributions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let today = CalendarDate.today()
            let lateTaken = try await app.createBriefing(BriefingFixture.input(tree, heldOn: today.adding(days: 12).vietnamese,
                                                                                due: today.adding(days: 7).vietnamese, late: true)).requireID()
            var input = BriefingFixture.input(tree, title: "Hội nghị giao ban đột xuất", heldOn: today.adding(days: 4).vietnamese,
                                              due: today.adding(days: 1).vietnamese, late: false)
            input.invitedUnitIds = [tree.wardB]
            _ = try await app.createBriefing(input)

            #expect(try await app.remind(on: today).reminders == 3, "both wards for the first briefing, ward B for the second")
            let first = try #require(try await app.notifications(of: wardA.userId).first)
            #expect(first.kind == "briefing.contribution" && first.step == "before-7" && first.organizationId == tree.wardA)
            #expect(first.titleVi.hasPrefix("Gửi tham luận: Hội nghị giao ban chuyên đề quý IV/2026 (họp ngày \(today.adding(days: 12).vietnamese))"))
            #expect(first.link == BriefingRoute.show(.value(lateTaken)).path)

            _ = try await app.contribute(to: lateTaken, from: tree.wardA, on: today)
            #expect(try await app.remind(on: today.adding(days: 1)).reminders == 1, "the second briefing's deadline")
            #expect(try await app.remind(on: today.adding(days: 4)).reminders == 0, "the second takes no late contribution: not asked any more")
            #expect(try await app.remind(on: today.adding(days: 6)).reminders == 1)
            #expect(try await app.remind(on: today.adding(days: 10)).reminders == 1, "the first still takes late ones")
            #expect(try await app.remind(on: today.adding(days: 13)).reminders == 0, "the meeting is over")
            #expect(try await app.notifications(of: wardA.userId).count == 1, "ward A contributed: its series stopped")
            #expect(try await app.notifications(of: wardB.userId).map(\.step) == ["before-7", "before-1", "due", "before-1", "late-3"])
        }
    }
}
