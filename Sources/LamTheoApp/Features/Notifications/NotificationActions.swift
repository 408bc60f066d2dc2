import Fluent
import LamTheoCore
import Vapor

/// The notification writes as a caller makes them: a person's own inbox and settings; a unit's schedules for
/// those who may edit it.
enum NotificationActions {
    static func markRead(_ id: Int, request: Request) async throws -> UserNotification {
        let userId = try request.requireActor().userId
        return try await request.application.writeBookkeeping { try await NotificationCommands.markRead(id, of: userId, on: $0) }
    }

    static func markAllRead(request: Request) async throws -> Int {
        let userId = try request.requireActor().userId
        return try await request.application.writeBookkeeping { try await NotificationCommands.markAllRead(of: userId, on: $0) }
    }

    static func saveSettings(_ input: NotificationSettingsInput, request: Request) async throws -> NotificationSettings {
        let userId = try request.requireActor().userId
        return try await request.write(AuditSubject("notification-settings.save", NotificationSettings.self, id: userId)) {
            try await NotificationCommands.saveSettings(input, of: userId, on: $0)
        }
    }

    /// The unit of `?unit=` (the caller's own by default), which the caller must be able to edit.
    static func saveRule(_ input: ReminderRuleInput, request: Request) async throws -> ReminderRule {
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        let userId = try request.requireActor().userId
        let existing = try await ReminderRule.query(on: request.reads).filter(\.$organizationId == unit.requireID()).filter(\.$kind == (input.kind ?? "")).first()
        return try await request.write(AuditSubject("reminder-rule.save", ReminderRule.self, id: existing?.id)) { db in
            // The unit as the write reads it: its path is copied onto the rule.
            try await NotificationCommands.saveRule(input, at: OrganizationQueries.require(unit.requireID(), on: db), by: userId, on: db)
        }
    }

    /// Removes a unit's own schedule: the one from above (or the default) applies again.
    static func removeRule(_ id: Int, request: Request) async throws -> ReminderRule {
        guard let rule = try await ReminderRule.find(id, on: request.reads), let path = TreePath(rawValue: rule.organizationPath) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy lịch nhắc", en: "Reminder schedule not found"))
        }
        try request.require(.edit, at: path)
        try await request.write(AuditSubject("reminder-rule.remove", ReminderRule.self, id: id)) {
            try await NotificationCommands.removeRule(rule, on: $0)
        }
        return rule
    }
}

extension Request {
    /// `?unread=1` (or `true`) for the unread notifications only; `0`, `false` or nothing for all; anything else is refused.
    func unreadOnly() throws -> Bool {
        switch try queryText("unread") {
        case nil, "", "0", "false": return false
        case "1", "true": return true
        default:
            let message = LocalizedText(vi: "“unread” nhận 1 hoặc 0", en: "unread takes 1 or 0")
            throw DomainError(.malformed, title: message, fieldErrors: [FieldError(field: "unread", message: message)])
        }
    }

    /// The day of `?day=` (ISO), or `fallback`; anything else is refused by name.
    func queryDay(_ key: QueryName, default fallback: CalendarDate) throws -> CalendarDate {
        guard let text = try queryText(key), !text.isEmpty else { return fallback }
        guard let day = CalendarDate(parsing: text) else {
            throw DomainError.invalid([FieldError(field: key.name, message: LocalizedText(vi: "Ngày phải có dạng YYYY-MM-DD", en: "The day must be written YYYY-MM-DD"))])
        }
        return day
    }
}
