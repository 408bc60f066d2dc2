import LamTheoCore

/// How the audit trail words inspections: "Cán bộ Văn phòng Thành ủy ghi nội dung kết luận của cuộc kiểm tra
/// “lãnh đạo, chỉ đạo…”", with "Ưu điểm, hạn chế: 1 → 2".
struct InspectionAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Inspection.auditEntity, noun: LocalizedText(vi: "cuộc kiểm tra, giám sát", en: "inspection"), naming: .title("subject"), fields: [
                AuditField("subject", LocalizedText(vi: "Nội dung", en: "Subject")),
                AuditField("kind", LocalizedText(vi: "Hình thức", en: "Kind"), .choice(Self.kind)),
                AuditField("organizationId", LocalizedText(vi: "Cấp quyết định", en: "Deciding committee"), .reference(.unit)),
                AuditField("decisionDocumentId", LocalizedText(vi: "Quyết định", en: "Decision"), .reference(.document)),
                AuditField("periodFrom", LocalizedText(vi: "Thời kỳ từ", en: "Period from"), .day),
                AuditField("periodTo", LocalizedText(vi: "Thời kỳ đến", en: "Period to"), .day),
                AuditField("startsOn", LocalizedText(vi: "Bắt đầu", en: "Starts"), .day),
                AuditField("endsOn", LocalizedText(vi: "Kết thúc", en: "Ends"), .day),
                AuditField("selfReportDueOn", LocalizedText(vi: "Hạn báo cáo tự kiểm tra", en: "Self-reports due"), .day),
                AuditField("planSentOn", LocalizedText(vi: "Gửi kế hoạch", en: "Plan sent"), .day),
                AuditField("selfReports", LocalizedText(vi: "Báo cáo tự kiểm tra", en: "Self-reports"), .number),
                AuditField("sessions", LocalizedText(vi: "Buổi làm việc", en: "Sessions"), .number),
                AuditField("findings", LocalizedText(vi: "Ưu điểm, hạn chế", en: "Findings"), .number),
                AuditField("criticisms", LocalizedText(vi: "Phê bình", en: "Criticisms"), .number),
                AuditField("conclusionDocumentId", LocalizedText(vi: "Thông báo kết luận", en: "Conclusion"), .reference(.document)),
                AuditField("concludedOn", LocalizedText(vi: "Ngày kết luận", en: "Concluded on"), .day),
                AuditField("recommendations", LocalizedText(vi: "Kiến nghị", en: "Recommendations"), .number),
                AuditField("closedOn", LocalizedText(vi: "Kết thúc ngày", en: "Closed on"), .day),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("inspection.create", LocalizedText(vi: "quyết định", en: "decided")),
            AuditActionWording("inspection.plan", LocalizedText(vi: "gửi kế hoạch, đề cương báo cáo của", en: "sent the plan of")),
            AuditActionWording("inspection.self-report", LocalizedText(vi: "ghi báo cáo tự kiểm tra của", en: "recorded a self-report of")),
            AuditActionWording("inspection.session", LocalizedText(vi: "ghi buổi làm việc của", en: "recorded a session of")),
            AuditActionWording("inspection.finding", LocalizedText(vi: "ghi nội dung kết luận của", en: "recorded a finding of")),
            AuditActionWording("inspection.criticism", LocalizedText(vi: "ghi phê bình trong", en: "recorded a criticism in")),
            AuditActionWording("inspection.conclusion", LocalizedText(vi: "ghi thông báo kết luận của", en: "recorded the conclusion of")),
            AuditActionWording("inspection.recommendation", LocalizedText(vi: "giao kiến nghị sau", en: "issued a recommendation of")),
            AuditActionWording("inspection.closure", LocalizedText(vi: "kết thúc", en: "closed")),
        ]
    }

    private static let kind: @Sendable (String) -> LocalizedText? = { InspectionKind(rawValue: $0)?.label }
}
