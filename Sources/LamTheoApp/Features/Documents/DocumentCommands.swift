import Fluent
import Foundation
import LamTheoCore

/// A document as typed into the register form or sent to the API (it is both bodies).
struct DocumentInput: Codable, Sendable {
    /// The number and symbol as written: "Số 05-CT/TW", "05 - ct / tw"; stored canonically.
    var symbol: String?
    /// Trích yếu.
    var title: String?
    /// `dd/MM/yyyy` or ISO.
    var issuedOn: String?
    /// The issuing unit; none for central documents issued outside this installation.
    var organizationId: Int?

    /// The stored document with this input's fields laid over it: what a partial update means.
    func laid(over document: Document) -> DocumentInput {
        DocumentInput(symbol: symbol ?? document.symbol, title: title ?? document.title, issuedOn: issuedOn ?? document.issuedOn.iso,
                      organizationId: organizationId ?? document.organizationId)
    }
}

/// A new entry of the type or issuer abbreviations.
struct AbbreviationInput: Codable, Sendable {
    /// `type` or `issuer`.
    var list: String?
    var code: String?
    var nameVi: String?
    var nameEn: String?
}

/// A new committee term.
struct TermInput: Codable, Sendable {
    var name: String?
    var startsOn: String?
    /// Blank for the term in progress.
    var endsOn: String?
}

/// The writes on the document register. Like every command they check first and throw `DomainError`
/// without writing; callers run them inside an audited write.
enum DocumentCommands {
    static func register(_ input: DocumentInput, on db: any Database) async throws -> Document {
        let details = try await checked(input, except: nil, on: db)
        let document = Document()
        details.apply(to: document)
        try await document.create(on: db)
        return document
    }

    static func update(_ id: Int, _ input: DocumentInput, on db: any Database) async throws -> Document {
        let document = try await DocumentQueries.require(id, on: db)
        let details = try await checked(input, except: id, on: db)
        details.apply(to: document)
        try await document.save(on: db)
        return document
    }

