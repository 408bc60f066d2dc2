import Fluent
import Foundation
import LamTheoCore
import Vapor

/// The library in the members' app: the list, an item (a member's opening is recorded), its file, and the forms that
/// add an item and save its next version.
enum LibraryPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(LibraryRoute.list, use: list).requiring(.signedIn)
        routes.post(LibraryRoute.list, bodyLimit: AttachmentType.uploadLimit, use: create).requiring(.capability(.edit))
        routes.get(LibraryRoute.newItem, use: newForm).requiring(.capability(.edit))
        routes.get(LibraryRoute.item(.key), use: show).requiring(.signedIn)
        routes.get(LibraryRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(LibraryRoute.versions(.key), bodyLimit: AttachmentType.uploadLimit, use: revise).requiring(.capability(.edit))
        routes.get(LibraryRoute.file(.key), use: file).requiring(.signedIn)
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request, defaultPerPage: 20)
        let model = try await LibraryList.Query.run(try filter(request), actor: request.requireActor(), page: paging.page, perPage: paging.perPage,
                                                    on: request.reads)
        return LibraryList.View(model: model).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (item, unit) = try await LibraryActions.readable(try request.id(), request: request)
        if actor.memberId != nil { try await LibraryActions.recordReading(item.requireID(), request: request) }
        let model = try await LibraryShow.Query.run(item, unit: unit, canEdit: actor.can(.edit, at: unit.treePath), readByMember: actor.memberId != nil, on: request.reads)
        return LibraryShow.View(model: model).response(for: request)
    }

    /// The current file, or a version's (`?version=`).
    static func file(request: Request) async throws -> Response {
        let (item, _) = try await LibraryActions.readable(try request.id(), request: request)
        return try await download(item, version: try request.queryInteger("version"), request: request)
    }

    static func newForm(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let input = LibraryItemInput(organizationId: try request.queryInteger(.unit), kind: LibraryKind.summary.rawValue,
                                     visibility: LibraryVisibility.members.rawValue)
        return LibraryEditor.View(model: try await LibraryEditor.Query.run(id: nil, input: input, actor: actor, item: nil, unit: nil,
                                                                        language: request.language, on: request.reads)).response(for: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(ItemForm.self)
        do {
            let item = try await LibraryActions.create(form.input, upload: form.upload, request: request)
            return request.redirect(to: LibraryRoute.item(.value(item.requireID())).path,
                                    flash: LocalizedText(vi: "Đã thêm tài liệu (bản 1).", en: "Item added (version 1)."))
        } catch let error as DomainError where error.kind == .invalid {
            let model = try await LibraryEditor.Query.run(id: nil, input: form.input, actor: request.requireActor(), item: nil, unit: nil,
                                                          language: request.language, on: request.reads)
            return LibraryEditor.View(model: model).response(for: request, errors: error.fieldErrors, refused: form.refused, status: .unprocessableEntity)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let (item, unit) = try await LibraryActions.requireEditable(try request.id(), request: request)
        let model = try await LibraryEditor.Query.run(id: item.id, input: try await input(of: item, on: request.reads), actor: request.requireActor(),
                                                      item: item, unit: unit, language: request.language, on: request.reads)
        return LibraryEditor.View(model: model).response(for: request)
    }

    static func revise(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(ItemForm.self)
        do {
            let item = try await LibraryActions.revise(id, form.input, upload: form.upload, request: request)
            return request.redirect(to: LibraryRoute.item(.value(id)).path,
                                    flash: LocalizedText(vi: "Đã lưu bản \(item.version).", en: "Version \(item.version) saved."))
        } catch let error as DomainError where error.kind == .invalid {
            let (item, unit) = try await LibraryActions.requireEditable(id, request: request)
            let model = try await LibraryEditor.Query.run(id: id, input: form.input, actor: request.requireActor(), item: item, unit: unit,
                                                          language: request.language, on: request.reads)
            return LibraryEditor.View(model: model).response(for: request, errors: error.fieldErrors, refused: form.refused, status: .unprocessableEntity)
        }
    }

    /// The list's choices from the query: `q`, `kind`, `topic`, `campaign`.
    static func filter(_ request: Request) throws -> LibraryFilter {
        LibraryFilter(text: try request.queryText("q").map { String($0.prefix(200)) }, kind: try request.queryChoice(LibraryKind.self, at: "kind"),
                      topic: try request.queryText("topic"), campaign: try request.queryInteger(.campaign))
    }

    /// The item's file (the current version's, or `version`'s) as a download.
    static func download(_ item: LibraryItem, version: Int?, request: Request) async throws -> Response {
        var (key, name, type) = (item.fileKey, item.fileName, item.fileType)
        if let version {
            guard let saved = try await LibraryItemVersion.query(on: request.reads).filter(\.$itemId == item.requireID()).filter(\.$version == version).first() else {
                throw DomainError.notFound(LocalizedText(vi: "Không có phiên bản này", en: "No such version"))
            }
            (key, name, type) = (saved.fileKey, saved.fileName, saved.fileType)
        }
        guard let key else { throw DomainError.notFound(LocalizedText(vi: "Phiên bản này không có tệp", en: "This version has no file")) }
        return try request.application.documentFiles.download(key, named: name ?? "tai-lieu", mediaType: type ?? "application/octet-stream")
    }

    /// The form as sent: the item's fields (`LibraryItemInput`, flat beside the file), and the file part (an empty part is
    /// no file).
    struct ItemForm: Content {
        var input: LibraryItemInput
        var file: File?

        init(_ input: LibraryItemInput, file: File?) {
            self.input = input
            self.file = file
        }

        private enum FileKey: String, CodingKey { case file }

        init(from decoder: any Decoder) throws {
            input = try LibraryItemInput(from: decoder)
            file = try decoder.container(keyedBy: FileKey.self).decodeIfPresent(File.self, forKey: .file)
        }

        func encode(to encoder: any Encoder) throws {
            try input.encode(to: encoder)
            var container = encoder.container(keyedBy: FileKey.self)
            try container.encodeIfPresent(file, forKey: .file)
        }

        var upload: (name: String?, data: Data)? {
            guard let file, file.data.readableBytes > 0 || !file.filename.isEmpty else { return nil }
            return (file.filename, Data(buffer: file.data))
        }

        var refused: RefusedForm {
            RefusedForm(form: LibraryEditor.form, values: ["organizationId": input.organizationId.map(String.init) ?? "", "kind": input.kind ?? "",
                                                           "title": input.title ?? "", "summary": input.summary ?? "", "topics": input.topics ?? "",
                                                           "visibility": input.visibility ?? "", "linkUrl": input.linkUrl ?? ""])
        }
    }

    static func input(of item: LibraryItem, on db: any Database) async throws -> LibraryItemInput {
        let links = try await LibraryItemCampaign.query(on: db).filter(\.$itemId == item.requireID()).all()
        return LibraryItemInput(organizationId: item.organizationId, kind: item.kind.rawValue, title: item.title, summary: item.summary,
                                topics: item.topicList.joined(separator: ", "), visibility: item.visibility.rawValue, linkUrl: item.linkURL,
                                campaignIds: links.map(\.campaignId), requiredCampaignIds: links.filter(\.required).map(\.campaignId))
    }
}
