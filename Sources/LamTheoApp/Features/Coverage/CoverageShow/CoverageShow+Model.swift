import LamTheoCore

/// A campaign's page: how far it has got at a unit (by default the launching unit, or the caller's own), for
/// the subtree and the unit itself, its obligations by status, and every child with the laggards first.
enum CoverageShow {}

extension CoverageShow {
    struct Model: Sendable {
        let campaign: CampaignHeading
        /// The document the campaign rolls out, and its number and title (nil when it cannot be read).
        let documentId: Int
        let document: (symbol: String, title: String)?
        /// ISO date as stored.
        let reflectionDueOn: CalendarDate?
        /// The unit shown.
        let unit: UnitLink
        /// The unit is a cell: its subtree is itself, so its figures are shown once, under its name.
        let isCell: Bool
        /// From the launching unit (or the reader's highest readable one) down to the unit shown, itself last.
        let lineage: [UnitLink]
        let subtree: Coverage
        let own: Coverage
        /// The unit's own obligations, earliest due first.
        let ownObligations: [OwnObligation]
        let order: LaggingOrder
        /// The units directly under it, furthest behind first by `order`.
        let children: [Child]
        let requirements: [Requirement]
        /// The campaign is running and the reader may close it.
        let canClose: Bool
        /// Whether the reader may publish results on a site (the portal's `publish`): the page links to the choice.
        var canPublish = false
        /// The campaign's own history in the audit trail (launched, edited, closed), newest first.
        let changes: [AuditEntry]
        /// Other features' figures of the subtree for the campaign (`CampaignPageFigures`).
        var moreFigures: [DashboardFigure] = []

        struct OwnObligation: Sendable, Hashable {
            let id: Int
            let requirementTitle: String
            let standing: ObligationStanding
        }

        struct Child: Sendable {
            let unit: UnitLink
            let coverage: Coverage
        }

        struct Requirement: Sendable, Hashable {
            let title: String
            /// ISO date as stored.
            let dueOn: CalendarDate
        }

        /// Whether the unit has anything of its own to show beside its subtree (a cell's own figures are its subtree's).
        var showsOwn: Bool { !isCell && (own.members > 0 || !ownObligations.isEmpty || own.sessionsHeld > 0) }
    }
}
