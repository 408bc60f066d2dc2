import LamTheoCore
import Testing

@Suite("Follow-up rules")
struct FollowUpRulesTests {
    let due = CalendarDate(year: 2026, month: 12, day: 10)!

    @Test("a task awaiting its owner is overdue the day after its deadline; reported, accepted and cancelled ones never are")
    func overdue() {
        for state in FollowUpState.awaitingOwner {
            #expect(FollowUpStatus(state: state, dueOn: due, today: due) != .overdue)
            #expect(FollowUpStatus(state: state, dueOn: due, today: due.adding(days: 1)) == .overdue)
        }
        for state in [FollowUpState.reported, .accepted, .cancelled] {
            #expect(FollowUpStatus(state: state, dueOn: due, today: due.adding(days: 30)).rawValue == state.rawValue)
        }
    }

    @Test("the owner reports while open or returned; the issuer extends or cancels until it is finished")
    func transitions() {
        #expect(FollowUpState.open.reportRefusal == nil && FollowUpState.returned.reportRefusal == nil)
        #expect(FollowUpState.reported.reportRefusal != nil && FollowUpState.accepted.reportRefusal != nil && FollowUpState.cancelled.reportRefusal != nil)
        #expect(FollowUpState.reported.changeRefusal == nil)
        #expect(FollowUpState.accepted.changeRefusal?.vi == "Nhiệm vụ đã kết thúc (hoàn thành)")
    }

    @Test("a return says why; an acceptance needs no comment")
    func review() {
        #expect(FollowUpReviewOutcome.returned.problem(comment: nil)?.field == "comment")
        #expect(FollowUpReviewOutcome.returned.problem(comment: "Thiếu minh chứng") == nil)
        #expect(FollowUpReviewOutcome.accepted.problem(comment: nil) == nil)
    }

    @Test("a tally adds up by status; pending is what the owners still have to do")
    func tally() {
        var tally = FollowUpTally()
        tally.add(.open, 2)
        tally.add(.overdue, 1)
        tally.add(.returned, 1)
        tally.add(.reported, 3)
        tally.add(.open, 1)
        #expect(tally[.open] == 3 && tally.total == 8 && tally.pending == 5)
        #expect(FollowUpTally().total == 0)
    }
}
