import LamTheoCore
import Testing

@Suite("Obligation review")
struct ObligationReviewTests {
    @Test("outcomes are spelled as the states they lead to")
    func spelling() {
        for outcome in ObligationReviewOutcome.allCases {
            #expect(outcome.rawValue == outcome.state.rawValue)
        }
        #expect(ObligationReviewOutcome(rawValue: "open") == nil)
        #expect(ObligationReviewOutcome(rawValue: "accept") == nil)
        #expect(ObligationReviewOutcome.unknown.field == "outcome")
    }

    @Test("a returned submission says what to revise; an accepted one needs no comment")
    func comment() {
        #expect(ObligationReviewOutcome.accepted.problem(comment: nil) == nil)
        #expect(ObligationReviewOutcome.returned.problem(comment: "Bổ sung chỉ tiêu") == nil)
        #expect(ObligationReviewOutcome.returned.problem(comment: nil)
            == FieldError(field: "comment", message: LocalizedText(vi: "Khi trả lại cần nêu rõ nội dung phải sửa",
                                                                   en: "Say what must be revised when returning a submission")))
    }
}

@Suite("Obligation submission and extension")
struct ObligationLifeTests {
    let due = CalendarDate(year: 2026, month: 6, day: 30)!
    let end = CalendarDate(year: 2026, month: 12, day: 31)!

    @Test("only an open or returned obligation is submitted")
    func submission() {
        #expect(ObligationState.allCases.filter { $0.submissionRefusal == nil } == ObligationState.awaitingUnit)
        #expect(ObligationState.notInForce == [.handedOver, .withdrawn])
        #expect(ObligationState.submitted.submissionRefusal?.en == "Already submitted and awaiting review")
        #expect(ObligationState.withdrawn.submissionRefusal == ObligationState.handedOver.submissionRefusal)
    }

    @Test("more time goes to obligations the unit still has to do")
    func extensible() {
        #expect(ObligationState.allCases.filter(\.mayBeExtended) == [.open, .submitted, .returned])
    }

    @Test("a new due date comes after the current one and not past the campaign's end")
    func extensionDates() {
        #expect(DeadlineExtension(until: due.adding(days: 1)).problems(currentDue: due, campaignEndsOn: end).isEmpty)
        #expect(DeadlineExtension(until: end).problems(currentDue: due, campaignEndsOn: end).isEmpty)
        #expect(DeadlineExtension(until: due).problems(currentDue: due, campaignEndsOn: end).map(\.message.en)
            == ["The new date must be after the current due date (30/06/2026)"])
        #expect(DeadlineExtension(until: end.adding(days: 1)).problems(currentDue: due, campaignEndsOn: end).map(\.message.en)
            == ["An extension cannot go past the campaign's end (31/12/2026)"])
        #expect(DeadlineExtension(until: due.adding(days: -1)).problems(currentDue: due, campaignEndsOn: due.adding(days: -2)).count == 2)
    }
}
