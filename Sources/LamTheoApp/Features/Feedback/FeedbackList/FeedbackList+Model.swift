import LamTheoCore

/// A unit's feedback: its subtree's figures, the list (open, overdue, answered or all; overdue first) and the
/// answer deadline in force there, which its editors may change for the subtree.
enum FeedbackList {}

extension FeedbackList {
    static let title = LocalizedText(vi: "Ý kiến, kiến nghị", en: "Feedback")
    static let settingsForm = "settings"

    struct Model: Sendable {
        struct Row: Sendable {
            let id: Int
            let code: String
            let topic: LocalizedText
            let unitName: String
            let receivedOn: CalendarDate
            let answerDueOn: CalendarDate
            let state: FeedbackState
            let overdue: Bool
        }

        let unitId: Int
        let unitName: String
        let figures: FeedbackFigures
        let status: FeedbackListStatus?
        let rows: [Row]
        let page: Int
        let pageCount: Int
        let total: Int
        let answerDays: Int
        let mayConfigure: Bool
    }
}
