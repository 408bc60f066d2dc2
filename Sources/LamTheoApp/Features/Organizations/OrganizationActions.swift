import Fluent
import LamTheoCore
import Vapor

/// The organisation writes as a caller makes them, shared by the API and the web pages: check the
/// caller's rights at each unit involved, then run the command as one audited transaction.
enum OrganizationActions {
    static func create(_ input: NewOrganization, request: Request) async throws -> Organization {
        if let parentId = input.parentId, let parent = try await Organization.find(parentId, on: request.reads) {
            try request.require(.edit, at: parent.treePath)
        } else if input.parentId == nil, try request.requireActor().isAdministrator == false {
            // Only an administrator adds a unit at the top of the tree.
            throw Abort(.forbidden)
        }
        return try await request.write(AuditSubject("organization.create", Organization.self)) {
            try await OrganizationCommands.create(input, on: $0)
        }
    }

    static func update(_ id: Int, _ changes: OrganizationChanges, request: Request) async throws -> Organization {
        try request.require(.edit, at: try await OrganizationQueries.require(id, on: request.reads).treePath)
        return try await request.write(AuditSubject("organization.update", Organization.self, id: id)) {
            try await OrganizationCommands.update(id, changes, on: $0)
        }
    }

    static func move(_ id: Int, under parentId: Int?, effectiveOn: String?, request: Request) async throws -> Organization {
        try request.require(.restructure, at: try await OrganizationQueries.require(id, on: request.reads).treePath)
        try await requireOther(parentId, .restructure, request: request)
        return try await request.write(AuditSubject("organization.move", Organization.self, id: id)) {
            try await OrganizationCommands.move(id, under: parentId, effectiveOn: effectiveOn, on: $0)
        }
    }

    /// - Returns: the unit that received the merge.
    static func merge(_ id: Int, into targetId: Int?, effectiveOn: String?, request: Request) async throws -> Organization {
        try request.require(.restructure, at: try await OrganizationQueries.require(id, on: request.reads).treePath)
        try await requireOther(targetId, .restructure, request: request)
        return try await request.write(AuditSubject("organization.merge", Organization.self, id: id)) {
            try await OrganizationCommands.merge(id, into: targetId, effectiveOn: effectiveOn, on: $0)
        }
    }

    static func dissolve(_ id: Int, effectiveOn: String?, note: String?, request: Request) async throws -> Organization {
        try request.require(.restructure, at: try await OrganizationQueries.require(id, on: request.reads).treePath)
        return try await request.write(AuditSubject("organization.dissolve", Organization.self, id: id)) {
            try await OrganizationCommands.dissolve(id, effectiveOn: effectiveOn, note: note, on: $0)
        }
    }

    static func createKind(_ input: NewOrganizationKind, request: Request) async throws -> OrganizationKind {
        try await request.write(AuditSubject("organization-kind.create", OrganizationKind.self)) {
            try await OrganizationCommands.createKind(input, on: $0)
        }
    }

    /// A second unit a change reaches (the new parent, the merge target) must be in the caller's scope
    /// too; one outside it is reported like a unit that does not exist.
    private static func requireOther(_ id: Int?, _ capability: Capability, request: Request) async throws {
        guard let id, let unit = try await Organization.find(id, on: request.reads) else { return }
        let actor = try request.requireActor()
        guard actor.can(capability, at: unit.treePath) else {
            throw DomainError.invalid(field: "targetId", LocalizedText(vi: "Không tìm thấy đơn vị đích trong phạm vi của bạn",
                                                                      en: "The target unit is not within your scope"))
        }
    }
}

extension Organization: Auditable {
    static var auditEntity: String { "organization" }

    var auditFields: [String: String?] {
        ["code": code, "name": name, "kind": kindCode, "parentId": parentId.map(String.init), "path": path,
         "status": status.rawValue, "validFrom": validFrom.iso, "validTo": validTo?.iso, "mergedIntoId": mergedIntoId.map(String.init),
         "memberCount": String(memberCount)]
    }
}

extension OrganizationKind: Auditable {
    static var auditEntity: String { "organization_kind" }

    var auditFields: [String: String?] {
        ["nameVi": nameVi, "nameEn": nameEn, "holdsMembers": String(holdsMembers), "position": String(position)]
    }
}

extension Request {
    /// The `unit=` query parameter, a unit the caller reads; by default the root of the caller's scope (the
    /// tree's first root for those who read everything). What every page and list of a subtree starts from.
    func readableUnit() async throws -> Organization {
        let unitId = try askedUnitId
        let unit: Organization?
        if let unitId {
            unit = try await Organization.find(unitId, on: db)
        } else {
            unit = try await Organization.query(on: db).filter(\.$parentId == nil).filter(\.$status == .active).sort(\.$id).first()
        }
        guard let unit else { throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tổ chức đảng", en: "Organisation not found")) }
        try require(.read, at: unit.treePath)
        return unit
    }

    /// The unit `readableUnit` reads: the `unit=` query parameter, else the root of the caller's scope; nil for the
    /// tree's first root (which only a query finds).
    var askedUnitId: Int? {
        get throws { try queryInteger(.unit) ?? readableSubtrees?.first?.ids.last }
    }
}
