import LamTheoCore

// The OpenAPI schemas of `CampaignAPI`'s bodies and answers.

extension RequirementInput: OpenAPIDescribed {
    static let schemaName = "RequirementCreate"
    static var schema: JSONValue {
        .object(properties: [
            "kind": .enumeration(RequirementKind.self), "title": .string,
            "unitKinds": .array(of: .string).described("Organisation kind codes that receive the obligation"),
            "dueOn": .date, "minimumSessions": JSONValue.integer.adding("minimum", 1).described("For study_sessions (default 1)"),
        ], required: ["kind", "unitKinds", "dueOn"])
    }
}

extension CampaignAPI.RequirementDTO: OpenAPIDescribed {
    static let schemaName = "Requirement"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(RequirementKind.self), "title": .string,
            "unitKinds": .array(of: .string), "dueOn": .date, "minimumSessions": .nullable(.integer),
        ], required: ["id", "kind", "title", "unitKinds", "dueOn"])
    }
}

extension CampaignInput: OpenAPIDescribed {
    static let schemaName = "CampaignCreate"
    static var schema: JSONValue {
        .object(properties: [
            "documentId": .integer, "organizationId": .integer, "title": .string, "startsOn": .date, "endsOn": .date,
            "topicYear": .integer.described("The year this campaign is the committee's topic for"), "reflectionDueOn": .date,
            "gradingScale": .string.described("Reflection grades, best first, separated by | or new lines"),
            "acceptsLateWork": JSONValue.boolean.adding("default", true)
                .described("Whether reflections and submissions after their deadline are still taken, marked late, or refused"),
            "requirements": .array(of: .ref(RequirementInput.self)),
        ], required: ["documentId", "organizationId", "startsOn", "endsOn"])
    }
}

extension RequirementChange: OpenAPIDescribed {
    static let schemaName = "RequirementChange"
    static var schema: JSONValue {
        .object(properties: ["id": .integer.described("One of the campaign's requirements"), "dueOn": .date], required: ["id", "dueOn"])
    }
}

extension CampaignChanges: OpenAPIDescribed {
    static let schemaName = "CampaignUpdate"
    static var schema: JSONValue {
        .object(properties: [
            "title": .string, "startsOn": .date, "endsOn": .date,
            "reflectionDueOn": JSONValue.string.described("A date (yyyy-mm-dd or dd/mm/yyyy), or an empty string for no deadline"),
            "acceptsLateWork": .boolean,
            "requirements": .array(of: .ref(RequirementChange.self))
                .described("New due dates; each unit's obligation follows unless its extension runs later"),
        ])
    }
}

extension CampaignAPI.CampaignDTO: OpenAPIDescribed {
    static let schemaName = "Campaign"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "documentId": .integer, "organizationId": .integer, "title": .string,
            "startsOn": .date, "endsOn": .date, "topicYear": .nullable(.integer), "reflectionDueOn": .nullable(.date),
            "gradingScale": .array(of: .string), "acceptsLateWork": .boolean, "status": .enumeration(CampaignStatus.self),
            "requirements": .array(of: .ref(CampaignAPI.RequirementDTO.self)),
        ], required: ["id", "documentId", "organizationId", "title", "startsOn", "endsOn", "gradingScale", "acceptsLateWork", "status"])
    }
}

extension CampaignAPI.SubmissionDTO: OpenAPIDescribed {
    static let schemaName = "ObligationSubmission"
    static var schema: JSONValue {
        .object(properties: [
            "number": .integer, "submittedOn": .date, "documentId": .nullable(.integer), "note": .nullable(.string),
            "late": JSONValue.boolean.described("Sent after the due date (or the extension)"),
            "outcome": .nullable(.enumeration(ObligationState.self)).described("accepted or returned; null while awaiting review"),
            "reviewComment": .nullable(.string), "reviewedOn": .nullable(.date),
        ], required: ["number", "submittedOn", "late"])
    }
}

extension CampaignAPI.ObligationDTO: OpenAPIDescribed {
    static let schemaName = "Obligation"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "campaignId": .integer, "requirementId": .integer, "requirementTitle": .string,
            "organizationId": .integer, "organizationName": .string, "dueOn": .date, "extendedUntil": .nullable(.date),
            "extensionReason": .nullable(.string), "state": .enumeration(ObligationState.self),
            "status": .enumeration(ObligationStatus.self), "daysLate": .integer, "submissionCount": .integer,
            "submittedLate": JSONValue.boolean.described("The latest submission came after the due date"),
            "evidenceDocumentId": .nullable(.integer), "handedOverToId": .nullable(.integer),
            "submissions": .array(of: .ref(CampaignAPI.SubmissionDTO.self)),
        ], required: ["id", "campaignId", "requirementId", "requirementTitle", "organizationId", "organizationName", "dueOn", "state", "status",
                      "daysLate", "submissionCount", "submittedLate"])
    }
}

extension ObligationSubmissionInput: OpenAPIDescribed {
    static let schemaName = "ObligationSubmissionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "documentId": .integer.described("For a plan: the unit's own plan in the register"), "submittedOn": .date, "note": .string,
        ])
    }
}

extension ObligationReviewInput: OpenAPIDescribed {
    static let schemaName = "ObligationReview"
    static var schema: JSONValue {
        .object(properties: [
            "outcome": ["type": "string", "enum": ["accepted", "returned"]], "comment": .string.described("Required when returning"), "reviewedOn": .date,
        ], required: ["outcome"])
    }
}

extension ObligationExtensionInput: OpenAPIDescribed {
    static let schemaName = "ObligationExtension"
    static var schema: JSONValue {
        .object(properties: ["until": .date, "reason": .string], required: ["until", "reason"])
    }
}
