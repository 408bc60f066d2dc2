import Fluent
import SQLKit

struct CreateDocuments: AsyncMigration {
    var name: String { "009_CreateDocuments" }

    /// The standard type and issuer abbreviations (list, code, names, position), as
    /// `StandardDocumentAbbreviations` listed them when this migration was written.
    private static let abbreviations: [[any Encodable & Sendable]] = [
        ["type", "NQ", "Nghị quyết", "Resolution", 0],
        ["type", "CT", "Chỉ thị", "Directive", 10],
        ["type", "KL", "Kết luận", "Conclusion", 20],
        ["type", "QĐ", "Quyết định, quy định", "Decision or regulation", 30],
        ["type", "QĐNS", "Quyết định nhân sự", "Personnel decision", 40],
        ["type", "QC", "Quy chế", "Rules of procedure", 50],
        ["type", "HD", "Hướng dẫn", "Guidance", 60],
        ["type", "TT", "Thông tri", "Circular", 70],
        ["type", "KH", "Kế hoạch", "Plan", 80],
        ["type", "CTr", "Chương trình", "Programme", 90],
        ["type", "ĐA", "Đề án", "Scheme", 100],
        ["type", "BC", "Báo cáo", "Report", 110],
        ["type", "TB", "Thông báo", "Notice", 120],
        ["type", "TTr", "Tờ trình", "Submission", 130],
        ["type", "CV", "Công văn", "Official letter", 140],
        ["issuer", "TW", "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", "Central Committee, Politburo, Secretariat", 0],
        ["issuer", "VPTW", "Văn phòng Trung ương Đảng", "Party Central Office", 10],
        ["issuer", "BTCTW", "Ban Tổ chức Trung ương", "Central Organisation Commission", 20],
        ["issuer", "BTGTW", "Ban Tuyên giáo Trung ương", "Central Propaganda and Education Commission", 30],
        ["issuer", "BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", "Central Propaganda, Education and Mass Mobilisation Commission", 40],
        ["issuer", "UBKTTW", "Ủy ban Kiểm tra Trung ương", "Central Inspection Commission", 50],
        ["issuer", "TU", "Tỉnh ủy, Thành ủy", "Provincial or city committee", 60],
        ["issuer", "BTGTU", "Ban Tuyên giáo Tỉnh ủy, Thành ủy", "Propaganda Commission of a provincial committee", 70],
        ["issuer", "ĐUK", "Đảng ủy Khối", "Committee of a bloc", 80],
        ["issuer", "HU", "Huyện ủy", "District committee", 90],
        ["issuer", "QU", "Quận ủy", "Urban district committee", 100],
        ["issuer", "ĐU", "Đảng ủy", "Party committee", 110],
        ["issuer", "CB", "Chi bộ", "Cell", 120],
    ]

    /// The national congress terms, each from the opening of its congress to the eve of the next.
    private static let nationalTerms: [[any Encodable & Sendable]] = [
        ["Khóa XI", "2011-01-12", "2016-01-19"],
        ["Khóa XII", "2016-01-20", "2021-01-24"],
        ["Khóa XIII", "2021-01-25", "2026-01-18"],
        ["Khóa XIV", "2026-01-19", String?.none],
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("document_abbreviations")
            .field("id", .int, .identifier(auto: true))
            .field("list", .string, .required)
            .field("code", .string, .required)
            .field("name_vi", .string, .required)
            .field("name_en", .string, .required)
            .field("position", .int, .required)
            .unique(on: "list", "code")
            .create()
        try await database.sql.insert(into: "document_abbreviations", columns: ["list", "code", "name_vi", "name_en", "position"],
                                      rows: Self.abbreviations).run()

        try await database.schema("committee_terms")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .unique(on: "name")
            .create()
        try await database.sql.insert(into: "committee_terms", columns: ["name", "starts_on", "ends_on"], rows: Self.nationalTerms).run()

        try await database.schema("documents")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .references("organizations", "id"))
            .field("number", .int, .required)
            .field("type_code", .string, .required)
            .field("issuer_code", .string, .required)
            .field("symbol", .string, .required)
            .field("title", .string, .required)
            .field("title_search", .string, .required)
            .field("issued_on", .string, .required)
            .field("term_id", .int, .required, .references("committee_terms", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // Numbers of one type from one issuer restart per term; within a term each is used once.
            .unique(on: "issuer_code", "type_code", "term_id", "number")
            .create()
        try await database.createIndex("documents_issued", on: "documents", columns: ["issued_on", "id"])
        try await database.createIndex("documents_organization", on: "documents", columns: ["organization_id", "issued_on"])

        try await database.schema("document_relations")
            .field("id", .int, .identifier(auto: true))
            .field("from_document_id", .int, .required, .references("documents", "id"))
            .field("to_document_id", .int, .required, .references("documents", "id"))
            .field("kind", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "from_document_id", "to_document_id")
            .create()
        try await database.createIndex("document_relations_to", on: "document_relations", columns: ["to_document_id"])

        try await database.schema("document_attachments")
            .field("id", .int, .identifier(auto: true))
            .field("document_id", .int, .required, .references("documents", "id"))
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("document_attachments_document", on: "document_attachments", columns: ["document_id"])
        try await database.createIndex("document_attachments_key", on: "document_attachments", columns: ["storage_key"])
    }

    func revert(on database: any Database) async throws {
        for schema in ["document_attachments", "document_relations", "documents", "committee_terms", "document_abbreviations"] {
            try await database.schema(schema).delete()
        }
    }
}
