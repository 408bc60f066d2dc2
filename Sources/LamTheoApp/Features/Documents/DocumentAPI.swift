import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/documents`, the abbreviation lists and the committee terms. Reading is open to every
/// signed-in user (central documents concern everyone); what each may see is the scope rule of
/// `DocumentQueries`.
enum DocumentAPI {
    /// A little over the attachment limit, so that a file just too large gets the command's clear message.
    static let uploadBodyLimit: ByteCount = "21mb"

    static func register(on api: any RoutesBuilder) {
        api.get(DocumentRoute.abbreviations, use: abbreviations).requiring(.signedIn)
        api.post(DocumentRoute.abbreviations, use: addAbbreviation).requiring(.administrator)
        api.get(DocumentRoute.committeeTerms, use: terms).requiring(.signedIn)
        api.post(DocumentRoute.committeeTerms, use: addTerm).requiring(.administrator)
        api.get(DocumentRoute.list, use: list).requiring(.signedIn)
        api.post(DocumentRoute.list, use: create).requiring(.capability(.edit))
        api.get(DocumentRoute.parseNumber, use: parseNumber).requiring(.signedIn)
        api.get(DocumentRoute.show(.key), use: show).requiring(.signedIn)
        api.patch(DocumentRoute.show(.key), use: update).requiring(.capability(.edit))
        api.post(DocumentRoute.relations(.key), use: relate).requiring(.capability(.edit))
        api.delete(DocumentRoute.relation(.key, relation: .key), use: unrelate).requiring(.capability(.edit))
        api.post(DocumentRoute.attachments(.key), bodyLimit: uploadBodyLimit, use: attach).requiring(.capability(.edit))
        api.get(DocumentRoute.attachment(.key, attachment: .key), use: download).requiring(.signedIn)
        api.delete(DocumentRoute.attachment(.key, attachment: .key), use: removeAttachment).requiring(.capability(.edit))
    }

    struct DocumentDTO: Content {
        let id: Int
        let symbol: String
        let number: Int
        let typeCode: String
        let issuerCode: String
        let title: String
        let issuedOn: CalendarDate
        let termId: Int
        let organizationId: Int?
        let organizationName: String?

        init(_ document: Document, organizationName: String?) {
            id = document.requireID()
            symbol = document.symbol
            number = document.number
            typeCode = document.typeCode
            issuerCode = document.issuerCode
            title = document.title
            issuedOn = document.issuedOn
            termId = document.termId
            organizationId = document.organizationId
            self.organizationName = organizationName
        }
    }

    struct RelationDTO: Content {
        let id: Int
        let kind: DocumentRelationKind
        /// `outgoing`: this document continues, replaces or implements the other; `incoming`: the reverse.
        let direction: String
        let documentId: Int
        let symbol: String
        let title: String

        init(_ related: RelatedDocument) {
            id = related.relation.id!
            kind = related.relation.kind
            direction = related.outgoing ? "outgoing" : "incoming"
            documentId = related.document.requireID()
            symbol = related.document.symbol
            title = related.document.title
        }
    }

    struct AttachmentDTO: Content {
        let id: Int
        let fileName: String
        let mediaType: String
        let size: Int
        let sha256: String

        init(_ attachment: DocumentAttachment) {
            id = attachment.id!
            fileName = attachment.fileName
            mediaType = attachment.mediaType
            size = attachment.size
            sha256 = attachment.sha256
        }
    }

    struct DocumentDetailDTO: Content {
        let document: DocumentDTO
        let relations: [RelationDTO]
        let attachments: [AttachmentDTO]
    }

    struct RelationBody: Content {
        var toDocumentId: Int?
        var kind: DocumentRelationKind
    }

    struct ParsedNumberDTO: Content {
        let symbol: String
        let number: Int
        let typeCode: String
        let issuerCode: String
    }

    struct AbbreviationDTO: Content {
        let code: String
        let nameVi: String
        let nameEn: String

        init(_ abbreviation: DocumentAbbreviation) {
            code = abbreviation.code
            nameVi = abbreviation.nameVi
            nameEn = abbreviation.nameEn
        }
    }

    struct AbbreviationsDTO: Content {
        let types: [AbbreviationDTO]
        let issuers: [AbbreviationDTO]
    }

    struct TermDTO: Content {
        let id: Int
        let name: String
        let startsOn: CalendarDate
        let endsOn: CalendarDate?

        init(_ term: CommitteeTerm) {
            id = term.id!
            name = term.name
            startsOn = term.startsOn
            endsOn = term.endsOn
        }
    }

    static func list(request: Request) async throws -> PageDTO<DocumentDTO> {
        let paging = try Paging(request)
        let filter = try DocumentQueries.Filter(request, scopes: request.readableSubtrees)
        let page = try await DocumentQueries.search(filter, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await DocumentQueries.organizationNames(for: page.items, on: request.reads)
        return PageDTO(page) { DocumentDTO($0, organizationName: $0.organizationId.flatMap { names[$0] }) }
    }

    static func show(request: Request) async throws -> DocumentDetailDTO {
        try await detail(of: DocumentActions.requireDocument(request.id(), .read, request: request), request: request)
    }

    static func create(request: Request) async throws -> Response {
        let input = try request.content.decode(DocumentInput.self)
        let document = try await DocumentActions.register(input, request: request)
        return try await detail(of: document, request: request).encodeResponse(status: .created, for: request)
    }

    static func update(request: Request) async throws -> DocumentDetailDTO {
        let changes = try request.content.decode(DocumentInput.self)
        let document = try await DocumentActions.update(request.id(), request: request) { changes.laid(over: $0) }
        return try await detail(of: document, request: request)
    }

    static func relate(request: Request) async throws -> Response {
        let id = try request.id()
        let body = try request.content.decode(RelationBody.self)
        _ = try await DocumentActions.relate(from: id, to: body.toDocumentId, kind: body.kind, request: request)
        return try await detail(of: DocumentQueries.require(id, on: request.reads), request: request).encodeResponse(status: .created, for: request)
    }

    static func unrelate(request: Request) async throws -> HTTPStatus {
        _ = try await DocumentActions.unrelate(request.id("relationId"), of: request.id(), request: request)
        return .noContent
    }

    /// The file is the body; `?fileName=` names it. Its type is read from its bytes.
    static func attach(request: Request) async throws -> Response {
        let data = request.body.data.map { Data(buffer: $0) } ?? Data()
        let attachment = try await DocumentActions.attach(to: request.id(), fileName: try request.queryText("fileName"), data: data, request: request)
        return try await AttachmentDTO(attachment).encodeResponse(status: .created, for: request)
    }

    static func download(request: Request) async throws -> Response {
        let document = try await DocumentActions.requireDocument(request.id(), .read, request: request)
        let attachment = try await DocumentQueries.attachment(request.id("attachmentId"), of: document.requireID(), on: request.reads)
        return try request.application.documentFiles.download(attachment.storageKey, named: attachment.fileName, mediaType: attachment.mediaType)
    }

    static func removeAttachment(request: Request) async throws -> HTTPStatus {
        _ = try await DocumentActions.removeAttachment(request.id("attachmentId"), of: request.id(), request: request)
        return .noContent
    }

    static func parseNumber(request: Request) async throws -> ParsedNumberDTO {
        var validator = Validator()
        let parsed = try await validator.documentNumber(try request.queryText("text"), field: "text", on: request.reads)
        try validator.throwIfInvalid()
        return ParsedNumberDTO(symbol: parsed!.symbol, number: parsed!.number, typeCode: parsed!.typeCode, issuerCode: parsed!.issuerCode)
    }

    static func abbreviations(request: Request) async throws -> AbbreviationsDTO {
        let lists = try await DocumentQueries.abbreviations(on: request.reads)
        return AbbreviationsDTO(types: lists.types.map(AbbreviationDTO.init), issuers: lists.issuers.map(AbbreviationDTO.init))
    }

    static func addAbbreviation(request: Request) async throws -> Response {
        let entry = try await DocumentActions.addAbbreviation(try request.content.decode(AbbreviationInput.self), request: request)
        return try await AbbreviationDTO(entry.abbreviation).encodeResponse(status: .created, for: request)
    }

    static func terms(request: Request) async throws -> [TermDTO] {
        try await DocumentQueries.terms(on: request.reads).map(TermDTO.init)
    }

    static func addTerm(request: Request) async throws -> Response {
        let term = try await DocumentActions.addTerm(try request.content.decode(TermInput.self), request: request)
        return try await TermDTO(term).encodeResponse(status: .created, for: request)
    }

    static func detail(of document: Document, request: Request) async throws -> DocumentDetailDTO {
        let id = document.requireID()
        let names = try await DocumentQueries.organizationNames(for: [document], on: request.reads)
        return DocumentDetailDTO(
            document: DocumentDTO(document, organizationName: document.organizationId.flatMap { names[$0] }),
            relations: try await DocumentQueries.relations(of: id, scopes: request.readableSubtrees, on: request.reads).map(RelationDTO.init),
            attachments: try await DocumentQueries.attachments(of: id, on: request.reads).map(AttachmentDTO.init))
    }
}

extension DocumentQueries.Filter {
    /// `?q=&type=&issuer=&year=`, shared by the API and the register page.
    init(_ request: Request, scopes: [TreePath]?) throws {
        let year = try request.queryText("year")?.nonEmpty
        if let year, Int(year).map(CalendarDate.supportedYears.contains) != true {
            let range = CalendarDate.supportedYears
            throw DomainError.invalid(field: "year", LocalizedText(vi: "Năm phải là số từ \(range.lowerBound) đến \(range.upperBound), ví dụ 2021",
                                                                   en: "The year must be a number from \(range.lowerBound) to \(range.upperBound), e.g. 2021"))
        }
        self.init(text: try request.queryText("q"), typeCode: try request.queryText("type")?.nonEmpty,
                  issuerCode: try request.queryText("issuer")?.nonEmpty, year: year.flatMap { Int($0) }, scopes: scopes)
    }
}

extension DocumentInput: Content {}
extension AbbreviationInput: Content {}
extension TermInput: Content {}
