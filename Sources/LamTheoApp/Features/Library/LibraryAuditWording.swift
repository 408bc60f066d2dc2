import LamTheoCore

/// How the audit trail words the library: "Cán bộ Văn phòng Thành ủy cập nhật tài liệu Tóm tắt Nghị quyết…".
struct LibraryAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(LibraryItem.auditEntity, noun: LocalizedText(vi: "tài liệu", en: "library item"), naming: .title("title"), fields: [
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("kind", LocalizedText(vi: "Loại", en: "Kind"), .choice { LibraryKind(rawValue: $0)?.label }),
                AuditField("title", LocalizedText(vi: "Tên tài liệu", en: "Title")),
                AuditField("summary", LocalizedText(vi: "Tóm tắt", en: "Summary")),
                AuditField("topics", LocalizedText(vi: "Chủ đề", en: "Topics")),
                AuditField("visibility", LocalizedText(vi: "Ai được đọc", en: "Who reads it"), .choice { LibraryVisibility(rawValue: $0)?.label }),
                AuditField("version", LocalizedText(vi: "Phiên bản", en: "Version"), .number),
                AuditField("fileName", LocalizedText(vi: "Tệp", en: "File")),
                AuditField("fileKey", LocalizedText(vi: "SHA-256 của tệp", en: "File SHA-256")),
                AuditField("linkUrl", LocalizedText(vi: "Đường dẫn", en: "Link")),
                AuditField("campaigns", LocalizedText(vi: "Đợt triển khai", en: "Campaigns"), .references(.campaign)),
                AuditField("requiredReading", LocalizedText(vi: "Bắt buộc đọc trong đợt", en: "Required reading of"), .references(.campaign)),
            ]),
            AuditRecordWording(LibraryReading.auditEntity, noun: LocalizedText(vi: "lượt đọc tài liệu", en: "reading"), naming: .owner("memberId", .member), fields: [
                AuditField("itemId", LocalizedText(vi: "Tài liệu (số)", en: "Item (id)")),
                AuditField("memberId", LocalizedText(vi: "Đảng viên", en: "Member"), .reference(.member)),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("library.create", LocalizedText(vi: "thêm", en: "added")),
            AuditActionWording("library.revise", LocalizedText(vi: "cập nhật (phiên bản mới)", en: "saved a new version of")),
            AuditActionWording("library.read", LocalizedText(vi: "đọc", en: "read")),
        ]
    }

    var references: [any AuditReferenceSource] { [] }
}
