import LamTheoCore

extension AuditReference {
    /// A document of the register, by its number and symbol (01-KL/TW).
    static let document = AuditReference("document")
}

/// How the audit trail words the document register: "Cán bộ Trần Thị Hoa đăng ký văn bản 01-KL/TW".
struct DocumentAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Document.auditEntity, noun: LocalizedText(vi: "văn bản", en: "document"), naming: .name("symbol"), fields: [
                AuditField("symbol", LocalizedText(vi: "Số, ký hiệu", en: "Number and symbol")),
                AuditField("title", LocalizedText(vi: "Trích yếu", en: "Title")),
                AuditField("issuedOn", LocalizedText(vi: "Ngày ban hành", en: "Issued on"), .day),
                AuditField("organizationId", LocalizedText(vi: "Cơ quan ban hành", en: "Issued by"), .reference(.unit)),
            ]),
            AuditRecordWording(DocumentRelation.auditEntity, noun: LocalizedText(vi: "liên kết của văn bản", en: "relation of document"),
                               naming: .reference("fromDocumentId", .document), fields: [
                AuditField("kind", LocalizedText(vi: "Quan hệ", en: "Relation"), .choice { DocumentRelationKind(rawValue: $0)?.label }),
                AuditField("toDocumentId", LocalizedText(vi: "Văn bản liên quan", en: "Related document"), .reference(.document)),
            ]),
            AuditRecordWording(DocumentAttachment.auditEntity, noun: LocalizedText(vi: "tệp", en: "file"), naming: .title("fileName"), fields: [
                AuditField("documentId", LocalizedText(vi: "Văn bản", en: "Document"), .reference(.document)),
                AuditField("fileName", LocalizedText(vi: "Tên tệp", en: "File name")),
            ]),
            AuditRecordWording(DocumentAbbreviationEntry.auditEntity, noun: LocalizedText(vi: "chữ viết tắt", en: "abbreviation"), naming: .name("code"), fields: [
                AuditField("code", LocalizedText(vi: "Chữ viết tắt", en: "Abbreviation")),
                AuditField("nameVi", LocalizedText(vi: "Nghĩa", en: "Meaning")),
                AuditField("nameEn", LocalizedText(vi: "Nghĩa tiếng Anh", en: "English meaning")),
            ]),
            AuditRecordWording(CommitteeTerm.auditEntity, noun: LocalizedText(vi: "nhiệm kỳ", en: "committee term"), naming: .title("name"), fields: [
                AuditField("name", LocalizedText(vi: "Tên", en: "Name")),
                AuditField("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("document.register", LocalizedText(vi: "đăng ký", en: "registered")),
            AuditActionWording("document.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("document.relate", LocalizedText(vi: "thêm", en: "added")),
            AuditActionWording("document.unrelate", LocalizedText(vi: "bỏ", en: "removed"), listsChanges: false),
            AuditActionWording("document.attach", LocalizedText(vi: "đính kèm", en: "attached")),
            AuditActionWording("document.detach", LocalizedText(vi: "gỡ", en: "removed"), listsChanges: false),
            AuditActionWording("document-abbreviation.create", LocalizedText(vi: "thêm", en: "added")),
            AuditActionWording("committee-term.create", LocalizedText(vi: "thêm", en: "added")),
        ]
    }

    var references: [any AuditReferenceSource] {
        [AuditColumnNames(.document, table: Document.schema, column: "symbol")]
    }
}
