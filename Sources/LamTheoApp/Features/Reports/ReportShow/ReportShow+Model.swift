import LamTheoCore

/// A report's page: its state, the preview of the document as it would be issued today, where its figures' totals
/// disagree, the versions issued, and what the caller may do.
enum ReportShow {
    struct Model: Sendable {
        struct Version: Sendable {
            let number: Int
            let symbol: String
            let issuedOn: CalendarDate
            let format: String
            let docxSha256: String
            let issuedBy: String
        }

        let id: Int
        let unitId: Int
        let unitName: String
        let kind: ReportKind
        let status: ReportStatus
        let day: CalendarDate
        let period: ReportingPeriod
        /// While composing: the steps of the job done, out of how many, once it has begun.
        let progress: JobProgress?
        let superiorBody: String
        let issuingBody: String
        let place: String
        let subject: String
        let recipients: [String]
        let authority: String
        let signerTitle: String
        let signerName: String
        /// nil until the figures are gathered.
        let outline: ReportOutline?
        let discrepancies: [String]
        let versions: [Version]
        let mayEdit: Bool
    }

    struct JobProgress: Sendable {
        let done: Int
        let total: Int
    }
}
