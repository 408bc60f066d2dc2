import Fluent
import LamTheoCore
import Vapor

/// Follow-up writes as a caller makes them, shared by the API and the pages: an editor of the owner unit
/// reports; an editor of the issuing unit reviews, extends and cancels; readers of either see the task.
enum FollowUpActions {
    static func report(_ id: Int, _ input: FollowUpReportInput, request: Request) async throws -> FollowUpTask {
        let task = try await require(id, request: request)
        try request.require(.edit, at: task.treePath)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("follow-up.report", FollowUpTask.self, id: id)) {
            try await FollowUpCommands.report(id, input, by: actor, on: $0)
        }
    }

    static func review(_ id: Int, _ input: FollowUpReviewInput, request: Request) async throws -> FollowUpTask {
        try await requireIssuer(of: try await require(id, request: request), request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("follow-up.review", FollowUpTask.self, id: id)) {
            try await FollowUpCommands.review(id, input, by: actor, on: $0)
        }
    }

    static func extend(_ id: Int, _ input: FollowUpExtensionInput, request: Request) async throws -> FollowUpTask {
        try await requireIssuer(of: try await require(id, request: request), request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("follow-up.extend", FollowUpTask.self, id: id)) {
            try await FollowUpCommands.extend(id, input, by: actor, on: $0)
        }
    }

    static func cancel(_ id: Int, _ input: FollowUpCancellationInput, request: Request) async throws -> FollowUpTask {
        try await requireIssuer(of: try await require(id, request: request), request: request)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject("follow-up.cancel", FollowUpTask.self, id: id)) {
            try await FollowUpCommands.cancel(id, input, by: actor, on: $0)
        }
    }

    /// The task, if the caller reads its owner unit (the issuer's readers do: it is above); not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> FollowUpTask {
        let task = try await FollowUpQueries.require(id, on: request.reads)
        try request.require(.read, at: task.treePath)
        return task
    }

    /// Whether the caller may act for the unit that issued the task.
    static func mayAsIssuer(_ task: FollowUpTask, request: Request) async throws -> Bool {
        let issuer = try await OrganizationQueries.require(task.issuerOrganizationId, on: request.reads)
        return try request.requireActor().can(.edit, at: issuer.treePath)
    }

    /// Refused (403, not 404: the caller reads the task) unless the caller may act for the issuing unit.
    private static func requireIssuer(of task: FollowUpTask, request: Request) async throws {
        guard try await mayAsIssuer(task, request: request) else { throw Abort(.forbidden) }
    }
}
