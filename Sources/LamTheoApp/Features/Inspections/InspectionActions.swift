import Fluent
import LamTheoCore
import Vapor

/// Inspection writes as a caller makes them, shared by the API and the pages. The deciding committee's editors
/// record every step; an inspected unit's editors may also send its self-report. The committee's readers, the
/// inspected units' readers and the team see the inspection.
enum InspectionActions {
    static func create(_ input: InspectionInput, request: Request) async throws -> Inspection {
        guard let committeeId = input.organizationId, let committee = try await Organization.find(committeeId, on: request.reads) else {
            throw DomainError.invalid(field: "organizationId", LocalizedText(vi: "Không tìm thấy cấp ủy ra quyết định", en: "Deciding committee not found"))
        }
        try request.require(.edit, at: committee.treePath)
        return try await request.write(AuditSubject("inspection.create", Inspection.self)) { try await InspectionCommands.create(input, on: $0) }
    }

    static func sendPlan(_ id: Int, _ input: InspectionPlanInput, request: Request) async throws -> Inspection {
        try await step(id, "inspection.plan", request: request) { try await InspectionCommands.sendPlan(id, input, on: $0) }
    }

    static func recordSelfReport(_ id: Int, _ input: InspectionSelfReportInput, request: Request) async throws -> InspectedUnit {
        let inspection = try await require(id, request: request)
        let actor = try request.requireActor()
        let unit = try await input.organizationId.asyncMap { try await InspectedUnit.query(on: request.reads).filter(\.$inspectionId == id)
            .filter(\.$organizationId == $0).first() } ?? nil
        guard actor.can(.edit, at: inspection.treePath) || unit.map({ actor.can(.edit, at: $0.treePath) }) == true else { throw Abort(.forbidden) }
        return try await request.write(AuditSubject("inspection.self-report", Inspection.self, id: id)) {
            try await InspectionCommands.recordSelfReport(id, input, on: $0)
        }
    }

    static func recordSession(_ id: Int, _ input: InspectionSessionInput, request: Request) async throws -> InspectionSession {
        try await step(id, "inspection.session", request: request) { try await InspectionCommands.recordSession(id, input, on: $0) }
    }

    static func recordFinding(_ id: Int, _ input: InspectionFindingInput, request: Request) async throws -> InspectionFinding {
        try await step(id, "inspection.finding", request: request) { try await InspectionCommands.recordFinding(id, input, on: $0) }
    }

    static func recordCriticism(_ id: Int, _ input: InspectionCriticismInput, request: Request) async throws -> InspectionCriticism {
        try await step(id, "inspection.criticism", request: request) { try await InspectionCommands.recordCriticism(id, input, on: $0) }
    }

    static func conclude(_ id: Int, _ input: InspectionConclusionInput, request: Request) async throws -> Inspection {
        try await step(id, "inspection.conclusion", request: request) { try await InspectionCommands.conclude(id, input, on: $0) }
    }

    static func recommend(_ id: Int, _ input: FollowUpTaskInput, request: Request) async throws -> [FollowUpTask] {
        let actor = try request.requireActor().displayName
        return try await step(id, "inspection.recommendation", request: request) { try await InspectionCommands.recommend(id, input, by: actor, on: $0) }
    }

    static func close(_ id: Int, _ input: InspectionClosureInput, request: Request) async throws -> Inspection {
        try await step(id, "inspection.closure", request: request) { try await InspectionCommands.close(id, input, on: $0) }
    }

    /// The inspection, if the caller reads its committee or one of its units, or is on its team; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Inspection {
        let inspection = try await InspectionQueries.require(id, on: request.reads)
        let actor = try request.requireActor()
        if actor.can(.read, at: inspection.treePath) { return inspection }
        let units = try await InspectedUnit.query(on: request.reads).filter(\.$inspectionId == id).all()
        if let unit = units.first(where: { actor.can(.read, at: $0.treePath) }) {
            request.noteLentReading(at: unit.treePath)
            return inspection
        }
        let onTeam = try await InspectionTeamMember.query(on: request.reads).filter(\.$inspectionId == id).filter(\.$userId == actor.userId).count() > 0
        guard onTeam else { throw Abort(.notFound) }
        return inspection
    }

    /// Whether the caller records the inspection's steps: an editor of the deciding committee.
    static func mayRecord(_ inspection: Inspection, actor: Actor) -> Bool {
        actor.can(.edit, at: inspection.treePath)
    }

    /// A step recorded by the committee: refused (403) to a caller who reads the inspection but may not record it.
    private static func step<T: Sendable>(_ id: Int, _ action: String, request: Request,
                                          _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let inspection = try await require(id, request: request)
        guard mayRecord(inspection, actor: try request.requireActor()) else { throw Abort(.forbidden) }
        return try await request.write(AuditSubject(action, Inspection.self, id: id), body)
    }
}

extension Inspection {
    /// The inspection's own fields and how many of each record hang off it, so the trail shows what a step added.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let inspection = try await Inspection.find(id, on: db) else { return nil }
        let progress = try await InspectionQueries.progress(of: inspection, on: db)
        let criticisms = try await InspectionCriticism.query(on: db).join(InspectionFinding.self, on: \InspectionCriticism.$findingId == \InspectionFinding.$id)
            .filter(InspectionFinding.self, \.$inspectionId == id).count()
        var fields = inspection.auditFields
        fields["selfReports"] = String(progress.selfReports)
        fields["sessions"] = String(progress.sessions)
        fields["findings"] = String(progress.findings)
        fields["criticisms"] = String(criticisms)
        fields["recommendations"] = String(progress.recommendations)
        return try AuditSnapshot.json(fields)
    }
}
