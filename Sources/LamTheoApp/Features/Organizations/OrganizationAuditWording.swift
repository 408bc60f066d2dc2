import LamTheoCore

extension AuditReference {
    /// A unit of the tree, by its name.
    static let unit = AuditReference("organization")
}

/// How the audit trail words the tree's writes: "Cán bộ Trần Thị Hoa chuyển tổ chức Chi bộ Khu phố 1", with
/// "Trực thuộc: Đảng bộ phường Bến Nghé → Đảng bộ phường Sài Gòn".
struct OrganizationAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Organization.auditEntity, noun: LocalizedText(vi: "tổ chức", en: "unit"), naming: .name("name"), fields: [
                AuditField("name", LocalizedText(vi: "Tên", en: "Name")),
                AuditField("code", LocalizedText(vi: "Mã", en: "Code")),
                AuditField("kind", LocalizedText(vi: "Loại", en: "Kind"), .choice(Self.kindName)),
                AuditField("parentId", LocalizedText(vi: "Trực thuộc", en: "Under"), .reference(.unit)),
                AuditField("status", LocalizedText(vi: "Tình trạng", en: "Status"), .choice { OrganizationStatus(rawValue: $0)?.label }),
                AuditField("validFrom", LocalizedText(vi: "Có hiệu lực từ", en: "In force from"), .day),
                AuditField("validTo", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
                AuditField("mergedIntoId", LocalizedText(vi: "Hợp nhất vào", en: "Merged into"), .reference(.unit)),
            ]),
            AuditRecordWording(OrganizationKind.auditEntity, noun: LocalizedText(vi: "loại tổ chức", en: "kind of unit"), naming: .name("nameVi"), fields: [
                AuditField("nameVi", LocalizedText(vi: "Tên", en: "Name")),
                AuditField("nameEn", LocalizedText(vi: "Tên tiếng Anh", en: "English name")),
                AuditField("holdsMembers", LocalizedText(vi: "Đảng viên sinh hoạt trực tiếp", en: "Holds members"), .flag),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("organization.create", LocalizedText(vi: "lập", en: "created")),
            AuditActionWording("organization.update", LocalizedText(vi: "sửa thông tin", en: "edited")),
            AuditActionWording("organization.move", LocalizedText(vi: "chuyển trực thuộc", en: "moved")),
            AuditActionWording("organization.merge", LocalizedText(vi: "hợp nhất", en: "merged")),
            AuditActionWording("organization.dissolve", LocalizedText(vi: "giải thể", en: "dissolved")),
            AuditActionWording("organization-kind.create", LocalizedText(vi: "thêm", en: "added")),
        ]
    }

    var references: [any AuditReferenceSource] {
        [AuditColumnNames(.unit, table: Organization.schema, column: "name")]
    }

    /// The standard kinds by name; a kind added later by its code, as recorded.
    private static let kindName: @Sendable (String) -> LocalizedText? = { code in
        StandardOrganizationKind(rawValue: code).map { LocalizedText(vi: $0.vietnameseName, en: $0.englishName) }
    }
}
