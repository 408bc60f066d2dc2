import LamTheoCore

/// How the audit trail words a person's notification settings and a committee's reminder schedules.
struct NotificationAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(NotificationSettings.auditEntity, noun: LocalizedText(vi: "cách nhận thông báo", en: "notification settings"), fields: [
                AuditField("email", LocalizedText(vi: "Thư điện tử", en: "E-mail")),
                AuditField("emailEnabled", LocalizedText(vi: "Nhận qua thư", en: "By e-mail"), .flag),
                AuditField("dailyDigest", LocalizedText(vi: "Thư tổng hợp mỗi ngày", en: "Daily digest"), .flag),
            ]),
            AuditRecordWording(ReminderRule.auditEntity, noun: LocalizedText(vi: "lịch nhắc việc", en: "reminder schedule"), fields: [
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("kind", LocalizedText(vi: "Loại việc", en: "Kind"), .choice(Self.kind)),
                AuditField("daysBefore", LocalizedText(vi: "Nhắc trước (ngày)", en: "Days before")),
                AuditField("onTheDay", LocalizedText(vi: "Nhắc đúng ngày hạn", en: "On the day"), .flag),
                AuditField("repeatEvery", LocalizedText(vi: "Quá hạn: nhắc lại sau mỗi (ngày)", en: "Late: again every (days)"), .number),
                AuditField("escalateAfter", LocalizedText(vi: "Báo cấp trên sau (ngày quá hạn)", en: "Tell the level above after (days late)"), .number),
                AuditField("escalateAgainAfter", LocalizedText(vi: "Báo cấp trên nữa sau thêm (ngày)", en: "Tell the next level after (more days)"), .number),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("notification-settings.save", LocalizedText(vi: "lưu cách nhận thông báo", en: "saved the notification settings")),
            AuditActionWording("reminder-rule.save", LocalizedText(vi: "đặt lịch nhắc việc", en: "set the reminder schedule")),
            AuditActionWording("reminder-rule.remove", LocalizedText(vi: "bỏ lịch nhắc việc riêng", en: "removed the own reminder schedule")),
        ]
    }

    private static let kind: @Sendable (String) -> LocalizedText? = { Reminders.sources.kind(named: $0)?.title }
}
