import Fluent
import LamTheoCore

extension StudySessionShow {
    enum Query {
        /// The unit and its lineage, the campaign, the documents, the bridge points, the marks with their
        /// members, the attendance counts and the audit trail.
        static func run(_ session: StudySession, readableBy actor: Actor, on db: any Database) async throws -> Model {
            let id = session.requireID()
            let unit = try await OrganizationQueries.require(session.organizationId, on: db)
            let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
            let campaign = try await session.campaignId.asyncMap { try await CampaignQueries.require($0, on: db) }
            let documents = try await StudyQueries.documents(of: id, on: db)
            let points = try await StudyQueries.bridgePoints(of: id, on: db)
            let marks = try await StudyQueries.marks(of: id, on: db)
            let summary = try await StudyQueries.attendanceSummaries(of: [id], on: db)[id] ?? AttendanceSummary()
            let changes = try await AuditPages.history(of: StudySession.auditEntity, key: id, on: db)
            return Model(
                id: id, title: session.title, unit: UnitLink(unit), lineage: lineage.map(UnitLink.init), heldOn: session.heldOn,
                campaignTitle: campaign?.title, format: session.format, presenter: session.presenter,
                documents: documents.map { Model.Document(symbol: $0.symbol, title: $0.title) },
                nonMemberAttendees: session.nonMemberAttendees, attendance: summary, canEdit: actor.can(.edit, at: session.treePath),
                bridgePoints: points.map { Model.BridgePoint(name: $0.name, attendeeCount: $0.attendeeCount) },
                marks: marks.map { Model.Mark(memberId: $0.member.requireID(), fullName: $0.member.fullName, status: $0.attendance?.status,
                                              reason: $0.attendance?.reason) },
                changes: changes)
        }
    }
}
