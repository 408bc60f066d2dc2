import LamTheoCore

/// One feedback item for the officers: what was sent, by whom (personal data, each view logged), its files and log,
/// and the steps its editors may take.
enum FeedbackShow {}

extension FeedbackShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let forwardForm = "forward", answerForm = "answer", rejectionForm = "rejection"

    struct Model: Sendable {
        struct Contact: Sendable {
            let name: String?
            let address: String?
            let phone: String?
            let email: String?
        }

        struct Attachment: Sendable {
            let id: Int
            let fileName: String
            let size: Int
        }

        struct Event: Sendable {
            let action: FeedbackAction
            let onDate: CalendarDate
            let actor: String?
            let unitName: String?
            let note: String?
        }

        let id: Int
        let code: String
        let topic: LocalizedText
        let content: String
        let state: FeedbackState
        let overdue: Bool
        let siteName: String
        let unitId: Int
        let unitName: String
        let receivedOn: CalendarDate
        let answerDueOn: CalendarDate
        let consentsToPublish: Bool
        let answer: String?
        let answeredOn: CalendarDate?
        let rejectionReason: String?
        /// nil once erased (`contactErasedOn`).
        let contact: Contact?
        let contactErasedOn: CalendarDate?
        let attachments: [Attachment]
        let events: [Event]
        /// Active units under the one responsible, by their place in the tree.
        let forwardTargets: [(id: Int, name: String)]
        let mayEdit: Bool
    }
}
