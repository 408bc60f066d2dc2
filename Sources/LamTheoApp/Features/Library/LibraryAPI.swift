import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `/api/v1/library`: the items a caller reads (list and show), adding one and saving its next version (JSON with the
/// file in base64, or multipart), and recording a member's reading. The same actions as the pages.
enum LibraryAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(LibraryRoute.list, use: list).requiring(.signedIn)
        api.post(LibraryRoute.list, bodyLimit: AttachmentType.uploadLimit, use: create).requiring(.capability(.edit))
        api.get(LibraryRoute.item(.key), use: show).requiring(.signedIn)
        api.post(LibraryRoute.versions(.key), bodyLimit: AttachmentType.uploadLimit, use: revise).requiring(.capability(.edit))
        api.post(LibraryRoute.readings(.key), use: read).requiring(.signedIn)
    }

    struct ItemDTO: Content {
        let id: Int
        let organizationId: Int
        let unitName: String
        let kind: LibraryKind
        let title: String
        let summary: String
        let topics: [String]
        let visibility: LibraryVisibility
        let version: Int
        let fileName: String?
        let fileType: String?
        let fileSize: Int?
        /// Where the current file is downloaded (signed in).
        let filePath: String?
        let linkUrl: String?
        let updatedAt: Date

        init(_ entry: LibraryEntry, organizationId: Int) {
            id = entry.id
            self.organizationId = organizationId
            unitName = entry.unitName
            kind = entry.kind
            title = entry.title
            summary = entry.summary
            topics = entry.topics
            visibility = entry.visibility
            version = entry.version
            fileName = entry.fileName
            fileType = entry.fileType
            fileSize = entry.fileSize
            filePath = entry.fileName == nil ? nil : LibraryRoute.file(.value(entry.id)).path
            linkUrl = entry.linkURL
            updatedAt = entry.updatedAt
        }
    }

    struct CampaignDTO: Content {
        let campaignId: Int
        let title: String
        let required: Bool
    }

    struct VersionDTO: Content {
        let version: Int
        let title: String
        let savedBy: String
        let savedAt: Date
        let hasFile: Bool
        let linkUrl: String?
    }

    struct DetailDTO: Content {
        let item: ItemDTO
        let campaigns: [CampaignDTO]
        let versions: [VersionDTO]
    }

    struct ReadingDTO: Content {
        let itemId: Int
        /// False when the caller had read it before: a reading is recorded once.
        let recorded: Bool
    }

    static func list(request: Request) async throws -> PageDTO<ItemDTO> {
        let paging = try Paging(request)
        let reach = try await LibraryQueries.reach(of: request.requireActor(), on: request.reads)
        let page = try await LibraryQueries.list(try LibraryPages.filter(request), reach: reach, page: paging.page, perPage: paging.perPage, on: request.reads)
        let units = try await LibraryItem.query(on: request.reads).filter(\.$id ~~ page.items.map(\.id)).all()
            .reduce(into: [Int: Int]()) { $0[$1.id ?? 0] = $1.organizationId }
        return PageDTO(items: page.items.map { ItemDTO($0, organizationId: units[$0.id] ?? 0) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func show(request: Request) async throws -> DetailDTO {
        let (item, unit) = try await LibraryActions.readable(try request.id(), request: request)
        return try await detail(item, unit: unit, on: request.reads)
    }

    static func create(request: Request) async throws -> Response {
        let body = try request.content.decode(LibraryPages.ItemForm.self)
        let item = try await LibraryActions.create(body.input, upload: body.upload, request: request)
        return try await detail(item, unit: try await OrganizationQueries.require(item.organizationId, on: request.reads), on: request.reads)
            .encodeResponse(status: .created, for: request)
    }

    static func revise(request: Request) async throws -> Response {
        let body = try request.content.decode(LibraryPages.ItemForm.self)
        let item = try await LibraryActions.revise(try request.id(), body.input, upload: body.upload, request: request)
        return try await detail(item, unit: try await OrganizationQueries.require(item.organizationId, on: request.reads), on: request.reads)
            .encodeResponse(status: .created, for: request)
    }

    static func read(request: Request) async throws -> ReadingDTO {
        let id = try request.id()
        return ReadingDTO(itemId: id, recorded: try await LibraryActions.recordReading(id, request: request))
    }

    private static func detail(_ item: LibraryItem, unit: Organization, on db: any Database) async throws -> DetailDTO {
        let model = try await LibraryShow.Query.run(item, unit: unit, canEdit: false, readByMember: false, on: db)
        return DetailDTO(item: ItemDTO(model.entry, organizationId: item.organizationId),
                         campaigns: model.campaigns.map { CampaignDTO(campaignId: $0.id, title: $0.title, required: $0.required) },
                         versions: model.versions.map { VersionDTO(version: $0.version, title: $0.title, savedBy: $0.savedBy, savedAt: $0.savedAt,
                                                                   hasFile: $0.hasFile, linkUrl: $0.linkURL) })
    }
}
