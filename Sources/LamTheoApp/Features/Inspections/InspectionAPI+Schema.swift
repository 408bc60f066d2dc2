import LamTheoCore

// The OpenAPI schemas of `InspectionAPI`'s bodies and answers.

extension InspectionTeamInput: OpenAPIDescribed {
    static let schemaName = "InspectionTeamMemberCreate"
    static var schema: JSONValue {
        .object(properties: [
            "role": .enumeration(InspectionTeamRole.self), "name": .string.described("By default the account's name"),
            "userId": .integer.described("The account that reads the inspected units while the inspection runs"),
            "username": .string.described("The account, by its name, instead of userId"), "memberId": .integer,
        ], required: ["role"])
    }
}

extension InspectionInput: OpenAPIDescribed {
    static let schemaName = "InspectionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("The deciding committee"), "kind": .enumeration(InspectionKind.self),
            "decisionDocumentId": .integer.described("The decision (a registered document, e.g. QĐNS)"), "subject": .string,
            "periodFrom": .date, "periodTo": .date, "startsOn": .date, "endsOn": .date.described("The team's read-only grant ends after this day"),
            "selfReportDueOn": .date, "unitIds": .array(of: .integer).described("Units in the committee's subtree"),
            "team": .array(of: .ref(InspectionTeamInput.self)).described("Exactly one leader"),
        ], required: ["organizationId", "kind", "decisionDocumentId", "subject", "periodFrom", "periodTo", "startsOn", "endsOn", "selfReportDueOn",
                      "unitIds", "team"])
    }
}

extension InspectionPlanInput: OpenAPIDescribed {
    static let schemaName = "InspectionPlan"
    static var schema: JSONValue {
        .object(properties: ["sentOn": .date.described("Today by default"), "note": .string])
    }
}

extension InspectionSelfReportInput: OpenAPIDescribed {
    static let schemaName = "InspectionSelfReportCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("An inspected unit"), "documentId": .integer.described("The report, a registered document"),
            "note": .string.described("Its summary; required without a document"), "submittedOn": .date.described("Today by default"),
        ], required: ["organizationId"])
    }
}

extension InspectionSessionInput: OpenAPIDescribed {
    static let schemaName = "InspectionSessionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("An inspected unit"), "heldOn": .date.described("Within the schedule"),
            "minutesDocumentId": .integer, "minutes": .string.described("Required without a minutes document"),
        ], required: ["organizationId", "heldOn"])
    }
}

extension InspectionFindingInput: OpenAPIDescribed {
    static let schemaName = "InspectionFindingCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("An inspected unit"), "kind": .enumeration(FindingKind.self), "text": .string,
            "commitmentId": .integer.described("A commitment of a member of the unit it concerns"),
            "breakthroughId": .integer.described("A breakthrough of the unit or below it"), "concerns": .string.described("A coverage figure or another record, in words"),
        ], required: ["organizationId", "kind", "text"])
    }
}

extension InspectionCriticismInput: OpenAPIDescribed {
    static let schemaName = "InspectionCriticismCreate"
    static var schema: JSONValue {
        .object(properties: [
            "findingId": .integer.described("The finding it rests on"), "target": .enumeration(CriticismTarget.self),
            "organizationId": .integer.described("The collective: by default the finding's unit"), "memberId": .integer.described("The person"),
            "text": .string,
        ], required: ["findingId", "target", "text"])
    }
}

extension InspectionConclusionInput: OpenAPIDescribed {
    static let schemaName = "InspectionConclusion"
    static var schema: JSONValue {
        .object(properties: ["documentId": .integer.described("The conclusion notice, a registered document"), "concludedOn": .date], required: ["documentId"])
    }
}

extension InspectionRecommendationInput: OpenAPIDescribed {
    static let schemaName = "InspectionRecommendationCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationIds": .array(of: .integer).described("The units responsible, one task each"), "title": .string,
            "responsible": .string.described("A person or a role"), "requiredEvidence": .string, "dueOn": .date.described("Not before today"),
        ], required: ["organizationIds", "title", "responsible", "dueOn"])
    }
}

extension InspectionClosureInput: OpenAPIDescribed {
    static let schemaName = "InspectionClosure"
    static var schema: JSONValue {
        .object(properties: ["closedOn": .date.described("Today by default")])
    }
}

