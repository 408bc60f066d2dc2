import Fluent
import LamTheoCore
import Vapor

/// Briefing writes and reads as a caller makes them, shared by the API and the pages: the committee's editors
/// create a briefing, mark contributions presented, write conclusions and register the notice; an invited unit's
/// editors send its contribution; readers of the committee and readers of an invited unit see the briefing.
enum BriefingActions {
    static func create(_ input: BriefingInput, request: Request) async throws -> Briefing {
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        return try await request.write(AuditSubject("briefing.create", Briefing.self)) {
            try await BriefingCommands.create(input, on: $0)
        }
    }

    static func contribute(_ id: Int, _ input: ContributionInput, request: Request) async throws -> BriefingContribution {
        _ = try await require(id, request: request)
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads),
           !(try request.requireActor().can(.edit, at: unit.treePath)) {
            throw Abort(.forbidden)
        }
        let actor = try request.requireActor().displayName
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("briefing.contribute", BriefingContribution.self)) {
            try await BriefingCommands.contribute(to: id, input, by: actor, store: store, on: $0)
        }
    }

    static func markPresented(_ contributionId: Int, of id: Int, request: Request) async throws -> BriefingContribution {
        try requireCommittee(try await require(id, request: request), request: request)
        _ = try await BriefingQueries.contribution(contributionId, of: id, on: request.reads)
        return try await request.write(AuditSubject("briefing.present", BriefingContribution.self, id: contributionId)) {
            try await BriefingCommands.markPresented(contributionId, of: id, on: $0)
        }
    }

    static func conclude(_ id: Int, _ input: ConclusionInput, request: Request) async throws -> BriefingConclusion {
        try requireCommittee(try await require(id, request: request), request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("briefing.conclude", BriefingConclusion.self)) {
            try await BriefingCommands.conclude(id, input, by: actor, on: $0)
        }
    }

    static func registerNotice(_ id: Int, _ input: NoticeInput, request: Request) async throws -> Briefing {
        try requireCommittee(try await require(id, request: request), request: request)
        return try await request.write(AuditSubject("briefing.notice", Briefing.self, id: id)) {
            try await BriefingCommands.registerNotice(id, input, on: $0)
        }
    }

    /// A contribution's file, to whoever reads the briefing.
    static func file(of contributionId: Int, briefing id: Int, request: Request) async throws -> Response {
        _ = try await require(id, request: request)
        return try await BriefingQueries.contribution(contributionId, of: id, on: request.reads).evidenceDownload(from: request.application.documentFiles)
    }

    /// The briefing, if the caller reads its committee or one of its invited units; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Briefing {
        let briefing = try await BriefingQueries.require(id, on: request.reads)
        let actor = try request.requireActor()
        guard actor.can(.read, at: briefing.treePath) else {
            let invited = try await BriefingQueries.invitedUnits(of: id, on: request.reads)
            guard invited.contains(where: { actor.can(.read, at: $0.treePath) }) else { throw Abort(.notFound) }
            return briefing
        }
        return briefing
    }

    /// Whether the caller runs the briefing: an editor of its committee.
    static func mayRun(_ briefing: Briefing, actor: Actor) -> Bool {
        actor.can(.edit, at: briefing.treePath)
    }

    /// Refused (403, not 404: the caller reads the briefing) unless the caller runs it.
    private static func requireCommittee(_ briefing: Briefing, request: Request) throws {
        guard mayRun(briefing, actor: try request.requireActor()) else { throw Abort(.forbidden) }
    }
}
