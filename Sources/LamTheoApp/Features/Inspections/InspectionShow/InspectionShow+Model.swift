import LamTheoCore

/// One inspection: its facts, team, units and their self-reports, steps with their state, sessions, findings
/// with their criticisms, conclusion and recommendations with their tasks' states; the form of each step for
/// who may record it, and the team's reads for the committee's readers.
enum InspectionShow {}

extension InspectionShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let planForm = "plan", selfReportForm = "self-report", sessionForm = "session", findingForm = "finding", criticismForm = "criticism",
               conclusionForm = "conclusion", recommendationForm = "recommendation"

    struct Model: Sendable {
        let inspection: InspectionAPI.DetailDTO
        /// "138-QĐNS/TU — Quyết định thành lập Đoàn kiểm tra", by id.
        let documentTitles: [Int: String]
        /// The documents a step's form offers, latest first.
        let documentChoices: [(id: Int, title: String)]
        /// The caller records the steps (an editor of the deciding committee).
        let mayRecord: Bool
        /// The inspected units whose self-report the caller may send.
        let selfReportUnits: [Int]
        /// The team's latest reads under the grant, for the committee's readers; nil for others.
        let reads: [InspectionAPI.ReadDTO]?
        let today: CalendarDate
    }
}