extension InspectionAPI.SummaryDTO: OpenAPIDescribed {
    static let schemaName = "InspectionSummary"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(InspectionKind.self), "organizationId": .integer, "organizationName": .string, "subject": .string,
            "decisionDocumentId": .integer, "startsOn": .date, "endsOn": .date, "closedOn": .nullable(.date),
        ], required: ["id", "kind", "organizationId", "organizationName", "subject", "decisionDocumentId", "startsOn", "endsOn"])
    }
}

extension InspectionAPI.TeamMemberDTO: OpenAPIDescribed {
    static let schemaName = "InspectionTeamMember"
    static var schema: JSONValue {
        .object(properties: ["role": .enumeration(InspectionTeamRole.self), "name": .string, "userId": .nullable(.integer), "memberId": .nullable(.integer)],
                required: ["role", "name"])
    }
}

extension InspectionAPI.UnitDTO: OpenAPIDescribed {
    static let schemaName = "InspectedUnit"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "organizationName": .string, "selfReportOn": .nullable(.date), "selfReportDocumentId": .nullable(.integer),
            "selfReportNote": .nullable(.string), "late": .boolean.described("Sent after its date, or not sent and the date is past"),
        ], required: ["organizationId", "organizationName", "late"])
    }
}

extension InspectionAPI.SessionDTO: OpenAPIDescribed {
    static let schemaName = "InspectionSession"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "organizationId": .integer, "heldOn": .date, "minutesDocumentId": .nullable(.integer), "minutes": .nullable(.string)],
                required: ["id", "organizationId", "heldOn"])
    }
}

extension InspectionAPI.CriticismDTO: OpenAPIDescribed {
    static let schemaName = "InspectionCriticism"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "target": .enumeration(CriticismTarget.self), "organizationId": .nullable(.integer), "memberId": .nullable(.integer),
            "name": .string.described("The collective's or the person's name"), "text": .string,
        ], required: ["id", "target", "name", "text"])
    }
}

extension InspectionAPI.FindingDTO: OpenAPIDescribed {
    static let schemaName = "InspectionFinding"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "organizationName": .string, "kind": .enumeration(FindingKind.self), "text": .string,
            "commitmentId": .nullable(.integer), "breakthroughId": .nullable(.integer), "concerns": .nullable(.string),
            "criticisms": .array(of: .ref(InspectionAPI.CriticismDTO.self)),
        ], required: ["id", "organizationId", "organizationName", "kind", "text", "criticisms"])
    }
}

extension InspectionAPI.StepDTO: OpenAPIDescribed {
    static let schemaName = "InspectionStepState"
    static var schema: JSONValue {
        .object(properties: ["step": .enumeration(InspectionStep.self), "done": .boolean], required: ["step", "done"])
    }
}

extension InspectionAPI.DetailDTO: OpenAPIDescribed {
    static let schemaName = "Inspection"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(InspectionKind.self), "organizationId": .integer, "organizationName": .string, "subject": .string,
            "decisionDocumentId": .integer, "periodFrom": .date, "periodTo": .date, "startsOn": .date, "endsOn": .date, "selfReportDueOn": .date,
            "planSentOn": .nullable(.date), "planNote": .nullable(.string), "conclusionDocumentId": .nullable(.integer), "concludedOn": .nullable(.date),
            "closedOn": .nullable(.date), "currentStep": .nullable(.enumeration(InspectionStep.self)).described("The first step not done; null once closed"),
            "steps": .array(of: .ref(InspectionAPI.StepDTO.self)), "team": .array(of: .ref(InspectionAPI.TeamMemberDTO.self)),
            "units": .array(of: .ref(InspectionAPI.UnitDTO.self)), "sessions": .array(of: .ref(InspectionAPI.SessionDTO.self)),
            "findings": .array(of: .ref(InspectionAPI.FindingDTO.self)),
            "recommendations": .array(of: .ref(FollowUpAPI.TaskDTO.self)).described("Follow-up tasks; their reports are the remediation"),
        ], required: ["id", "kind", "organizationId", "organizationName", "subject", "decisionDocumentId", "periodFrom", "periodTo", "startsOn", "endsOn",
                      "selfReportDueOn", "steps", "team", "units", "sessions", "findings", "recommendations"])
    }
}

extension InspectionAPI.ReadDTO: OpenAPIDescribed {
    static let schemaName = "InspectionRead"
    static var schema: JSONValue {
        .object(properties: ["userId": .integer, "username": .string, "organizationId": .integer.described("The unit read"),
                             "page": .string.described("The method and address"), "readAt": .dateTime],
                required: ["userId", "username", "organizationId", "page", "readAt"])
    }
}