    /// Records that `from` continues, replaces or implements `to`. Two documents are related at most once.
    @discardableResult
    static func relate(from: Int, to: Int, kind: DocumentRelationKind, on db: any Database) async throws -> DocumentRelation {
        let source = try await DocumentQueries.require(from, on: db)
        let target = try await DocumentQueries.require(to, on: db)
        if from == to {
            throw DomainError.invalid(field: "toDocumentId", LocalizedText(vi: "Văn bản không thể liên quan đến chính nó",
                                                                          en: "A document cannot be related to itself"))
        }
        let existing = try await DocumentRelation.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$fromDocumentId == from).filter(\.$toDocumentId == to) }
            either.group(.and) { $0.filter(\.$fromDocumentId == to).filter(\.$toDocumentId == from) }
        }.first()
        if existing != nil {
            throw DomainError.conflict(field: "toDocumentId", LocalizedText(vi: "\(source.symbol) và \(target.symbol) đã có liên hệ với nhau",
                                                                           en: "\(source.symbol) and \(target.symbol) are already related"))
        }
        let relation = DocumentRelation()
        relation.fromDocumentId = from
        relation.toDocumentId = to
        relation.kind = kind
        try await relation.create(on: db)
        return relation
    }

    /// Removes a relation that starts or ends at `documentId`.
    static func unrelate(_ relationId: Int, of documentId: Int, on db: any Database) async throws -> DocumentRelation {
        guard let relation = try await DocumentRelation.find(relationId, on: db),
              relation.fromDocumentId == documentId || relation.toDocumentId == documentId else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy liên hệ giữa hai văn bản", en: "Relation not found"))
        }
        try await relation.delete(on: db)
        return relation
    }

    /// Attaches a PDF or DOCX. The type is read from the bytes; the bytes go to `store`, not the database.
    static func attach(to documentId: Int, fileName rawName: String?, data: Data, store: DocumentFileStore,
                       on db: any Database) async throws -> DocumentAttachment {
        _ = try await DocumentQueries.require(documentId, on: db)
        var validator = Validator()
        let file = validator.attachment(named: rawName, data, field: "file")
        try validator.throwIfInvalid()

        let attachment = DocumentAttachment()
        attachment.documentId = documentId
        attachment.fileName = file!.fileName
        attachment.mediaType = file!.type.mediaType
        attachment.size = data.count
        // The store names a file by its SHA-256: one hash gives both.
        attachment.storageKey = try store.save(data)
        attachment.sha256 = attachment.storageKey
        try await attachment.create(on: db)
        return attachment
    }

    /// Removes an attachment's record; the caller removes the stored file once this has committed and no
    /// other attachment shares it (`DocumentActions.removeAttachment`).
    static func removeAttachment(_ attachmentId: Int, of documentId: Int, on db: any Database) async throws -> DocumentAttachment {
        let attachment = try await DocumentQueries.attachment(attachmentId, of: documentId, on: db)
        try await attachment.delete(on: db)
        return attachment
    }

    /// Adds a type or an issuer to the abbreviation lists (a province's own body, a type the seed lacks).
    static func addAbbreviation(_ input: AbbreviationInput, on db: any Database) async throws -> DocumentAbbreviationEntry {
        var validator = Validator()
        let list = DocumentAbbreviationList(rawValue: input.list ?? "")
        if list == nil {
            validator.add("list", LocalizedText(vi: "Danh mục phải là type (loại văn bản) hoặc issuer (cơ quan ban hành)",
                                                en: "The list must be type or issuer"))
        }
        let code = VietnameseText.normalized(input.code ?? "")
        if code.isEmpty || code.count > 12 || !code.allSatisfy(\.isLetter) {
            validator.add("code", LocalizedText(vi: "Chữ viết tắt chỉ gồm chữ cái (tối đa 12), ví dụ CT, ĐA, BTGTU",
                                                en: "An abbreviation has only letters (at most 12), e.g. CT, ĐA, BTGTU"))
        }
        let nameVi = validator.requiredText(input.nameVi, field: "nameVi", label: LocalizedText(vi: "Tên tiếng Việt", en: "Vietnamese name"))
        let nameEn = validator.requiredText(input.nameEn, field: "nameEn", label: LocalizedText(vi: "Tên tiếng Anh", en: "English name"))
        try validator.throwIfInvalid()
        // The parser matches ignoring case, so codes differing only in case would be one.
        let existing = try await DocumentAbbreviationEntry.query(on: db).filter(\.$list == list!).all()
        if existing.contains(where: { $0.code.uppercased() == code.uppercased() }) {
            throw DomainError.conflict(field: "code", LocalizedText(vi: "Danh mục đã có chữ viết tắt \(code)", en: "\(code) is already in the list"))
        }
        let entry = DocumentAbbreviationEntry(list: list!, DocumentAbbreviation(code: code, nameVi: nameVi, nameEn: nameEn),
                                              position: (existing.map(\.position).max() ?? 0) + 10)
        try await entry.create(on: db)
        return entry
    }

    /// Adds a committee term. Terms do not overlap; the term in progress (with no end) is closed on the
    /// eve of the new one, unless it already holds documents dated from then on.
    static func addTerm(_ input: TermInput, on db: any Database) async throws -> CommitteeTerm {
        var validator = Validator()
        let name = validator.requiredText(input.name, field: "name", label: LocalizedText(vi: "Tên nhiệm kỳ", en: "Term name"), maxLength: 60)
        let startsOn = validator.requiredDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date"))
        let endsOn = validator.optionalDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        if let startsOn, let endsOn, endsOn < startsOn {
            validator.add("endsOn", LocalizedText(vi: "Ngày kết thúc phải sau ngày bắt đầu", en: "The end date must follow the start date"))
        }
        try validator.throwIfInvalid()
        let start = startsOn!
        let terms = try await DocumentQueries.terms(on: db)
        if terms.contains(where: { $0.name == name }) {
            throw DomainError.conflict(field: "name", LocalizedText(vi: "Đã có nhiệm kỳ \(name)", en: "Term \(name) already exists"))
        }
        let overlapping = terms.filter { term in (endsOn.map { term.startsOn <= $0 } ?? true) && (term.endsOn.map { start <= $0 } ?? true) }
        if let open = overlapping.first, overlapping.count == 1, open.endsOn == nil, open.startsOn < start,
           try await Document.query(on: db).filter(\.$termId == open.id!).filter(\.$issuedOn >= start).first() == nil {
            open.endsOn = start.adding(days: -1)
            try await open.save(on: db)
        } else if let clash = overlapping.first {
            throw DomainError.conflict(field: "startsOn", LocalizedText(vi: "Trùng thời gian với nhiệm kỳ \(clash.name)",
                                                                       en: "Overlaps the term \(clash.name)"))
        }
        let term = CommitteeTerm(name: name, startsOn: start, endsOn: endsOn)
        try await term.create(on: db)
        return term
    }

    /// Checks everything about a document and finds its term; throws before anything is written.
    private static func checked(_ input: DocumentInput, except id: Int?, on db: any Database) async throws -> CheckedDocument {
        var validator = Validator()
        let number = try await validator.documentNumber(input.symbol, on: db)
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Trích yếu", en: "Title"), maxLength: 1_000)
        let issuedOn = validator.requiredDate(input.issuedOn, field: "issuedOn", label: LocalizedText(vi: "Ngày ban hành", en: "Date issued"))
        if let issuedOn, issuedOn > CalendarDate.today() {
            validator.add("issuedOn", LocalizedText(vi: "Ngày ban hành không được sau hôm nay", en: "The date issued cannot be in the future"))
        }
        let term = try await issuedOn.asyncMap { try await validator.term(containing: $0, on: db) } ?? nil
        if let organizationId = input.organizationId {
            if let unit = try await Organization.find(organizationId, on: db) {
                if let number { validator.issuer(of: number, matches: unit) }
            } else {
                validator.add("organizationId", LocalizedText(vi: "Không tìm thấy tổ chức ban hành", en: "The issuing organisation does not exist"))
            }
        }
        try validator.throwIfInvalid()

        let checked = CheckedDocument(number: number!, title: title, issuedOn: issuedOn!, term: term!, organizationId: input.organizationId)
        try await requireUnused(checked, except: id, on: db)
        return checked
    }

    private static func requireUnused(_ document: CheckedDocument, except id: Int?, on db: any Database) async throws {
        // Each issuing unit keeps its own register (every ward signs …/ĐU); central documents share one.
        var query = Document.query(on: db).filter(\.$organizationId == document.organizationId)
            .filter(\.$issuerCode == document.number.issuerCode).filter(\.$typeCode == document.number.typeCode)
            .filter(\.$termId == document.term.id!).filter(\.$number == document.number.number)
        if let id { query = query.filter(\.$id != id) }
        // The other document is not described: it may lie outside the caller's scope.
        if try await query.first() != nil {
            let symbol = document.number.symbol
            throw DomainError.conflict(field: "symbol", LocalizedText(
                vi: "Số \(symbol) đã được dùng trong nhiệm kỳ \(document.term.name): mỗi số chỉ dùng một lần trong một nhiệm kỳ",
                en: "\(symbol) is already used in term \(document.term.name): a number is used once per term"))
        }
    }
}

