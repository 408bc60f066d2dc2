import LamTheoCore

/// How the audit trail words members' correction requests, and the personal-data log their own views.
struct PrivacyAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(CorrectionRequest.auditEntity, noun: LocalizedText(vi: "đề nghị sửa thông tin", en: "correction request"),
                               naming: .owner("memberId", .member), fields: [
                AuditField("text", LocalizedText(vi: "Nội dung", en: "Text")),
                AuditField("status", LocalizedText(vi: "Trạng thái", en: "Status"), .choice(Self.status)),
                AuditField("resolvedBy", LocalizedText(vi: "Người xử lý", en: "Resolved by"), .reference(.user)),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("correction.request", LocalizedText(vi: "gửi", en: "sent")),
            AuditActionWording("correction.resolve", LocalizedText(vi: "xử lý", en: "resolved")),
        ]
    }

    var personalDataViews: [String: LocalizedText] {
        [
            "member.self": LocalizedText(vi: "Xem hồ sơ của chính mình", en: "Viewed their own record"),
            "member.export": LocalizedText(vi: "Tải dữ liệu của chính mình", en: "Downloaded their own data"),
        ]
    }

    private static let status: @Sendable (String) -> LocalizedText? = { code in
        switch code {
        case CorrectionRequest.open: return LocalizedText(vi: "Đang chờ xử lý", en: "Open")
        case CorrectionRequest.resolved: return LocalizedText(vi: "Đã xử lý", en: "Resolved")
        default: return nil
        }
    }
}
