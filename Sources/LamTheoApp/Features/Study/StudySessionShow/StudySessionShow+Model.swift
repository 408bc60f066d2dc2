import LamTheoCore

/// A study session's page: when, where and how it was held, what was studied, who came, and its changes.
enum StudySessionShow {}

extension StudySessionShow {
    struct Model: Sendable {
        let id: Int
        let title: String
        /// The unit that held it, and the units above it the reader may read, the top first (the unit itself last).
        let unit: UnitLink
        let lineage: [UnitLink]
        /// ISO date as stored.
        let heldOn: CalendarDate
        let campaignTitle: String?
        let format: StudyFormat
        let presenter: String?
        let documents: [Document]
        let nonMemberAttendees: Int
        let attendance: AttendanceSummary
        /// The reader may take attendance, edit and delete it.
        let canEdit: Bool
        let bridgePoints: [BridgePoint]
        /// The members marked, in Vietnamese name order.
        let marks: [Mark]
        /// The audit trail's record of it, newest first.
        let changes: [AuditEntry]

        struct Document: Sendable, Hashable {
            let symbol: String
            let title: String
        }

        struct BridgePoint: Sendable, Hashable {
            let name: String
            let attendeeCount: Int
        }

        struct Mark: Sendable, Hashable {
            let memberId: Int
            let fullName: String
            let status: AttendanceStatus?
            let reason: String?
        }
    }
}