/// A document's fields after checking, ready to be written.
private struct CheckedDocument {
    let number: DocumentNumber
    let title: String
    let issuedOn: CalendarDate
    let term: CommitteeTerm
    let organizationId: Int?

    func apply(to document: Document) {
        document.number = number.number
        document.typeCode = number.typeCode
        document.issuerCode = number.issuerCode
        document.symbol = number.symbol
        document.title = title
        document.titleSearch = VietnameseText.searchKey("\(number.symbol) \(title)")
        document.issuedOn = issuedOn
        document.termId = term.id!
        document.organizationId = organizationId
    }
}

extension Validator {
    /// The number and symbol read against the stored abbreviation lists; a problem is reported on `field`.
    mutating func documentNumber(_ raw: String?, field: String = "symbol", on db: any Database) async throws -> DocumentNumber? {
        let lists = try await DocumentQueries.abbreviations(on: db)
        do throws(DocumentNumberError) {
            return try DocumentNumber(parsing: raw ?? "", types: lists.types, issuers: lists.issuers)
        } catch {
            add(field, error.message)
            return nil
        }
    }

    /// A unit's document bears its own committee's symbol, or one of its boards' ("…-BC/ĐUK" for a bloc, not "…-BC/ĐU");
    /// a unit whose committee's symbol its name and kind do not tell may use any.
    fileprivate mutating func issuer(of number: DocumentNumber, matches unit: Organization) {
        guard let own = PartyBodies.issuerCode(ofUnitNamed: unit.name, kind: unit.kindCode),
              !PartyBodies.isIssuer(number.issuerCode, of: own) else { return }
        let committee = PartyBodies.committee(ofUnitNamed: unit.name)
        add("symbol", LocalizedText(vi: "Ký hiệu phải là …-\(number.typeCode)/\(own) của \(committee) (không phải \(number.issuerCode))",
                                    en: "The symbol must be …-\(number.typeCode)/\(own) for \(committee) (not \(number.issuerCode))"))
    }

    fileprivate mutating func term(containing date: CalendarDate, on db: any Database) async throws -> CommitteeTerm? {
        let term = try await DocumentQueries.term(containing: date, on: db)
        if term == nil {
            add("issuedOn", LocalizedText(vi: "Chưa có nhiệm kỳ nào chứa ngày \(date.vietnamese) trong danh mục nhiệm kỳ",
                                          en: "No committee term in the list contains \(date.vietnamese)"))
        }
        return term
    }
}
