import LamTheoCore

/// One follow-up task: what, for whom, from where, by when; its dated log; and the forms its reader may use —
/// the owner's report, the issuer's review, extension and cancellation.
enum FollowUpShow {}

extension FollowUpShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let reportForm = "report", reviewForm = "review", extensionForm = "extension"

    struct Model: Sendable {
        struct Event: Sendable {
            let action: FollowUpAction
            let onDate: CalendarDate
            let actor: String?
            let note: String?
            let until: CalendarDate?
        }

        let id: Int
        let title: String
        let origin: String
        /// The page of the record it came from, when its origin is registered.
        let originLink: String?
        let issuerName: String
        let unitId: Int
        let unitName: String
        let responsible: String
        let requiredEvidence: String?
        let dueOn: CalendarDate
        let extendedUntil: CalendarDate?
        let state: FollowUpState
        let status: FollowUpStatus
        let reportCount: Int
        let events: [Event]
        let mayReport: Bool
        let mayActAsIssuer: Bool
    }
}
