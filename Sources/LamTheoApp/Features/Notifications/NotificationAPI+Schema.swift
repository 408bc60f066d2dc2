import LamTheoCore

// The OpenAPI schemas of `NotificationAPI`'s bodies and answers.

extension NotificationAPI.NotificationDTO: OpenAPIDescribed {
    static let schemaName = "Notification"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": JSONValue.string.described("The reminder kind (study.reflection, campaign.obligation, follow-up.task…) or escalation (a digest of lagging units)"),
            "dueOn": .date, "step": JSONValue.string.described("before-7, due, late-3…, or digest"), "organizationId": .integer,
            "title": .string, "body": .nullable(.string), "path": JSONValue.string.described("The web page of the item"),
            "createdOn": .date, "readAt": .nullable(.dateTime), "email": .enumeration(EmailState.self),
        ], required: ["id", "kind", "dueOn", "step", "organizationId", "title", "path", "createdOn", "email"])
    }
}

extension NotificationAPI.ReadAllDTO: OpenAPIDescribed {
    static let schemaName = "NotificationsMarkedRead"
    static var schema: JSONValue {
        .object(properties: ["marked": JSONValue.integer.described("How many were unread")], required: ["marked"])
    }
}

extension NotificationAPI.SettingsDTO: OpenAPIDescribed {
    static let schemaName = "NotificationSettings"
    static var schema: JSONValue {
        .object(properties: [
            "email": .nullable(.string), "emailEnabled": .boolean, "dailyDigest": JSONValue.boolean.described("One e-mail each morning instead of single messages"),
            "emailFailure": .nullable(.string).described("Why the address was last refused"),
        ], required: ["emailEnabled", "dailyDigest"])
    }
}

extension NotificationSettingsInput: OpenAPIDescribed {
    static let schemaName = "NotificationSettingsUpdate"
    static var schema: JSONValue {
        .object(properties: [
            "email": JSONValue.string.described("Needed for e-mail; empty to remove"), "emailEnabled": .boolean, "dailyDigest": .boolean,
        ], required: [])
    }
}

extension NotificationAPI.SentDTO: OpenAPIDescribed {
    static let schemaName = "SentNotification"
    static var schema: JSONValue {
        .object(properties: ["notification": .ref(NotificationAPI.NotificationDTO.self), "recipient": .string], required: ["notification", "recipient"])
    }
}

extension NotificationAPI.UpcomingDTO: OpenAPIDescribed {
    static let schemaName = "UpcomingReminder"
    static var schema: JSONValue {
        .object(properties: [
            "kind": .string, "itemKey": .string, "title": .string, "organizationId": .integer, "dueOn": .date,
            "step": .string, "recipients": JSONValue.integer.described("How many people it goes to"), "path": .string,
        ], required: ["kind", "itemKey", "title", "organizationId", "dueOn", "step", "recipients", "path"])
    }
}

extension NotificationAPI.ScheduleDTO: OpenAPIDescribed {
    static let schemaName = "ReminderSchedule"
    static var schema: JSONValue {
        .object(properties: [
            "kind": .string, "title": .string, "daysBefore": .array(of: .integer), "onTheDay": .boolean,
            "repeatEvery": JSONValue.integer.described("Days between reminders once late; 0 for none"),
            "escalateAfter": JSONValue.integer.described("Days late after which the parent unit's officers are told; 0 for never"),
            "escalateAgainAfter": JSONValue.integer.described("Further days after which the next level is told; 0 for never"),
            "ruleId": .nullable(.integer).described("The unit's own rule"), "setBy": .nullable(.string).described("The unit above whose rule is in force"),
        ], required: ["kind", "title", "daysBefore", "onTheDay", "repeatEvery", "escalateAfter", "escalateAgainAfter"])
    }
}

extension ReminderRuleInput: OpenAPIDescribed {
    static let schemaName = "ReminderRuleSet"
    static var schema: JSONValue {
        .object(properties: [
            "kind": .string, "daysBefore": JSONValue.string.described("Whole days, 1–365, separated by commas: \"7, 1\""), "onTheDay": .boolean,
            "repeatEvery": JSONValue.integer.described("0–365"), "escalateAfter": JSONValue.integer.described("0–365"),
            "escalateAgainAfter": JSONValue.integer.described("0–365; needs escalateAfter"),
        ], required: ["kind"])
    }
}
