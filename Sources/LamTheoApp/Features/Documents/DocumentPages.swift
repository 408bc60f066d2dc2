import Fluent
import LamTheoCore
import Plot
import Vapor

/// The document register on the web: the searchable list, a document's page with its relations and
/// files, and the forms to register, edit, relate and attach.
enum DocumentPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(DocumentRoute.list, use: index).requiring(.signedIn)
        routes.get(DocumentRoute.new, use: newForm).requiring(.capability(.edit))
        routes.post(DocumentRoute.new, use: create).requiring(.capability(.edit))
        routes.get(DocumentRoute.show(.key), use: show).requiring(.signedIn)
        routes.get(DocumentRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(DocumentRoute.edit(.key), use: update).requiring(.capability(.edit))
        routes.get(DocumentRoute.relations(.key), use: relateForm).requiring(.capability(.edit))
        routes.post(DocumentRoute.relations(.key), use: relate).requiring(.capability(.edit))
        routes.post(DocumentRoute.deleteRelation(.key, relation: .key), use: unrelate).requiring(.capability(.edit))
        routes.post(DocumentRoute.attachments(.key), bodyLimit: DocumentAPI.uploadBodyLimit, use: attach).requiring(.capability(.edit))
        routes.get(DocumentRoute.attachment(.key, attachment: .key), use: download).requiring(.signedIn)
        routes.post(DocumentRoute.deleteAttachment(.key, attachment: .key), use: removeAttachment).requiring(.capability(.edit))
    }

    private static let registerTitle = LocalizedText(vi: "Sổ văn bản", en: "Document register")

    /// The sections of a document's page that its forms return to.
    private static let relatedSection = "related", attachmentsSection = "attachments"

    private static func kilobytes(_ size: Int) -> String {
        VietnameseFormat.integer(max(1, size / 1024))
    }

    // MARK: Reading

    static func index(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let actor = try request.requireActor()
        let filter = try DocumentQueries.Filter(request, scopes: actor.readableSubtrees)
        let page = try await DocumentQueries.search(filter, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await DocumentQueries.organizationNames(for: page.items, on: request.reads)
        let lists = try await DocumentQueries.abbreviations(on: request.reads)
        let symbolTitle = LocalizedText(vi: "Số, ký hiệu", en: "Number")(language)
        let titleTitle = LocalizedText(vi: "Trích yếu", en: "Title")(language)
        let dateTitle = LocalizedText(vi: "Ngày ban hành", en: "Issued")(language)
        let issuerTitle = LocalizedText(vi: "Nơi ban hành", en: "Issued by")(language)

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(registerTitle(language))),
            .if(actor.canSomewhere(.edit), .div(.class("actions"), .a(.class("button"), .href(DocumentRoute.new.path),
                                                                      .text(LocalizedText(vi: "Vào sổ văn bản", en: "Register a document")(language))))),
            .form(.class("inline"), .method(.get), .action(DocumentRoute.list.path), .attribute(named: "role", value: "search"),
                  .div(.label(.for("q"), .text(LocalizedText(vi: "Số, ký hiệu hoặc trích yếu (gõ không dấu cũng được)",
                                                             en: "Number or title (accents optional)")(language))),
                       .input(.id("q"), .name("q"), .type(.search), .value(filter.text ?? ""))),
                  listFilter("type", LocalizedText(vi: "Loại", en: "Type"), lists.types, selected: filter.typeCode, language: language),
                  listFilter("issuer", LocalizedText(vi: "Cơ quan ban hành", en: "Issuer"), lists.issuers, selected: filter.issuerCode, language: language),
                  .div(.label(.for("year"), .text(LocalizedText(vi: "Năm", en: "Year")(language))),
                       .input(.id("year"), .name("year"), .type(.number), .value(filter.year.map(String.init) ?? ""))),
                  .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Không có văn bản nào phù hợp.", en: "No matching documents.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(symbolTitle)), .th(.text(titleTitle)), .th(.text(dateTitle)), .th(.text(issuerTitle)))),
                    .tbody(.forEach(page.items) { document in
                        .tr(.td(.attribute(named: "data-label", value: symbolTitle), .a(.href(DocumentRoute.show(.value(document.requireID())).path), .text(document.symbol))),
                            .td(.attribute(named: "data-label", value: titleTitle), .text(document.title)),
                            .td(.attribute(named: "data-label", value: dateTitle), .text(document.issuedOn.vietnamese)),
                            .td(.attribute(named: "data-label", value: issuerTitle), .text(issuer(of: document, names: names, language: language))))
                    }))),
            Pager(page, link: {
                DocumentRoute.list.path(query: ["q": filter.text, "type": filter.typeCode, "issuer": filter.issuerCode, "year": filter.year, "page": $0])
            }).node(language)
        )
        return Layout(title: registerTitle(language), content: content).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        let language = request.language
        let document = try await DocumentActions.requireDocument(request.id(), .read, request: request)
        let id = document.requireID()
        let actor = try request.requireActor()
        let mayKeep = DocumentActions.mayKeep(issuedAt: try await DocumentQueries.issuingPath(of: document, on: request.reads), actor)
        let lists = try await DocumentQueries.abbreviations(on: request.reads)
        let names = try await DocumentQueries.organizationNames(for: [document], on: request.reads)
        let term = try await CommitteeTerm.find(document.termId, on: request.reads)
        let related = try await DocumentQueries.relations(of: id, scopes: actor.readableSubtrees, on: request.reads)
        let attachments = try await DocumentQueries.attachments(of: id, on: request.reads)
        let fields = FormFields(request)
        func name(_ code: String, in list: [DocumentAbbreviation]) -> String {
            list.first { $0.code == code }.map { "\(code) · \($0.name(language))" } ?? code
        }

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(document.symbol)),
            .p(.text(document.title)),
            .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Số, ký hiệu", en: "Number and symbol")(language))), .dd(.text(document.symbol)),
                .dt(.text(LocalizedText(vi: "Loại văn bản", en: "Type")(language))), .dd(.text(name(document.typeCode, in: lists.types))),
                .dt(.text(LocalizedText(vi: "Cơ quan ban hành", en: "Issuing body")(language))), .dd(.text(name(document.issuerCode, in: lists.issuers))),
                .dt(.text(LocalizedText(vi: "Tổ chức ban hành", en: "Issuing organisation")(language))),
                .dd(.unwrap(document.organizationId, { .a(.href(OrganizationRoute.show(.value($0)).path), .text(names[$0] ?? "")) },
                            else: .text(centralLabel(language)))),
                .dt(.text(LocalizedText(vi: "Ngày ban hành", en: "Date issued")(language))), .dd(.text(document.issuedOn.vietnamese)),
                .dt(.text(LocalizedText(vi: "Nhiệm kỳ", en: "Term")(language))), .dd(.text(term?.name ?? "—"))),
            .if(mayKeep, .div(.class("actions"),
                              .a(.class("button secondary"), .href(DocumentRoute.edit(.value(id)).path), .text(LocalizedText(vi: "Sửa", en: "Edit")(language))),
                              .a(.class("button secondary"), .href(DocumentRoute.relations(.value(id)).path),
                                 .text(LocalizedText(vi: "Thêm văn bản liên quan", en: "Relate a document")(language))))),
            .h2(.id(relatedSection), .text(LocalizedText(vi: "Văn bản liên quan", en: "Related documents")(language))),
            related.isEmpty ? .p(.class("muted"), .text("—")) : .ul(.forEach(related) { item in
                .li(.text(item.label(language) + " "), .a(.href(DocumentRoute.show(.value(item.document.requireID())).path), .text(item.document.symbol)),
                    .text(" — \(item.document.title)"),
                    .if(mayKeep, fields.postButton(DocumentRoute.deleteRelation(.value(id), relation: .value(item.relation.id!)).path, LocalizedText(vi: "Bỏ liên hệ", en: "Remove"))))
            }),
            .h2(.id(attachmentsSection), .text(LocalizedText(vi: "Tệp đính kèm", en: "Attachments")(language))),
            attachments.isEmpty ? .p(.class("muted"), .text("—")) : .ul(.forEach(attachments) { attachment in
                .li(.a(.href(DocumentRoute.attachment(.value(id), attachment: .value(attachment.id!)).path), .text(attachment.fileName)),
                    .text(" (\(kilobytes(attachment.size))\u{A0}KB)"),
                    .if(mayKeep, fields.postButton(DocumentRoute.deleteAttachment(.value(id), attachment: .value(attachment.id!)).path, LocalizedText(vi: "Xóa tệp", en: "Delete"))))
            }),
            .if(mayKeep, uploadForm(documentId: id, fields: fields)),
            try await AuditPages.history(of: Document.auditEntity, key: id, request: request)
        )
        return Layout(title: document.symbol, crumbs: crumbs(document.symbol, language: language), content: content).response(for: request)
    }

    static func download(request: Request) async throws -> Response {
        try await DocumentAPI.download(request: request)
    }

    // MARK: Register and edit

    static func newForm(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        // The caller's own unit by default: a ward officer registers the ward's documents.
        let ownUnit = actor.grants.compactMap(\.scope).first { actor.can(.edit, at: $0) }?.ids.last
        let organizationId = try request.queryInteger(.unit) ?? ownUnit
        return try await renderForm(DocumentInput(organizationId: organizationId), document: nil, errors: [], request: request)
    }

    /// The form's fields as posted: the issuing unit's id, or `central`.
    struct DocumentForm: Content {
        var symbol: String?
        var title: String?
        var issuedOn: String?
        var organizationId: String?

        var input: DocumentInput {
            DocumentInput(symbol: symbol, title: title, issuedOn: issuedOn, organizationId: organizationId.flatMap { Int($0) })
        }
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(DocumentForm.self).input
        do {
            let document = try await DocumentActions.register(form, request: request)
            return request.redirect(to: DocumentRoute.show(.value(document.requireID())).path, flash: LocalizedText(
                vi: "Đã vào sổ văn bản \(document.symbol) ngày \(document.issuedOn.vietnamese).", en: "Document \(document.symbol) of \(document.issuedOn.vietnamese) registered."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderForm(form, document: nil, errors: error.fieldErrors, request: request)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let document = try await DocumentActions.requireDocument(request.id(), .edit, request: request)
        let form = DocumentInput(symbol: document.symbol, title: document.title, issuedOn: document.issuedOn.vietnamese, organizationId: document.organizationId)
        return try await renderForm(form, document: document, errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let document = try await DocumentActions.requireDocument(request.id(), .edit, request: request)
        let form = try request.content.decode(DocumentForm.self).input
        do {
            let saved = try await DocumentActions.update(document.requireID(), request: request) { _ in form }
            return request.redirect(to: DocumentRoute.show(.value(document.requireID())).path, flash: LocalizedText(
                vi: "Đã lưu văn bản \(saved.symbol).", en: "Document \(saved.symbol) saved."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderForm(form, document: document, errors: error.fieldErrors, request: request)
        }
    }

    /// The issuing unit is found by a search on the same page (`UnitPicker`); administrators may also
    /// choose "central", for documents issued outside this installation.
    private static func renderForm(_ form: DocumentInput, document: Document?, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let fields = FormFields(request, errors: errors)
        let action = document.map { DocumentRoute.edit(.value($0.requireID())).path } ?? DocumentRoute.new.path
        let searchText = try request.queryText("q") ?? ""
        let picker = UnitPicker(
            field: "organizationId",
            legend: LocalizedText(vi: "Tổ chức ban hành", en: "Issuing organisation"),
            searchLabel: LocalizedText(vi: "Tìm tổ chức ban hành theo tên hoặc mã", en: "Find the issuing organisation by name or code"),
            action: action, searchText: searchText,
            candidates: try await UnitPicker.candidates(matching: searchText, holdsMembers: nil, excluding: nil, selected: form.organizationId,
                                                        scopes: actor.readableSubtrees, on: request.reads),
            selected: form.organizationId)
        let title = document.map { LocalizedText(vi: "Sửa \($0.symbol)", en: "Edit \($0.symbol)")(language) }
            ?? LocalizedText(vi: "Vào sổ văn bản", en: "Register a document")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            fields.summary,
            picker.searchForm(language),
            fields.postForm(action,
                  .if(actor.isAdministrator, .div(.class("choice"),
                      .input(.type(.radio), .name("organizationId"), .value("central"), .id("organizationId-central"),
                             .checked(form.organizationId == nil)),
                      .label(.for("organizationId-central"), .text(centralLabel(language))))),
                  picker.choices(language, errors: fields.errors(for: "organizationId")),
                  fields.text("symbol", LocalizedText(vi: "Số, ký hiệu", en: "Number and symbol"), value: form.symbol, required: true,
                              hint: LocalizedText(vi: "Ví dụ 05-CT/TW, 89-KH/TU; viết “Số”, dấu cách hay D thay Đ đều được",
                                                  en: "E.g. 05-CT/TW, 89-KH/TU; “Số”, spaces or D for Đ are fine")),
                  fields.text("title", LocalizedText(vi: "Trích yếu", en: "Title"), value: form.title, required: true),
                  fields.text("issuedOn", LocalizedText(vi: "Ngày ban hành", en: "Date issued"), value: form.issuedOn, required: true,
                              hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                  fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, crumbs: crumbs(title, language: language), content: content).response(for: request, status: status)
    }

    // MARK: Relations

    struct RelateForm: Content {
        var toDocumentId: Int?
        var kind: String?
    }

    static func relateForm(request: Request) async throws -> Response {
        try await renderRelateForm(RelateForm(kind: DocumentRelationKind.implements.rawValue), errors: [], request: request)
    }

    static func relate(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(RelateForm.self)
        do {
            guard let kind = DocumentRelationKind(rawValue: form.kind ?? "") else {
                throw DomainError.invalid(field: "kind", LocalizedText(vi: "Chọn loại liên hệ", en: "Choose how the documents relate"))
            }
            let relation = try await DocumentActions.relate(from: id, to: form.toDocumentId, kind: kind, request: request)
            let other = try await Document.find(relation.toDocumentId, on: request.reads)?.symbol ?? ""
            return request.redirect(to: DocumentRoute.show(.value(id)).path(query: [:], fragment: relatedSection), flash: LocalizedText(
                vi: "Đã ghi liên hệ: \(kind.label(.vi)) \(other).", en: "Relation saved: \(kind.label(.en)) \(other)."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRelateForm(form, errors: error.fieldErrors, request: request)
        }
    }

    static func unrelate(request: Request) async throws -> Response {
        let id = try request.id()
        let relation = try await DocumentActions.unrelate(request.id("relationId"), of: id, request: request)
        let other = try await Document.find(relation.toDocumentId, on: request.reads)?.symbol ?? ""
        return request.redirect(to: DocumentRoute.show(.value(id)).path(query: [:], fragment: relatedSection), flash: LocalizedText(
            vi: "Đã bỏ liên hệ với \(other).", en: "Relation to \(other) removed."))
    }

    /// Find the other document by number or title on the same page, then choose how they relate.
    private static func renderRelateForm(_ form: RelateForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let document = try await DocumentActions.requireDocument(request.id(), .edit, request: request)
        let id = document.requireID()
        let fields = FormFields(request, errors: errors)
        let searchText = try request.queryText("q") ?? ""
        let candidates = searchText.isEmpty ? [] : try await DocumentQueries.search(
            .init(text: searchText, scopes: try request.readableSubtrees), page: 1, perPage: 20, on: request.reads).items.filter { $0.id != id }
        let title = LocalizedText(vi: "Văn bản liên quan đến \(document.symbol)", en: "Relate \(document.symbol) to another document")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            fields.summary,
            .form(.class("inline"), .method(.get), .action(DocumentRoute.relations(.value(id)).path), .attribute(named: "role", value: "search"),
                  .div(.label(.for("q"), .text(LocalizedText(vi: "Tìm văn bản theo số, ký hiệu hoặc trích yếu", en: "Find the document by number or title")(language))),
                       .input(.id("q"), .name("q"), .type(.search), .value(searchText))),
                  .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
            fields.postForm(DocumentRoute.relations(.value(id)).path,
                  fields.select("kind", LocalizedText(vi: "\(document.symbol) đối với văn bản được chọn", en: "How \(document.symbol) relates to the chosen document"),
                                options: DocumentRelationKind.allCases.map { ($0.rawValue, $0.label(language)) }, selected: form.kind, required: true),
                  .fieldset(.id("toDocumentId"),
                            .element(named: "legend", text: LocalizedText(vi: "Văn bản được chọn", en: "The chosen document")(language)),
                            .if(candidates.isEmpty, .p(.class("muted"), .text(LocalizedText(vi: "Hãy tìm văn bản ở ô tìm kiếm phía trên.",
                                                                                              en: "Search for the document above.")(language)))),
                            .forEach(candidates) { candidate in
                                .div(.class("choice"),
                                     .input(.type(.radio), .name("toDocumentId"), .value(String(candidate.requireID())), .id("to-\(candidate.requireID())"),
                                            .checked(candidate.id == form.toDocumentId)),
                                     .label(.for("to-\(candidate.requireID())"), .text(candidate.symbol),
                                            .span(.class("muted"), .text(" — \(candidate.issuedOn.vietnamese) · \(candidate.title)"))))
                            },
                            .forEach(fields.errors(for: "toDocumentId")) { .p(.class("field-error"), .text($0)) }),
                  fields.submit(LocalizedText(vi: "Lưu liên hệ", en: "Save the relation")))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, crumbs: crumbs(title, language: language), content: content).response(for: request, status: status)
    }

    // MARK: Attachments

    struct UploadForm: Content {
        var file: File?
    }

    static func attach(request: Request) async throws -> Response {
        let id = try request.id()
        let file = try request.content.decode(UploadForm.self).file
        do {
            let attachment = try await DocumentActions.attach(to: id, fileName: file?.filename, data: file.map { Data(buffer: $0.data) } ?? Data(), request: request)
            return request.redirect(to: DocumentRoute.show(.value(id)).path(query: [:], fragment: attachmentsSection), flash: LocalizedText(
                vi: "Đã đính kèm tệp \(attachment.fileName) (\(kilobytes(attachment.size)) KB).", en: "File \(attachment.fileName) (\(kilobytes(attachment.size)) KB) attached."))
        } catch let error as DomainError where error.kind != .notFound {
            let language = request.language
            let fields = FormFields(request, errors: error.fieldErrors)
            let title = LocalizedText(vi: "Chưa đính kèm được tệp", en: "The file was not attached")(language)
            let content: Node<HTML.BodyContext> = .group(.h1(.text(title)), fields.summary, uploadForm(documentId: id, fields: fields),
                                                         .p(.a(.href(DocumentRoute.show(.value(id)).path), .text(LocalizedText(vi: "Quay lại văn bản", en: "Back to the document")(language)))))
            return Layout(title: title, crumbs: crumbs(title, language: language), content: content).response(for: request, status: .unprocessableEntity)
        }
    }

    static func removeAttachment(request: Request) async throws -> Response {
        let id = try request.id()
        let attachment = try await DocumentActions.removeAttachment(request.id("attachmentId"), of: id, request: request)
        return request.redirect(to: DocumentRoute.show(.value(id)).path(query: [:], fragment: attachmentsSection), flash: LocalizedText(
            vi: "Đã xóa tệp \(attachment.fileName).", en: "File \(attachment.fileName) deleted."))
    }

    private static func uploadForm(documentId: Int, fields: FormFields) -> Node<HTML.BodyContext> {
        let language = fields.language
        return .form(.class("stack"), .method(.post), .action(DocumentRoute.attachments(.value(documentId)).path), .enctype(.multipartData),
                     .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(fields.csrfToken)),
                     .div(.label(.for("file"), .text(LocalizedText(vi: "Đính kèm tệp PDF hoặc DOCX (tối đa 20 MB)",
                                                                   en: "Attach a PDF or DOCX file (at most 20 MB)")(language))),
                          .input(.id("file"), .name("file"), .type(.file), .required(true),
                                 .attribute(named: "accept", value: ".pdf,.docx,\(AttachmentType.allCases.map(\.mediaType).joined(separator: ","))"),
                                 .attribute(named: "aria-invalid", value: fields.errors(for: "file").isEmpty ? nil : "true")),
                          .forEach(fields.errors(for: "file")) { .p(.class("field-error"), .text($0)) }),
                     .div(.class("actions"), .button(.type(.submit), .text(LocalizedText(vi: "Tải lên", en: "Upload")(language)))))
    }

    // MARK: Helpers

    /// A pick list of one abbreviation list for the register's search, "all" first.
    private static func listFilter(_ name: String, _ label: LocalizedText, _ list: [DocumentAbbreviation], selected: String?,
                                   language: UILanguage) -> Node<HTML.FormContext> {
        .div(.label(.for(name), .text(label(language))),
             .element(named: "select", nodes: [
                 .attribute(named: "id", value: name), .attribute(named: "name", value: name),
                 .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false),
                                                   .text(LocalizedText(vi: "Tất cả", en: "All")(language))]),
                 .forEach(list) { entry in
                     .element(named: "option", nodes: [.attribute(named: "value", value: entry.code),
                                                       .attribute(named: "selected", value: entry.code == selected ? "selected" : nil),
                                                       .text("\(entry.code) · \(entry.name(language))")])
                 },
             ]))
    }

    private static func crumbs(_ current: String, language: UILanguage) -> [Crumb] {
        [Crumb(title: registerTitle(language), url: DocumentRoute.list.path), Crumb(title: current, url: nil)]
    }

    private static func centralLabel(_ language: UILanguage) -> String {
        LocalizedText(vi: "Trung ương (ban hành ngoài hệ thống)", en: "Central (issued outside this system)")(language)
    }

    private static func issuer(of document: Document, names: [Int: String], language: UILanguage) -> String {
        document.organizationId.flatMap { names[$0] } ?? centralLabel(language)
    }
}
