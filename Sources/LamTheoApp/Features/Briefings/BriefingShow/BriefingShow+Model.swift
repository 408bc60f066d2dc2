import LamTheoCore

/// One briefing: its facts, the previous briefing's tasks when it follows one of its series, the agenda and the
/// questions, the contributions with who has and has not sent one and the count of those presented, the
/// conclusions with their tasks; and the forms its reader may use — an invited unit's contribution, the
/// committee's marking of contributions presented and its conclusions.
enum BriefingShow {}

extension BriefingShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let contributionForm = "contribution", conclusionForm = "conclusion"

    struct Model: Sendable {
        struct Choice: Sendable {
            let id: Int
            let name: String
        }

        let detail: BriefingDetail
        /// Whether the meeting's day has come: contributions are then marked presented and conclusions written.
        let held: Bool
        /// An editor of the committee.
        let mayRun: Bool
        /// The invited units the reader may send a contribution for.
        let contributors: [Choice]
    }
}
