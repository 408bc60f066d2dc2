import LamTheoCore

/// One exemplar: its facts, figures before and after, evidence, lifecycle log, commendations and where it
/// spread; and the forms of the steps its reader may take.
enum ExemplarShow {}

extension ExemplarShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let verifyForm = "verify", commendForm = "commend", replicationForm = "replication", adoptionForm = "adoption", evidenceForm = "evidence"

    struct Choice: Sendable, Hashable {
        let id: Int
        let title: String
    }

    struct Model: Sendable {
        struct Figure: Sendable {
            let indicator: String
            let before: Double?
            let after: Double
            let unit: String?
        }

        struct Event: Sendable {
            let action: ExemplarAction
            let onDate: CalendarDate
            let actor: String?
            let unitName: String?
            let note: String?
        }

        struct Decision: Sendable {
            let form: CommendationForm
            let grantingName: String
            let documentNumber: String
            let documentTitle: String
            let grantedOn: CalendarDate
        }

        struct Spread: Sendable {
            let unitName: String
            let adoptedOn: CalendarDate
            let results: String
            let figures: [Figure]
        }

        struct Evidence: Sendable {
            let id: Int
            let fileName: String
            let description: String?
        }

        let id: Int
        let title: String
        let kind: ExemplarKind
        let state: ExemplarState
        let unitId: Int
        let unitName: String
        let summary: String?
        let memberName: String?
        let theme: String?
        let nominatedByName: String
        let nominatedOn: CalendarDate
        let verifiedByName: String?
        let verifiedOn: CalendarDate?
        let verificationNote: String?
        let figures: [Figure]
        let sources: [String]
        let evidence: [Evidence]
        let events: [Event]
        let commendations: [Decision]
        let adoptions: [Spread]
        // What the reader may do.
        let mayAddEvidence: Bool
        let mayVerify: Bool
        /// The levels the reader may commend at (the unit and above), empty when it cannot be commended now.
        let grantingLevels: [Choice]
        let decisions: [Choice]
        /// The committee that would ask, and the units under it it may ask.
        let replicationIssuer: Choice?
        let replicationUnits: [Choice]
        let adoptingUnits: [Choice]
    }
}
