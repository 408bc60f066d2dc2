import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/organizations` and `/api/v1/organization-kinds`.
enum OrganizationAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(OrganizationRoute.kinds, use: kinds).requiring(.capability(.read))
        api.post(OrganizationRoute.kinds, use: createKind).requiring(.administrator)
        api.get(OrganizationRoute.list, use: list).requiring(.capability(.read))
        api.post(OrganizationRoute.list, use: create).requiring(.capability(.edit))
        api.get(OrganizationRoute.show(.key), use: show).requiring(.capability(.read))
        api.patch(OrganizationRoute.show(.key), use: update).requiring(.capability(.edit))
        api.get(OrganizationRoute.children(.key), use: children).requiring(.capability(.read))
        api.get(OrganizationRoute.history(.key), use: history).requiring(.capability(.read))
        api.get(OrganizationRoute.asOf(.key, date: .key), use: asOf).requiring(.capability(.read))
        api.post(OrganizationRoute.move(.key), use: move).requiring(.capability(.restructure))
        api.post(OrganizationRoute.merge(.key), use: merge).requiring(.capability(.restructure))
        api.post(OrganizationRoute.dissolve(.key), use: dissolve).requiring(.capability(.restructure))
    }

    struct KindDTO: Content {
        let code: String
        let name: String
        let holdsMembers: Bool
    }

    struct OrganizationDTO: Content {
        let id: Int
        let code: String
        let name: String
        let kindCode: String
        let parentId: Int?
        let depth: Int
        let status: OrganizationStatus
        let validFrom: CalendarDate
        let validTo: CalendarDate?
        let mergedIntoId: Int?
        /// Members on the roll of this unit itself.
        let memberCount: Int
        /// Members on the roll of this unit and every unit under it.
        let subtreeMemberCount: Int
        let childCount: Int

        init(_ summary: OrganizationSummary) {
            id = summary.id
            code = summary.code
            name = summary.name
            kindCode = summary.kindCode
            parentId = summary.parentId
            depth = summary.depth
            status = summary.status
            validFrom = summary.validFrom
            validTo = summary.validTo
            mergedIntoId = summary.mergedIntoId
            memberCount = summary.memberCount
            subtreeMemberCount = summary.subtreeMembers
            childCount = summary.childCount
        }
    }

    struct VersionDTO: Content {
        let organizationId: Int
        let validFrom: CalendarDate
        let validTo: CalendarDate?
        let name: String
        let code: String
        let kindCode: String
        let parentId: Int?
        let status: OrganizationStatus
        let change: OrganizationChange
        let note: String?

        init(_ version: OrganizationVersion) {
            organizationId = version.organizationId
            validFrom = version.validFrom
            validTo = version.validTo
            name = version.name
            code = version.code
            kindCode = version.kindCode
            parentId = version.parentId
            status = version.status
            change = version.change
            note = version.note
        }
    }

    struct AsOfDTO: Content {
        let date: String
        let organization: VersionDTO
        /// Root first, the unit itself last, as named and placed on that date.
        let lineage: [VersionDTO]
        let children: [VersionDTO]
    }

    struct MoveBody: Content {
        var parentId: Int?
        var effectiveOn: String?
    }

    struct MergeBody: Content {
        var targetId: Int?
        var effectiveOn: String?
    }

    struct DissolveBody: Content {
        var effectiveOn: String?
        var note: String?
    }

    static func kinds(request: Request) async throws -> [KindDTO] {
        try await OrganizationQueries.kinds(on: request.reads).map {
            KindDTO(code: $0.id!, name: $0.name(request.language), holdsMembers: $0.holdsMembers)
        }
    }

    static func createKind(request: Request) async throws -> Response {
        let input = try request.content.decode(NewOrganizationKind.self)
        let kind = try await OrganizationActions.createKind(input, request: request)
        return try await KindDTO(code: kind.id!, name: kind.name(request.language), holdsMembers: kind.holdsMembers)
            .encodeResponse(status: .created, for: request)
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let filter = OrganizationQueries.Filter(
            text: try request.queryText("q"),
            within: try await request.subtreeFilter(on: request.reads),
            kindCode: try request.queryText("kind"),
            includeClosed: try request.queryFlag("includeClosed") ?? false,
            scopes: try request.readableSubtrees)
        let key = KeptOrganizationPages.Key(filter: filter, page: paging.page, perPage: paging.perPage)
        return try await request.application.organizationPages.response(key, for: request) {
            PageDTO(try await OrganizationQueries.search(filter, page: paging.page, perPage: paging.perPage, on: request.reads), OrganizationDTO.init)
        }
    }

    static func show(request: Request) async throws -> OrganizationDTO {
        try await dto(for: readable(request), on: request.reads)
    }

    static func children(request: Request) async throws -> [OrganizationDTO] {
        let unit = try await readable(request)
        return try await OrganizationQueries.children(of: unit.requireID(), includeClosed: try request.queryFlag("includeClosed") ?? false,
                                                      on: request.reads).map(OrganizationDTO.init)
    }

    static func history(request: Request) async throws -> [VersionDTO] {
        let unit = try await readable(request)
        return try await OrganizationHistory.versions(of: unit.requireID(), on: request.reads).map(VersionDTO.init)
    }

    static func asOf(request: Request) async throws -> AsOfDTO {
        let id = try await readable(request).requireID()
        guard let date = request.parameters.get("date").flatMap(CalendarDate.init(parsing:)) else {
            throw DomainError.invalid(field: "date", LocalizedText(vi: "Ngày không hợp lệ (yyyy-mm-dd)", en: "Not a valid date (yyyy-mm-dd)"))
        }
        let lineage = try await OrganizationHistory.lineage(of: id, on: date, db: request.reads).readable(by: request.requireActor(), on: request.reads)
        guard let version = lineage.last, version.organizationId == id else {
            throw DomainError.notFound(LocalizedText(vi: "Đơn vị chưa tồn tại hoặc đã đóng vào ngày \(date.vietnamese)",
                                                     en: "The unit did not exist on \(date.iso)"))
        }
        let children = try await OrganizationHistory.children(of: id, on: date, db: request.reads)
        return AsOfDTO(date: date.iso, organization: VersionDTO(version), lineage: lineage.map(VersionDTO.init), children: children.map(VersionDTO.init))
    }

    static func create(request: Request) async throws -> Response {
        let input = try request.content.decode(NewOrganization.self)
        let unit = try await OrganizationActions.create(input, request: request)
        return try await dto(for: unit, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func update(request: Request) async throws -> OrganizationDTO {
        let id = try request.id()
        let changes = try request.content.decode(OrganizationChanges.self)
        let unit = try await OrganizationActions.update(id, changes, request: request)
        return try await dto(for: unit, on: request.reads)
    }

    static func move(request: Request) async throws -> OrganizationDTO {
        let id = try request.id()
        let body = try request.content.decode(MoveBody.self)
        let unit = try await OrganizationActions.move(id, under: body.parentId, effectiveOn: body.effectiveOn, request: request)
        return try await dto(for: unit, on: request.reads)
    }

    /// Answers with the unit that received the merge.
    static func merge(request: Request) async throws -> OrganizationDTO {
        let id = try request.id()
        let body = try request.content.decode(MergeBody.self)
        let target = try await OrganizationActions.merge(id, into: body.targetId, effectiveOn: body.effectiveOn, request: request)
        return try await dto(for: target, on: request.reads)
    }

    static func dissolve(request: Request) async throws -> OrganizationDTO {
        let id = try request.id()
        let body = try request.content.decode(DissolveBody.self)
        let unit = try await OrganizationActions.dissolve(id, effectiveOn: body.effectiveOn, note: body.note, request: request)
        return try await dto(for: unit, on: request.reads)
    }

    /// The unit named in the path, if the caller may read it.
    private static func readable(_ request: Request) async throws -> Organization {
        let unit = try await OrganizationQueries.require(request.id(), on: request.reads)
        try request.require(.read, at: unit.treePath)
        return unit
    }

    private static func dto(for unit: Organization, on db: any Database) async throws -> OrganizationDTO {
        OrganizationDTO(try await OrganizationQueries.summaries(of: [unit], on: db)[0])
    }
}

extension NewOrganization: Content {}
extension NewOrganizationKind: Content {}
extension OrganizationChanges: Content {}
