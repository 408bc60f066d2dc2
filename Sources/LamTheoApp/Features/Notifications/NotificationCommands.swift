import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// A person's choice of channel, as a form or the API sends it.
struct NotificationSettingsInput: Codable, Sendable {
    var email: String?
    var emailEnabled: Bool?
    var dailyDigest: Bool?
}

/// A committee's schedule for a kind in its subtree.
struct ReminderRuleInput: Codable, Sendable {
    var kind: String?
    var daysBefore: String?
    var onTheDay: Bool?
    var repeatEvery: Int?
    var escalateAfter: Int?
    var escalateAgainAfter: Int?
}

enum NotificationCommands {
    static func markRead(_ id: Int, of userId: Int, on db: any Database) async throws -> UserNotification {
        let notification = try await NotificationQueries.require(id, of: userId, on: db)
        if notification.readAt == nil {
            notification.readAt = Date()
            try await notification.save(on: db)
        }
        return notification
    }

    /// Returns how many were unread.
    static func markAllRead(of userId: Int, on db: any Database) async throws -> Int {
        let unread = try await UserNotification.query(on: db).filter(\.$userId == userId).filter(\.$readAt == nil).count()
        try await UserNotification.query(on: db).filter(\.$userId == userId).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
        return unread
    }

    /// Saves the person's choice. E-mail needs a valid address; a new address clears the record of the old one's refusal.
    static func saveSettings(_ input: NotificationSettingsInput, of userId: Int, on db: any Database) async throws -> NotificationSettings {
        var validator = Validator()
        let trimmed = input.email?.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = trimmed?.isEmpty == false ? trimmed : nil
        let emailEnabled = input.emailEnabled ?? false
        if let email {
            validator.check(MailAddress.isValid(email), "email", LocalizedText(vi: "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn)",
                                                                               en: "The e-mail address is not valid (e.g. name@example.vn)"))
        } else if emailEnabled {
            validator.check(false, "email", LocalizedText(vi: "Nhập địa chỉ thư điện tử để nhận thông báo qua thư", en: "Enter an e-mail address to receive e-mail"))
        }
        try validator.throwIfInvalid()
        let settings = try await NotificationSettings.find(userId, on: db) ?? NotificationSettings()
        settings.id = userId
        if settings.email != email {
            settings.emailFailedAt = nil
            settings.emailFailure = nil
        }
        settings.email = email
        settings.emailEnabled = emailEnabled
        settings.dailyDigest = input.dailyDigest ?? false
        try await settings.save(on: db)
        return settings
    }

    /// Sets the unit's own schedule for a kind (replacing any before), checked: a registered kind, whole numbers of
    /// days in range, something to send.
    static func saveRule(_ input: ReminderRuleInput, at unit: Organization, by userId: Int?, sources: ReminderSources = Reminders.sources,
                         on db: any Database) async throws -> ReminderRule {
        var validator = Validator()
        let kind = input.kind.flatMap(sources.kind(named:))
        validator.check(kind != nil, "kind", LocalizedText(vi: "Chọn loại việc cần nhắc", en: "Choose the kind of item to remind of"))
        let days = ReminderSchedule.daysBefore(parsing: input.daysBefore ?? "")
        validator.check(days != nil, "daysBefore", LocalizedText(vi: "Số ngày nhắc trước là các số nguyên cách nhau bởi dấu phẩy (ví dụ: 7, 1)",
                                                                  en: "Days before are whole numbers separated by commas (e.g. 7, 1)"))
        let schedule = ReminderSchedule(daysBefore: days ?? [], onTheDay: input.onTheDay ?? false, repeatEvery: input.repeatEvery ?? 0,
                                        escalateAfter: input.escalateAfter ?? 0, escalateAgainAfter: input.escalateAgainAfter ?? 0)
        for (field, problem) in schedule.problems where days != nil || field != "daysBefore" {
            validator.check(false, field, message(for: problem))
        }
        try validator.throwIfInvalid()
        let rule = try await ReminderRule.query(on: db).filter(\.$organizationId == unit.requireID()).filter(\.$kind == kind!.name).first() ?? ReminderRule()
        rule.organizationId = unit.requireID()
        rule.organizationPath = unit.path
        rule.kind = kind!.name
        rule.daysBefore = schedule.daysBeforeText
        rule.onTheDay = schedule.onTheDay
        rule.repeatEvery = schedule.repeatEvery
        rule.escalateAfter = schedule.escalateAfter
        rule.escalateAgainAfter = schedule.escalateAgainAfter
        rule.updatedBy = userId
        try await rule.save(on: db)
        return rule
    }

    static func removeRule(_ rule: ReminderRule, on db: any Database) async throws {
        try await rule.delete(on: db)
    }

    private static func message(for problem: ReminderScheduleProblem) -> LocalizedText {
        switch problem {
        case .outOfRange: return LocalizedText(vi: "Số ngày phải từ 1 đến 365 (nhắc trước) hoặc từ 0 đến 365", en: "Days must be from 1 to 365 (before) or from 0 to 365")
        case .tooMany: return LocalizedText(vi: "Nhắc trước tối đa 10 lần", en: "At most 10 reminders before")
        case .needsFirstEscalation: return LocalizedText(vi: "Đặt số ngày báo cấp trên trước, rồi mới báo cấp trên nữa",
                                                         en: "Set when the level above is told before the next level")
        case .nothingSent: return LocalizedText(vi: "Lịch này không nhắc gì: chọn ít nhất một lần nhắc", en: "This schedule sends nothing: choose at least one reminder")
        }
    }
}
