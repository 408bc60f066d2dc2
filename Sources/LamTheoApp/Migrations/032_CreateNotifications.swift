import Fluent
import SQLKit

/// Notifications: reminders of dated things and the level above's digests of its lagging units, each
/// recorded once per person, item, deadline and step (the unique key is what makes a retry or a second
/// process harmless), with its e-mail's delivery state; each person's choice of channel; and the reminder
/// schedules committees set for their subtree.
struct CreateNotifications: AsyncMigration {
    var name: String { "032_CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("item_key", .string, .required)
            .field("due_on", .string, .required)
            .field("step", .string, .required)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("title_vi", .string, .required)
            .field("title_en", .string, .required)
            .field("body_vi", .string)
            .field("body_en", .string)
            .field("link", .string, .required)
            .field("created_on", .string, .required)
            .field("created_at", .datetime)
            .field("read_at", .datetime)
            .field("email_state", .string, .required)
            .field("email_attempts", .int, .required)
            .field("email_next_at", .datetime)
            .field("email_error", .string)
            .field("emailed_at", .datetime)
            .unique(on: "user_id", "kind", "item_key", "due_on", "step", name: "notifications_once")
            .create()
        // A person's inbox, newest first, and its unread count.
        try await database.createIndex("notifications_inbox", on: "notifications", columns: ["user_id", "read_at", "id"])
        // What the mail job sends next.
        try await database.createIndex("notifications_email", on: "notifications", columns: ["email_state", "email_next_at"])
        // Whether an item's step was recorded already (the preview of what a day will send).
        try await database.createIndex("notifications_item", on: "notifications", columns: ["kind", "item_key", "due_on", "step"])
        // What was sent for a subtree, by day.
        try await database.createIndex("notifications_subtree", on: "notifications", columns: ["organization_path", "created_on"])

        try await database.schema("notification_settings")
            .field("user_id", .int, .identifier(auto: false), .references("users", "id"))
            .field("email", .string)
            .field("email_enabled", .bool, .required)
            .field("daily_digest", .bool, .required)
            .field("email_failed_at", .datetime)
            .field("email_failure", .string)
            .field("updated_at", .datetime)
            .create()

        try await database.schema("reminder_rules")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("kind", .string, .required)
            .field("days_before", .string, .required)
            .field("on_the_day", .bool, .required)
            .field("repeat_every", .int, .required)
            .field("escalate_after", .int, .required)
            .field("escalate_again_after", .int, .required)
            .field("updated_by", .int, .references("users", "id"))
            .field("updated_at", .datetime)
            .unique(on: "organization_id", "kind", name: "reminder_rules_unit_kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reminder_rules").delete()
        try await database.schema("notification_settings").delete()
        try await database.schema("notifications").delete()
    }
}
