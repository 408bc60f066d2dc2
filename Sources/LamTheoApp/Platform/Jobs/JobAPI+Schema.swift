import LamTheoCore

// The OpenAPI schema of `JobAPI`'s answers.

extension JobAPI.JobDTO: OpenAPIDescribed {
    static let schemaName = "Job"
    static var schema: JSONValue {
        .object(properties: [
            "id": .string, "kind": .string.described("import.members, reminders.generate, mail.send…"),
            "title": .string.described("The kind's name in the request's language"),
            "state": .enumeration(JobState.self), "ownerId": .nullable(.integer).described("The user who started it; null for scheduled work"),
            "done": .integer, "total": .integer, "attempts": .integer.described("How many times it has been started"),
            "cancelRequested": .boolean.described("Asked to stop while running"),
            "summary": .nullable(.string).described("What it did, once succeeded"),
            "error": .nullable(.string).described("Why it failed or was interrupted"),
            "createdAt": .dateTime, "runAfter": .dateTime, "startedAt": .nullable(.dateTime), "endedAt": .nullable(.dateTime),
        ], required: ["id", "kind", "title", "state", "done", "total", "attempts", "cancelRequested", "createdAt", "runAfter"])
    }
}
