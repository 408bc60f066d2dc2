import LamTheoCore

// The OpenAPI schemas of `FollowUpAPI`'s bodies and answers.

extension FollowUpReportInput: OpenAPIDescribed {
    static let schemaName = "FollowUpReportCreate"
    static var schema: JSONValue {
        .object(properties: ["note": .string.described("What was done"), "documentId": .integer.described("A registered document as evidence"),
                             "reportedOn": .date.described("Today by default")], required: ["note"])
    }
}

extension FollowUpReviewInput: OpenAPIDescribed {
    static let schemaName = "FollowUpReview"
    static var schema: JSONValue {
        .object(properties: ["outcome": .enumeration(FollowUpReviewOutcome.self), "comment": .string.described("Required to return")],
                required: ["outcome"])
    }
}

extension FollowUpExtensionInput: OpenAPIDescribed {
    static let schemaName = "FollowUpExtension"
    static var schema: JSONValue {
        .object(properties: ["until": .date.described("After the deadline in force"), "reason": .string], required: ["until", "reason"])
    }
}

extension FollowUpCancellationInput: OpenAPIDescribed {
    static let schemaName = "FollowUpCancellation"
    static var schema: JSONValue {
        .object(properties: ["reason": .string], required: ["reason"])
    }
}

extension FollowUpAPI.EventDTO: OpenAPIDescribed {
    static let schemaName = "FollowUpEvent"
    static var schema: JSONValue {
        .object(properties: [
            "action": .enumeration(FollowUpAction.self), "onDate": .date, "actor": .nullable(.string), "note": .nullable(.string),
            "documentId": .nullable(.integer), "until": .nullable(.date),
        ], required: ["action", "onDate"])
    }
}

extension FollowUpAPI.TaskDTO: OpenAPIDescribed {
    static let schemaName = "FollowUpTask"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "originKind": .string.described("The kind of record that issued it: a briefing, an inspection…"), "originId": .integer,
            "origin": .string.described("Where it comes from, in words"), "issuerOrganizationId": .integer, "issuerName": .string,
            "organizationId": .integer.described("The owner unit"), "organizationName": .string, "title": .string,
            "responsible": .string.described("A person or a role"), "requiredEvidence": .nullable(.string), "dueOn": .date,
            "extendedUntil": .nullable(.date), "state": .enumeration(FollowUpState.self),
            "status": .enumeration(FollowUpStatus.self).described("The state, or overdue when the owner has still to act after the deadline"),
            "reportCount": .integer, "events": .array(of: .ref(FollowUpAPI.EventDTO.self)).described("The dated log, on one task"),
        ], required: ["id", "originKind", "originId", "origin", "issuerOrganizationId", "issuerName", "organizationId", "organizationName",
                      "title", "responsible", "dueOn", "state", "status", "reportCount"])
    }
}

extension FollowUpAPI.TallyDTO: OpenAPIDescribed {
    static let schemaName = "FollowUpTally"
    static var schema: JSONValue {
        .object(properties: [
            "counts": .dictionary(of: .integer).described("Tasks by status"), "total": .integer.described("0: no task at all"),
            "pending": .integer.described("Open, returned and overdue: what the owners still have to do"),
        ], required: ["counts", "total", "pending"])
    }
}

extension FollowUpAPI.FiguresDTO: OpenAPIDescribed {
    static let schemaName = "FollowUpFigures"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "organizationName": .string,
            "own": .dictionary(of: .ref(FollowUpAPI.TallyDTO.self)).described("The unit's own tasks by origin kind, and `all`"),
            "subtree": .dictionary(of: .ref(FollowUpAPI.TallyDTO.self)).described("The whole subtree's, read from its stored tallies"),
        ], required: ["organizationId", "organizationName", "own", "subtree"])
    }
}
