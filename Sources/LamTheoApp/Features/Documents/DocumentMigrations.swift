import Fluent
import LamTheoCore
import SQLKit

struct CreateDocuments: AsyncMigration {
    var name: String { "009_CreateDocuments" }

    /// The national congress terms, each from the opening of its congress to the eve of the next.
    static let nationalTerms: [(name: String, startsOn: String, endsOn: String?)] = [
        ("Khóa XI", "2011-01-12", "2016-01-19"),
        ("Khóa XII", "2016-01-20", "2021-01-24"),
        ("Khóa XIII", "2021-01-25", "2026-01-18"),
        ("Khóa XIV", "2026-01-19", nil),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(DocumentAbbreviationEntry.schema)
            .field("id", .int, .identifier(auto: true))
            .field("list", .string, .required)
            .field("code", .string, .required)
            .field("name_vi", .string, .required)
            .field("name_en", .string, .required)
            .field("position", .int, .required)
            .unique(on: "list", "code")
            .create()
        for (list, entries) in [(DocumentAbbreviationList.type, StandardDocumentAbbreviations.types), (.issuer, StandardDocumentAbbreviations.issuers)] {
            for (position, abbreviation) in entries.enumerated() {
                try await DocumentAbbreviationEntry(list: list, abbreviation, position: position * 10).create(on: database)
            }
        }

        try await database.schema(CommitteeTerm.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .unique(on: "name")
            .create()
        for term in Self.nationalTerms {
            try await CommitteeTerm(name: term.name, startsOn: term.startsOn, endsOn: term.endsOn).create(on: database)
        }

        try await database.schema(Document.schema)
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .references(Organization.schema, "id"))
            .field("number", .int, .required)
            .field("type_code", .string, .required)
            .field("issuer_code", .string, .required)
            .field("symbol", .string, .required)
            .field("title", .string, .required)
            .field("title_search", .string, .required)
            .field("issued_on", .string, .required)
            .field("term_id", .int, .required, .references(CommitteeTerm.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // Numbers of one type from one issuer restart per term; within a term each is used once.
            .unique(on: "issuer_code", "type_code", "term_id", "number")
            .create()
        try await database.createIndex("documents_issued", on: Document.schema, columns: ["issued_on", "id"])
        try await database.createIndex("documents_organization", on: Document.schema, columns: ["organization_id", "issued_on"])

        try await database.schema(DocumentRelation.schema)
            .field("id", .int, .identifier(auto: true))
            .field("from_document_id", .int, .required, .references(Document.schema, "id"))
            .field("to_document_id", .int, .required, .references(Document.schema, "id"))
            .field("kind", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "from_document_id", "to_document_id")
            .create()
        try await database.createIndex("document_relations_to", on: DocumentRelation.schema, columns: ["to_document_id"])

        try await database.schema(DocumentAttachment.schema)
            .field("id", .int, .identifier(auto: true))
            .field("document_id", .int, .required, .references(Document.schema, "id"))
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("document_attachments_document", on: DocumentAttachment.schema, columns: ["document_id"])
        try await database.createIndex("document_attachments_key", on: DocumentAttachment.schema, columns: ["storage_key"])
    }

    func revert(on database: any Database) async throws {
        for schema in [DocumentAttachment.schema, DocumentRelation.schema, Document.schema, CommitteeTerm.schema, DocumentAbbreviationEntry.schema] {
            try await database.schema(schema).delete()
        }
    }
}
