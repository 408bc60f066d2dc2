import LamTheoCore

// The OpenAPI schemas of `StudyAPI`'s bodies and answers.

extension StudyAPI.SessionDTO: OpenAPIDescribed {
    static let schemaName = "StudySession"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "campaignId": .nullable(.integer), "title": .string,
            "heldOn": .date, "format": .enumeration(StudyFormat.self), "presenter": .nullable(.string), "nonMemberAttendees": .integer,
            "present": .integer, "absent": .integer, "excused": .integer,
            "bridgePointAttendees": JSONValue.integer.described("Everyone at the bridge points (an online conference's delegates), beside the members marked"),
        ], required: ["id", "organizationId", "title", "heldOn", "format", "nonMemberAttendees", "present", "absent", "excused", "bridgePointAttendees"])
    }
}

extension StudyAPI.SessionDetailDTO: OpenAPIDescribed {
    static let schemaName = "StudySessionDetail"
    static var schema: JSONValue {
        .object(properties: [
            "session": .ref(StudyAPI.SessionDTO.self),
            "documents": .array(of: .object(properties: ["id": .integer, "symbol": .string, "title": .string], required: ["id", "symbol", "title"])),
            "bridgePoints": .array(of: .ref(StudyAPI.BridgePointDTO.self)),
            "bridgePointAttendees": .integer.described("Everyone at the bridge points"),
            "attendance": .array(of: .object(properties: [
                "memberId": .integer, "fullName": .string, "organizationId": .integer,
                "status": .enumeration(AttendanceStatus.self), "reason": .nullable(.string),
            ], required: ["memberId", "fullName", "organizationId", "status"])),
        ], required: ["session", "documents", "bridgePoints", "bridgePointAttendees", "attendance"])
    }
}

extension StudyAPI.BridgePointDTO: OpenAPIDescribed {
    static let schemaName = "BridgePoint"
    static var schema: JSONValue { StudyAPI.bridgePoint }
}

/// One body for recording and, every field optional and the unit fixed, for changing a session (`StudySessionUpdate`).
extension StudySessionInput: OpenAPIDescribed {
    static let schemaName = "StudySessionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("The unit holding the session; on create only"),
            "campaignId": .integer.described("An active campaign covering the unit; the date must fall in its period"),
            "title": .string, "heldOn": .date, "format": .enumeration(StudyFormat.self), "presenter": .string,
            "nonMemberAttendees": JSONValue.integer.adding("minimum", 0), "documentIds": .array(of: .integer),
            "bridgePoints": .array(of: StudyAPI.bridgePoint),
        ], required: ["organizationId", "title", "heldOn", "format"])
    }
}

extension AttendanceInput: OpenAPIDescribed {
    static let schemaName = "AttendanceSheet"
    static var schema: JSONValue {
        .object(properties: [
            "entries": .array(of: .object(properties: [
                "memberId": .integer, "status": .enumeration(AttendanceStatus.self),
                "reason": .string.described("Optional when absent, required when excused"),
            ], required: ["memberId", "status"])),
            "othersPresent": JSONValue.boolean.adding("default", false)
                .described("Mark present the members of the roll not listed and not yet marked"),
        ])
    }
}

extension StudyAPI.ReflectionDTO: OpenAPIDescribed {
    static let schemaName = "Reflection"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "campaignId": .integer, "memberId": .integer, "body": .nullable(.string),
            "fileName": .nullable(.string), "fileType": .nullable(.string), "state": .enumeration(ReflectionState.self),
            "submissionCount": .integer.described("1 for the first submission, 2 for the first resubmission…"),
            "submittedOn": .date, "late": JSONValue.boolean.described("First sent after the member's deadline, the campaign taking late work"),
            "grade": .nullable(.string), "reviewComment": .nullable(.string), "reviewedOn": .nullable(.date),
        ], required: ["id", "campaignId", "memberId", "state", "submissionCount", "submittedOn", "late"])
    }
}

extension StudyAPI.ReflectionEntryDTO: OpenAPIDescribed {
    static let schemaName = "ReflectionEntry"
    static var schema: JSONValue {
        .object(properties: ["memberId": .integer, "fullName": .string, "reflection": .nullable(.ref(StudyAPI.ReflectionDTO.self))],
                required: ["memberId", "fullName"])
    }
}

extension StudyAPI.OwnReflectionDTO: OpenAPIDescribed {
    static let schemaName = "OwnReflection"
    static var schema: JSONValue {
        .object(properties: [
            "campaignId": .integer, "campaignTitle": .string, "reflectionDueOn": .nullable(.date),
            "extendedUntil": JSONValue.nullable(.date).described("The member's own later deadline, when an extension reaches them"),
            "acceptsLateWork": JSONValue.boolean.described("Whether a reflection after the deadline is taken (marked late) or refused"),
            "grades": .array(of: .string), "reflection": .nullable(.ref(StudyAPI.ReflectionDTO.self)),
        ], required: ["campaignId", "campaignTitle", "acceptsLateWork", "grades"])
    }
}

extension ReflectionExtensionInput: OpenAPIDescribed {
    static let schemaName = "ReflectionExtensionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "campaignId": .integer,
            "organizationId": JSONValue.integer.described("A unit: every member of its subtree gets the time; give this or memberId"),
            "memberId": JSONValue.integer.described("One member; give this or organizationId"),
            "until": .date, "reason": .string,
        ], required: ["campaignId", "until", "reason"])
    }
}

extension StudyAPI.ReflectionExtensionDTO: OpenAPIDescribed {
    static let schemaName = "ReflectionExtension"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "campaignId": .integer, "organizationId": .nullable(.integer), "memberId": .nullable(.integer),
            "until": .date, "reason": .string,
        ], required: ["id", "campaignId", "until", "reason"])
    }
}

extension StudyAPI.ReflectionBody: OpenAPIDescribed {
    static let schemaName = "ReflectionSubmission"
    static var schema: JSONValue {
        .object(properties: [
            "campaignId": .integer, "memberId": .integer.described("On behalf of a member only"),
            "body": JSONValue.string.adding("maxLength", .int(StudyCommands.maximumReflectionLength)), "file": .base64File,
        ], required: ["campaignId"])
    }
}

extension ReflectionReviewInput: OpenAPIDescribed {
    static let schemaName = "ReflectionReview"
    static var schema: JSONValue {
        .object(properties: [
            "decision": ["type": "string", "enum": ["accept", "return"]],
            "grade": .string.described("One of the campaign's grades; to accept"),
            "comment": .string.described("Required to return"),
        ], required: ["decision"])
    }
}

extension StudyAPI {
    /// A bridge point (điểm cầu), as sent and as recorded.
    fileprivate static let bridgePoint: JSONValue = .object(properties: ["name": .string, "attendeeCount": ["type": "integer", "minimum": 0]],
                                                            required: ["name", "attendeeCount"])
}
