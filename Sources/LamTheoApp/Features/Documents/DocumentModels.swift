import Fluent
import LamTheoCore
import Vapor

/// A document of the register (văn bản): a directive, conclusion, resolution, plan… with its number and
/// symbol. `organizationId` is the issuing unit in the tree; central documents, issued outside this
/// installation (05-CT/TW), have none.
final class Document: Model, @unchecked Sendable {
    static let schema = "documents"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @OptionalField(key: "organization_id") var organizationId: Int?
    @Field(key: "number") var number: Int
    @Field(key: "type_code") var typeCode: String
    @Field(key: "issuer_code") var issuerCode: String
    /// Canonical: `05-CT/TW`.
    @Field(key: "symbol") var symbol: String
    /// Trích yếu.
    @Field(key: "title") var title: String
    /// `VietnameseText.searchKey` of the symbol and the title, so one LIKE finds either.
    @Field(key: "title_search") var titleSearch: String
    @Field(key: "issued_on") var issuedOn: CalendarDate
    /// The committee term containing `issuedOn`: numbers restart with each term.
    @Field(key: "term_id") var termId: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var documentNumber: DocumentNumber {
        DocumentNumber(number: number, typeCode: typeCode, issuerCode: issuerCode)
    }
}

/// The kinds of list an abbreviation belongs to.
enum DocumentAbbreviationList: String, Codable, Sendable, CaseIterable {
    case type
    case issuer
}

/// One entry of the type or issuer abbreviations, seeded from `StandardDocumentAbbreviations` and
/// extendable like the organisation kinds.
final class DocumentAbbreviationEntry: Model, @unchecked Sendable {
    static let schema = "document_abbreviations"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "list") var list: DocumentAbbreviationList
    @Field(key: "code") var code: String
    @Field(key: "name_vi") var nameVi: String
    @Field(key: "name_en") var nameEn: String
    /// Order in pick lists.
    @Field(key: "position") var position: Int

    init() {}

    init(list: DocumentAbbreviationList, _ abbreviation: DocumentAbbreviation, position: Int) {
        self.list = list
        code = abbreviation.code
        nameVi = abbreviation.nameVi
        nameEn = abbreviation.nameEn
        self.position = position
    }

    var abbreviation: DocumentAbbreviation {
        DocumentAbbreviation(code: code, nameVi: nameVi, nameEn: nameEn)
    }
}

/// A committee term (nhiệm kỳ, khóa): the date range within which document numbers run on.
final class CommitteeTerm: Model, @unchecked Sendable {
    static let schema = "committee_terms"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "starts_on") var startsOn: CalendarDate
    /// nil for the term in progress.
    @OptionalField(key: "ends_on") var endsOn: CalendarDate?

    init() {}

    init(name: String, startsOn: CalendarDate, endsOn: CalendarDate?) {
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// `from` continues, replaces or implements `to`.
final class DocumentRelation: Model, @unchecked Sendable {
    static let schema = "document_relations"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "from_document_id") var fromDocumentId: Int
    @Field(key: "to_document_id") var toDocumentId: Int
    @Field(key: "kind") var kind: DocumentRelationKind
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A file attached to a document. The bytes live in the file store under `storageKey` (their SHA-256),
/// never under the name the user gave.
final class DocumentAttachment: Model, @unchecked Sendable {
    static let schema = "document_attachments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "document_id") var documentId: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
