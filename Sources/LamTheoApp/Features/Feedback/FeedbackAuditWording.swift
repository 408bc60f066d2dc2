import LamTheoCore

/// How the audit trail words feedback: "Người dân gửi ý kiến YK-7KQ4-M2XH", "Cán bộ … chuyển ý kiến YK-…", with
/// "Tình trạng: Đã tiếp nhận → Đã chuyển đơn vị giải quyết". Contact details are never in the trail, only whether there were any.
struct FeedbackAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Feedback.auditEntity, noun: LocalizedText(vi: "ý kiến, kiến nghị", en: "feedback"), naming: .title("code"), fields: [
                AuditField("code", LocalizedText(vi: "Mã tra cứu", en: "Tracking code")),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị giải quyết", en: "Unit responsible"), .reference(.unit)),
                AuditField("siteOrganizationId", LocalizedText(vi: "Gửi đến", en: "Sent to"), .reference(.unit)),
                AuditField("topic", LocalizedText(vi: "Lĩnh vực", en: "Topic"), .choice(Self.topic)),
                AuditField("state", LocalizedText(vi: "Tình trạng", en: "State"), .choice(Self.state)),
                AuditField("answerDueOn", LocalizedText(vi: "Hạn trả lời", en: "Answer due"), .day),
                AuditField("answeredOn", LocalizedText(vi: "Ngày trả lời", en: "Answered on"), .day),
                AuditField("publishedOn", LocalizedText(vi: "Ngày công khai", en: "Published on"), .day),
                AuditField("consentsToPublish", LocalizedText(vi: "Đồng ý công khai", en: "Consents to publishing")),
                AuditField("answerLength", LocalizedText(vi: "Độ dài trả lời (ký tự)", en: "Answer length (characters)"), .number),
                AuditField("rejectionReason", LocalizedText(vi: "Lý do không thụ lý", en: "Reason for rejection")),
                AuditField("contactErasedOn", LocalizedText(vi: "Ngày xóa thông tin liên hệ", en: "Contact erased on"), .day),
                AuditField("contact", LocalizedText(vi: "Thông tin liên hệ", en: "Contact details")),
            ]),
            AuditRecordWording(FeedbackSetting.auditEntity, noun: LocalizedText(vi: "thời hạn trả lời ý kiến", en: "feedback answer deadline"),
                               naming: .reference("organizationId", .unit), fields: [
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("answerDays", LocalizedText(vi: "Số ngày", en: "Days"), .number),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("feedback.submit", LocalizedText(vi: "gửi", en: "sent")),
            AuditActionWording("feedback.acknowledge", LocalizedText(vi: "xác nhận đã nhận", en: "acknowledged")),
            AuditActionWording("feedback.forward", LocalizedText(vi: "chuyển đơn vị giải quyết", en: "forwarded")),
            AuditActionWording("feedback.answer", LocalizedText(vi: "trả lời", en: "answered")),
            AuditActionWording("feedback.reject", LocalizedText(vi: "trả lời không thụ lý", en: "rejected")),
            AuditActionWording("feedback.publish", LocalizedText(vi: "công khai trả lời", en: "published the answer to")),
            AuditActionWording("feedback.erase-contact", LocalizedText(vi: "xóa thông tin liên hệ của người gửi", en: "erased the sender's contact details of")),
            AuditActionWording("feedback.settings", LocalizedText(vi: "đặt", en: "set")),
        ]
    }

    private static let state: @Sendable (String) -> LocalizedText? = { FeedbackState(rawValue: $0)?.label }
    private static let topic: @Sendable (String) -> LocalizedText? = { FeedbackTopic(rawValue: $0)?.label }
}
