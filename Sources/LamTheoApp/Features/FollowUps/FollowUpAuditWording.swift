import LamTheoCore

/// How the audit trail words follow-up tasks: "Cán bộ Văn phòng Thành ủy trả lại nhiệm vụ “Rà soát quy chế…”",
/// with "Tình trạng: Đã báo cáo, chờ xem xét → Trả lại, làm tiếp".
struct FollowUpAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(FollowUpTask.auditEntity, noun: LocalizedText(vi: "nhiệm vụ", en: "task"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Nội dung", en: "Task")),
                AuditField("origin", LocalizedText(vi: "Nguồn", en: "Origin")),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị thực hiện", en: "Owner unit"), .reference(.unit)),
                AuditField("issuerOrganizationId", LocalizedText(vi: "Cấp giao", en: "Issued by"), .reference(.unit)),
                AuditField("responsible", LocalizedText(vi: "Người chịu trách nhiệm", en: "Responsible")),
                AuditField("requiredEvidence", LocalizedText(vi: "Minh chứng cần nộp", en: "Evidence required")),
                AuditField("dueOn", LocalizedText(vi: "Thời hạn", en: "Deadline"), .day),
                AuditField("extendedUntil", LocalizedText(vi: "Gia hạn đến", en: "Extended until"), .day),
                AuditField("state", LocalizedText(vi: "Tình trạng", en: "State"), .choice(Self.state)),
                AuditField("reportCount", LocalizedText(vi: "Số lần báo cáo", en: "Reports"), .number),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            // Features issue tasks in their own writes (a briefing's conclusion); the benchmark issues them alone.
            AuditActionWording("follow-up.issue", LocalizedText(vi: "giao", en: "issued")),
            AuditActionWording("follow-up.report", LocalizedText(vi: "báo cáo kết quả", en: "reported on")),
            AuditActionWording("follow-up.review", LocalizedText(vi: "xem xét báo cáo", en: "reviewed the report on")),
            AuditActionWording("follow-up.extend", LocalizedText(vi: "gia hạn", en: "extended")),
            AuditActionWording("follow-up.cancel", LocalizedText(vi: "hủy", en: "cancelled")),
        ]
    }

    private static let state: @Sendable (String) -> LocalizedText? = { FollowUpState(rawValue: $0)?.label }
}
