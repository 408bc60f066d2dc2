import LamTheoCore

/// The public side of a site's feedback: the form (Vietnamese, phone first), the receipt with its tracking code, and
/// the tracking page, which shows where an item stands and, once published, its answer — never who sent it.
enum FeedbackForm {}

extension FeedbackForm {
    static let name = "feedback"

    struct Receipt: Sendable {
        let code: String
        let answerDueOn: CalendarDate
        let attachments: Int
    }

    /// What the tracking page shows of an item.
    struct Tracked: Sendable {
        let code: String
        let topic: LocalizedText
        let state: FeedbackState
        let receivedOn: CalendarDate
        let answerDueOn: CalendarDate
        let answeredOn: CalendarDate?
        /// Only once published.
        let answer: String?
        let rejectionReason: String?

        init(_ feedback: Feedback) {
            code = feedback.code
            topic = feedback.topicText
            state = feedback.state
            receivedOn = feedback.receivedOn
            answerDueOn = feedback.answerDueOn
            answeredOn = feedback.answeredOn
            answer = feedback.state == .published ? feedback.answer : nil
            rejectionReason = feedback.rejectionReason
        }
    }
}
