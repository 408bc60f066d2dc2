import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Reminder sources of ratings, briefings and commitments")
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
}
