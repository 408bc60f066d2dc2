import LamTheoCore

/// An organisation's page: what it is, its figures, the units under it, its history and its changes.
enum OrganizationShow {}

extension OrganizationShow {
    struct Model: Sendable {
        let unit: UnitLink
        let code: String
        let kind: LocalizedText
        let status: OrganizationStatus
        let validFrom: CalendarDate
        let validTo: CalendarDate?
        /// Where a merged unit went.
        let mergedInto: UnitLink?
        /// A cell: it holds members, not units.
        let holdsMembers: Bool
        /// The units above it that the reader may read, the top first.
        let lineage: [UnitLink]
        let subtreeMembers: Int
        /// Active units directly under it.
        let childCount: Int
        /// The units directly under it (closed ones too when asked for).
        let children: [UnitRow]
        /// Newest first.
        let versions: [Version]
        /// The audit trail's record of it, newest first.
        let changes: [AuditEntry]
        /// The reader may add under it and edit it (the edit routes' capability here).
        let canEdit: Bool
        /// The reader may move, merge and dissolve it.
        let canRestructure: Bool

        struct Version: Sendable, Hashable {
            let validFrom: CalendarDate
            let change: OrganizationChange
            let name: String
            let code: String
            let kind: LocalizedText
            let note: String?
        }

        var isActive: Bool { status == .active }
    }
}
