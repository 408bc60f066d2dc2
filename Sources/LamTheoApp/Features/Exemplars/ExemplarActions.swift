import Fluent
import LamTheoCore
import Vapor

/// Exemplar writes as a caller makes them, shared by the API and the pages. Editors of the unit (or of its
/// parent, nominating for it) nominate and add evidence; editors of the level above verify; editors of the
/// granting level commend; editors of a committee ask units under it to replicate; editors of the adopting
/// unit record the adoption. Readers of the unit see it, and once commended every reader does: it is there
/// to be copied.
enum ExemplarActions {
    static func nominate(_ input: ExemplarInput, request: Request) async throws -> Exemplar {
        if let unitId = input.nominatingOrganizationId ?? input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("exemplar.nominate", Exemplar.self)) {
            try await ExemplarCommands.nominate(input, by: actor, on: $0)
        }
    }

    static func verify(_ id: Int, _ input: ExemplarVerificationInput, request: Request) async throws -> Exemplar {
        let exemplar = try await require(id, request: request)
        try requireEditor(at: exemplar.treePath.parent ?? exemplar.treePath, request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("exemplar.verify", Exemplar.self, id: id)) {
            try await ExemplarCommands.verify(id, input, by: actor, on: $0)
        }
    }

    static func commend(_ id: Int, _ input: CommendationInput, request: Request) async throws -> Commendation {
        _ = try await require(id, request: request)
        try await requireEditor(of: input.grantingOrganizationId, request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("exemplar.commend", Exemplar.self, id: id)) {
            try await ExemplarCommands.commend(id, input, by: actor, on: $0)
        }
    }

    static func requestReplication(_ id: Int, _ input: ReplicationRequestInput, request: Request) async throws -> [FollowUpTask] {
        _ = try await require(id, request: request)
        try await requireEditor(of: input.issuerOrganizationId, request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("exemplar.requestReplication", Exemplar.self, id: id)) {
            try await ExemplarCommands.requestReplication(id, input, by: actor, on: $0)
        }
    }

    static func adopt(_ id: Int, _ input: AdoptionInput, request: Request) async throws -> ExemplarAdoption {
        _ = try await require(id, request: request)
        try await requireEditor(of: input.organizationId, request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("exemplar.adopt", Exemplar.self, id: id)) {
            try await ExemplarCommands.adopt(id, input, by: actor, on: $0)
        }
    }

    static func addEvidence(_ id: Int, _ input: ExemplarEvidenceInput, request: Request) async throws -> ExemplarEvidence {
        let exemplar = try await require(id, request: request)
        try requireEditor(at: exemplar.treePath, request: request)
        let actor = try request.requireActor().displayName
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("exemplar.addEvidence", Exemplar.self, id: id)) {
            try await ExemplarCommands.addEvidence(id, input, store: store, by: actor, on: $0)
        }
    }

    static func evidenceFile(_ evidenceId: Int, of id: Int, request: Request) async throws -> Response {
        _ = try await require(id, request: request)
        guard let evidence = try await ExemplarEvidence.query(on: request.reads).filter(\.$id == evidenceId).filter(\.$exemplarId == id).first() else {
            throw Abort(.notFound)
        }
        return try evidence.evidenceDownload(from: request.application.documentFiles)
    }

    static func addAuthorityVersion(_ input: CommendationAuthorityInput, request: Request) async throws -> [CommendationAuthorityRecord] {
        try await request.write(AuditSubject("exemplar.authority", CommendationAuthorityRecord.self)) {
            try await ExemplarCommands.addAuthorityVersion(input, on: $0)
        }
    }

    static func setNominationRule(_ input: ExemplarNominationRuleInput, request: Request) async throws -> CollectiveNominationRule {
        try await request.write(AuditSubject("exemplar.nominationRule", CommendationAuthorityRecord.self)) {
            try await ExemplarCommands.setNominationRule(input, on: $0)
        }
    }

    /// The exemplar, if the caller may read it; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Exemplar {
        let exemplar = try await ExemplarQueries.require(id, on: request.reads)
        guard mayRead(exemplar, actor: try request.requireActor()) else { throw Abort(.notFound) }
        return exemplar
    }

    static func mayRead(_ exemplar: Exemplar, actor: Actor) -> Bool {
        actor.can(.read, at: exemplar.treePath) || (ExemplarState.commendedOrLater.contains(exemplar.state) && actor.canSomewhere(.read))
    }

    /// Refused (403: the caller reads the exemplar) unless the caller edits at `path`.
    private static func requireEditor(at path: TreePath, request: Request) throws {
        guard try request.requireActor().can(.edit, at: path) else { throw Abort(.forbidden) }
    }

    /// Refused unless the caller edits at the unit named; a unit not named or not found is the command's to refuse.
    private static func requireEditor(of unitId: Int?, request: Request) async throws {
        if let unitId, let unit = try await Organization.find(unitId, on: request.reads) {
            try requireEditor(at: unit.treePath, request: request)
        }
    }
}
