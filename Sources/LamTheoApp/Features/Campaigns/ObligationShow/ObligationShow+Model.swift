import LamTheoCore

/// An obligation's page: what the unit must do by when, where it stands, its submissions, and the forms to
/// submit it (for the unit), review or extend it (for the level above).
enum ObligationShow {}

extension ObligationShow {
    struct Model: Sendable {
        let id: Int
        let campaign: CampaignHeading
        let unit: UnitLink
        let requirementTitle: String
        let requirementKind: RequirementKind
        let minimumSessions: Int?
        let standing: ObligationStanding
        let extensionReason: String?
        /// Oldest first.
        let submissions: [Submission]
        /// The reader may submit it (the unit's own work, not yet done, in a running campaign).
        let canSubmit: Bool
        /// The reader edits at the level above: they review and extend.
        let canReview: Bool
        /// The unit's registered documents, one of which it submits as its plan; read only when it may submit.
        let plans: [DocumentRef]
        /// Said above the submission form when the deadline is today or past: whether a submission now is marked late or refused.
        var deadlineNotice: LocalizedText?

        struct Submission: Sendable, Hashable {
            let number: Int
            /// ISO date as stored.
            let submittedOn: CalendarDate
            /// The document submitted, and its number (nil when the document cannot be read).
            let documentId: Int?
            let documentSymbol: String?
            let note: String?
            /// `.accepted` or `.returned` once reviewed.
            let outcome: ObligationState?
            let reviewComment: String?
            /// Sent after the due date.
            var late = false
        }

        struct DocumentRef: Sendable, Hashable {
            let id: Int
            let symbol: String
            let title: String
        }
    }
}
