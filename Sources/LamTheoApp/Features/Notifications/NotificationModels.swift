import Fluent
import Foundation
import LamTheoCore

/// One message to one person in their inbox: a reminder of a dated thing, or a digest of the units lagging
/// below them. Recorded once per person, kind, item, deadline and step (`notifications_once`), which is what
/// keeps a retried or doubled run from sending anything twice; an extended deadline starts a new series.
final class UserNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userId: Int
    /// The reminder kind ("study.reflection") or `EscalationDigest.kind`.
    @Field(key: "kind") var kind: String
    /// The item within its kind: "campaign-3/member-17", "obligation-12".
    @Field(key: "item_key") var itemKey: String
    @Field(key: "due_on") var dueOn: CalendarDate
    /// `ReminderStep`'s key ("before-7", "due", "late-3") or "digest".
    @Field(key: "step") var step: String
    /// The unit the item belongs to: whose officers see it on the reminders page.
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "title_vi") var titleVi: String
    @Field(key: "title_en") var titleEn: String
    @OptionalField(key: "body_vi") var bodyVi: String?
    @OptionalField(key: "body_en") var bodyEn: String?
    @Field(key: "link") var link: String
    @Field(key: "created_on") var createdOn: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "email_state") var emailState: EmailState
    @Field(key: "email_attempts") var emailAttempts: Int
    @OptionalField(key: "email_next_at") var emailNextAt: Date?
    @OptionalField(key: "email_error") var emailError: String?
    @OptionalField(key: "emailed_at") var emailedAt: Date?

    init() {}

    var title: LocalizedText { LocalizedText(vi: titleVi, en: titleEn) }
    var body: LocalizedText? { bodyVi.map { LocalizedText(vi: $0, en: bodyEn ?? $0) } }
}

/// Where a notification's e-mail stands.
enum EmailState: String, Codable, Sendable, CaseIterable {
    /// In the app only: the person chose so, or has no address.
    case none
    /// To be sent by the mail job (after quiet hours, and after `email_next_at` when a try failed).
    case pending
    /// To go in the person's daily digest.
    case digest
    case sent
    /// Refused for good (the address, or after the last retry): `email_error` says why.
    case failed

    var label: LocalizedText {
        switch self {
        case .none: return LocalizedText(vi: "Chỉ trong ứng dụng", en: "In the app only")
        case .pending: return LocalizedText(vi: "Chờ gửi thư", en: "E-mail waiting")
        case .digest: return LocalizedText(vi: "Gửi trong thư tổng hợp", en: "In the daily digest")
        case .sent: return LocalizedText(vi: "Đã gửi thư", en: "E-mail sent")
        case .failed: return LocalizedText(vi: "Gửi thư không được", en: "E-mail failed")
        }
    }
}

/// A person's choice of channel: the inbox always; e-mail to their address, one message each or one digest a day.
final class NotificationSettings: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    @ID(custom: "user_id", generatedBy: .user) var id: Int?
    @OptionalField(key: "email") var email: String?
    @Field(key: "email_enabled") var emailEnabled: Bool
    @Field(key: "daily_digest") var dailyDigest: Bool
    /// The last refusal of the address, shown to administrators until the address changes.
    @OptionalField(key: "email_failed_at") var emailFailedAt: Date?
    @OptionalField(key: "email_failure") var emailFailure: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// How a new notification for this person is e-mailed.
    var newEmailState: EmailState {
        guard emailEnabled, email != nil else { return .none }
        return dailyDigest ? .digest : .pending
    }
}

/// A committee's own reminder schedule for a kind, in force in its subtree below any closer unit's own.
final class ReminderRule: Model, @unchecked Sendable {
    static let schema = "reminder_rules"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "kind") var kind: String
    @Field(key: "days_before") var daysBefore: String
    @Field(key: "on_the_day") var onTheDay: Bool
    @Field(key: "repeat_every") var repeatEvery: Int
    @Field(key: "escalate_after") var escalateAfter: Int
    @Field(key: "escalate_again_after") var escalateAgainAfter: Int
    @OptionalField(key: "updated_by") var updatedBy: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var schedule: ReminderSchedule {
        ReminderSchedule(daysBefore: ReminderSchedule.daysBefore(parsing: daysBefore) ?? [], onTheDay: onTheDay, repeatEvery: repeatEvery,
                         escalateAfter: escalateAfter, escalateAgainAfter: escalateAgainAfter)
    }
}

extension NotificationSettings: Auditable {
    static var auditEntity: String { "notification-settings" }
    var auditFields: [String: String?] {
        ["email": email, "emailEnabled": String(emailEnabled), "dailyDigest": String(dailyDigest)]
    }
}

extension ReminderRule: Auditable {
    static var auditEntity: String { "reminder-rule" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "kind": kind, "daysBefore": daysBefore, "onTheDay": String(onTheDay),
         "repeatEvery": String(repeatEvery), "escalateAfter": String(escalateAfter), "escalateAgainAfter": String(escalateAgainAfter)]
    }
}
