import Fluent
import Foundation
import LamTheoCore
import SQLKit

enum InspectionQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Inspection {
        guard let inspection = try await Inspection.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy cuộc kiểm tra, giám sát số \(id)", en: "Inspection \(id) not found"))
        }
        return inspection
    }

    /// How far the inspection has got, from its records and its recommendations' tasks.
    static func progress(of inspection: Inspection, on db: any Database) async throws -> InspectionProgress {
        let id = inspection.requireID()
        let units = try await InspectedUnit.query(on: db).filter(\.$inspectionId == id).all()
        let tasks = try await recommendations(of: id, on: db)
        return InspectionProgress(
            planSent: inspection.planSentOn != nil, unitsInspected: units.count, selfReports: units.filter { $0.selfReportOn != nil }.count,
            sessions: try await InspectionSession.query(on: db).filter(\.$inspectionId == id).count(),
            findings: try await InspectionFinding.query(on: db).filter(\.$inspectionId == id).count(),
            concluded: inspection.conclusionDocumentId != nil, recommendations: tasks.count,
            recommendationsFinished: tasks.filter { FollowUpState.finished.contains($0.state) }.count, closed: inspection.closedOn != nil)
    }

    /// The inspection's recommendations: the follow-up tasks it issued (their reports are the remediation).
    static func recommendations(of id: Int, on db: any Database) async throws -> [FollowUpTask] {
        try await FollowUpTask.query(on: db).filter(\.$originKind == Inspection.originKind).filter(\.$originId == id).sort(\.$id).all()
    }

    /// The inspections that concern `unit`'s subtree, latest first: decided by a committee in it, or inspecting a unit in it.
    static func list(of unit: Organization, page: Int, perPage: Int, on db: any Database) async throws -> Page<Inspection> {
        let subtree = unit.treePath
        let condition: SQLQueryString = """
            \(column: "i.organization_path", in: subtree)
            OR EXISTS (SELECT 1 FROM inspection_units u WHERE u.inspection_id = i.id AND \(column: "u.organization_path", in: subtree))
            """
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM inspections i WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT i.id FROM inspections i WHERE \(condition) ORDER BY i.starts_on DESC, i.id DESC
            LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let found = try await Inspection.query(on: db).filter(\.$id ~~ ids).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Page(items: found.sorted { order[$0.id!]! < order[$1.id!]! }, page: page, perPage: perPage, total: total)
    }

    /// The subtrees lent to the account on `day`: the units of every inspection it is on the team of, while the
    /// inspection runs and is not closed.
    static func lentScopes(to userId: Int, on day: CalendarDate, on db: any Database) async throws -> [(lenderId: Int, scope: TreePath)] {
        try await db.sql.raw("""
            SELECT u.inspection_id, u.organization_path FROM inspection_team t
            JOIN inspections i ON i.id = t.inspection_id
            JOIN inspection_units u ON u.inspection_id = i.id
            WHERE t.user_id = \(bind: userId) AND i.closed_on IS NULL AND i.starts_on <= \(bind: day) AND i.ends_on >= \(bind: day)
            ORDER BY u.inspection_id, u.organization_path
            """).all().compactMap { row in
            let lender = try row.decode(column: "inspection_id", as: Int.self)
            return TreePath(rawValue: try row.decode(column: "organization_path", as: String.self)).map { (lenderId: lender, scope: $0) }
        }
    }

    static func logRead(_ read: LentRead, on db: any Database) async throws {
        let row = InspectionRead()
        row.inspectionId = read.lenderId
        row.userId = read.userId
        row.username = read.username
        row.organizationId = read.organizationId
        row.page = read.page
        row.readAt = Date()
        try await row.create(on: db)
    }

    /// The team's reads under the inspection's grant, latest first.
    static func reads(of id: Int, limit: Int = 200, on db: any Database) async throws -> [InspectionRead] {
        try await InspectionRead.query(on: db).filter(\.$inspectionId == id).sort(\.$id, .descending).limit(limit).all()
    }
}

/// The inspection with everything recorded on it, as its page and the API show it.
struct InspectionRecord: Sendable {
    let inspection: Inspection
    let team: [InspectionTeamMember]
    let units: [InspectedUnit]
    let sessions: [InspectionSession]
    let findings: [InspectionFinding]
    let criticisms: [InspectionCriticism]
    let recommendations: [FollowUpTask]
    let progress: InspectionProgress
    /// Units' and members' names, documents' symbols, by id.
    let unitNames: [Int: String]
    let memberNames: [Int: String]
    let documents: [Int: String]

    static func load(_ inspection: Inspection, on db: any Database) async throws -> InspectionRecord {
        let id = inspection.requireID()
        let team = try await InspectionTeamMember.query(on: db).filter(\.$inspectionId == id).sort(\.$id).all()
        let units = try await InspectedUnit.query(on: db).filter(\.$inspectionId == id).sort(\.$organizationPath).all()
        let sessions = try await InspectionSession.query(on: db).filter(\.$inspectionId == id).sort(\.$heldOn).sort(\.$id).all()
        let findings = try await InspectionFinding.query(on: db).filter(\.$inspectionId == id).sort(\.$id).all()
        let criticisms = try await InspectionCriticism.query(on: db).filter(\.$findingId ~~ findings.compactMap(\.id)).sort(\.$id).all()
        let tasks = try await InspectionQueries.recommendations(of: id, on: db)
        let unitIds = [inspection.organizationId] + units.map(\.organizationId) + findings.map(\.organizationId)
            + criticisms.compactMap(\.organizationId) + tasks.map(\.organizationId)
        let memberIds = criticisms.compactMap(\.memberId)
        let members = try await Member.query(on: db).filter(\.$id ~~ memberIds).all()
        let documentIds = [inspection.decisionDocumentId] + [inspection.conclusionDocumentId].compactMap { $0 }
            + units.compactMap(\.selfReportDocumentId) + sessions.compactMap(\.minutesDocumentId)
        let documents = try await Document.query(on: db).filter(\.$id ~~ documentIds).all()
        return InspectionRecord(
            inspection: inspection, team: team, units: units, sessions: sessions, findings: findings, criticisms: criticisms, recommendations: tasks,
            progress: try await InspectionQueries.progress(of: inspection, on: db),
            unitNames: try await OrganizationQueries.names(Set(unitIds), on: db),
            memberNames: Dictionary(uniqueKeysWithValues: members.map { ($0.requireID(), $0.fullName) }),
            documents: Dictionary(uniqueKeysWithValues: documents.map { ($0.requireID(), "\($0.symbol) — \($0.title)") }))
    }
}
