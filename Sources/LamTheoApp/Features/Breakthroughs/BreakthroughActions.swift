import Fluent
import LamTheoCore
import Vapor

/// Breakthrough writes as a caller makes them, shared by the API and the pages: an editor of the unit
/// sets, changes and checks in on its breakthroughs; readers of the unit (and of the levels above) see them.
enum BreakthroughActions {
    static func set(_ input: BreakthroughInput, request: Request) async throws -> Breakthrough {
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        return try await request.write(AuditSubject("breakthrough.set", Breakthrough.self)) {
            try await BreakthroughCommands.set(input, on: $0)
        }
    }

    static func update(_ id: Int, _ input: BreakthroughInput, request: Request) async throws -> Breakthrough {
        let breakthrough = try await require(id, request: request)
        try request.require(.edit, at: breakthrough.treePath)
        return try await request.write(AuditSubject("breakthrough.update", Breakthrough.self, id: id)) {
            try await BreakthroughCommands.update(id, input, on: $0)
        }
    }

    static func checkIn(_ id: Int, _ input: CheckInInput, request: Request) async throws -> Breakthrough {
        let breakthrough = try await require(id, request: request)
        try request.require(.edit, at: breakthrough.treePath)
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("breakthrough.checkIn", Breakthrough.self, id: id)) {
            try await BreakthroughCommands.checkIn(id, input, store: store, on: $0)
        }
    }

    /// A check-in's evidence file, to whoever reads the breakthrough.
    static func evidence(of checkInId: Int, breakthrough id: Int, request: Request) async throws -> Response {
        _ = try await require(id, request: request)
        guard let checkIn = try await BreakthroughCheckIn.query(on: request.reads).filter(\.$id == checkInId).filter(\.$breakthroughId == id).first() else {
            throw Abort(.notFound)
        }
        return try checkIn.evidenceDownload(from: request.application.documentFiles)
    }

    /// The breakthrough, if the caller may read at its unit; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Breakthrough {
        let breakthrough = try await BreakthroughQueries.require(id, on: request.reads)
        try request.require(.read, at: breakthrough.treePath)
        return breakthrough
    }
}
