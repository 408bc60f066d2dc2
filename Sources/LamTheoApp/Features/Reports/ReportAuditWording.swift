import LamTheoCore

extension AuditReference {
    /// A report, by its subject.
    static let report = AuditReference("report")
}

/// How the audit trail words reports: "Cán bộ Trần Thị Hoa ban hành phiên bản báo cáo 1".
struct ReportAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Report.auditEntity, noun: LocalizedText(vi: "báo cáo", en: "report"), naming: .title("subject"), fields: [
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("kind", LocalizedText(vi: "Loại", en: "Kind"), .choice { ReportKind(rawValue: $0)?.label }),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("day", LocalizedText(vi: "Số liệu đến ngày", en: "Figures as of"), .day),
                AuditField("period", LocalizedText(vi: "Kỳ", en: "Period"), .choice { ReportingPeriod(rawValue: $0)?.label }),
                AuditField("status", LocalizedText(vi: "Trạng thái", en: "Status"), .choice { ReportStatus(rawValue: $0)?.label }),
                AuditField("subject", LocalizedText(vi: "Trích yếu", en: "Subject")),
                AuditField("place", LocalizedText(vi: "Địa danh", en: "Place")),
                AuditField("superiorBody", LocalizedText(vi: "Cơ quan cấp trên", en: "Superior body")),
                AuditField("issuingBody", LocalizedText(vi: "Cơ quan ban hành", en: "Issuing body")),
                AuditField("authority", LocalizedText(vi: "Thẩm quyền ký", en: "Signing authority")),
                AuditField("signerTitle", LocalizedText(vi: "Chức vụ người ký", en: "Signer's title")),
                AuditField("signerName", LocalizedText(vi: "Người ký", en: "Signer")),
                AuditField("recipients", LocalizedText(vi: "Nơi nhận", en: "Recipients")),
                AuditField("narratives", LocalizedText(vi: "Nội dung", en: "Text")),
            ]),
            AuditRecordWording(ReportVersion.auditEntity, noun: LocalizedText(vi: "phiên bản báo cáo", en: "report version"), naming: .title("version"), fields: [
                AuditField("reportId", LocalizedText(vi: "Báo cáo", en: "Report"), .reference(.report)),
                AuditField("documentId", LocalizedText(vi: "Văn bản", en: "Document"), .reference(.document)),
                AuditField("format", LocalizedText(vi: "Thể thức", en: "Format")),
                AuditField("docxSha256", LocalizedText(vi: "SHA-256 tệp Word", en: "Word file SHA-256")),
                AuditField("xlsxSha256", LocalizedText(vi: "SHA-256 phụ lục", en: "Annex SHA-256")),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("report.create", LocalizedText(vi: "lập", en: "drafted")),
            AuditActionWording("report.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("report.refresh", LocalizedText(vi: "cập nhật số liệu", en: "refreshed the figures of"), listsChanges: false),
            AuditActionWording("report.issue", LocalizedText(vi: "ban hành", en: "issued")),
        ]
    }

    var references: [any AuditReferenceSource] {
        [AuditColumnNames(.report, table: Report.schema, column: "subject")]
    }
}
