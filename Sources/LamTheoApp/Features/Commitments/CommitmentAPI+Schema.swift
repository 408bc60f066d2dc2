import LamTheoCore

// The OpenAPI schemas of `CommitmentAPI`'s bodies and answers.

/// One body for registering and for changing a commitment.
extension CommitmentInput: OpenAPIDescribed {
    static let schemaName = "CommitmentCreate"
    static var schema: JSONValue {
        .object(properties: [
            "memberId": .integer, "year": .integer,
            "campaignId": .nullable(.integer).described("A topic of the year (campaign with topicYear) launched at or above the member's cell"),
            "title": .string, "measure": .string.described("The measurable result"), "dueOn": .date,
        ], required: ["memberId", "year", "title", "measure", "dueOn"])
    }
}

extension CommitmentAPI.CommitmentDTO: OpenAPIDescribed {
    static let schemaName = "Commitment"
    static var schema: JSONValue {
        let result = JSONValue.nullable(.enumeration(CommitmentResult.self)).described("null until assessed")
        return .object(properties: [
            "id": .integer, "memberId": .integer, "memberName": .string,
            "leaderTitle": .nullable(.string).described("The member's open leader position: an exemplary-responsibility commitment"),
            "year": .integer, "campaignId": .nullable(.integer), "title": .string, "measure": .string, "dueOn": .date,
            "selfResult": result, "selfNote": .nullable(.string), "cellResult": result, "cellNote": .nullable(.string),
            "checkIns": .array(of: .object(properties: [
                "id": .integer, "notedOn": .date, "note": .string, "progress": .nullable(.integer), "value": .nullable(.string),
                "evidenceName": .nullable(.string),
            ], required: ["id", "notedOn", "note"])),
        ], required: ["id", "memberId", "memberName", "year", "title", "measure", "dueOn"])
    }
}

extension CommitmentCheckInInput: OpenAPIDescribed {
    static let schemaName = "CommitmentCheckInCreate"
    static var schema: JSONValue {
        .object(properties: [
            "notedOn": .date, "note": .string, "progress": ["type": "integer", "minimum": 0, "maximum": 100], "value": .string,
            "evidence": .base64File,
        ], required: ["note"])
    }
}

extension AssessmentInput: OpenAPIDescribed {
    static let schemaName = "Assessment"
    static var schema: JSONValue {
        .object(properties: [
            "result": .enumeration(CommitmentResult.self),
            "note": .nullable(.string).described("The explanation; required for a self-assessment"),
        ], required: ["result"])
    }
}

extension CommitmentAPI.PledgeDTO: OpenAPIDescribed {
    static let schemaName = "Pledge"
    static var schema: JSONValue {
        .object(properties: ["memberId": .integer, "year": .integer, "text": .string], required: ["memberId", "year", "text"])
    }
}

/// The same fields as the pledge it records or replaces.
extension PledgeInput: OpenAPIDescribed {
    static let schemaName = "PledgeCreate"
    static var schema: JSONValue { CommitmentAPI.PledgeDTO.schema }
}

extension CommitmentAPI.ReminderBody: OpenAPIDescribed {
    static let schemaName = "ReminderCreate"
    static var schema: JSONValue {
        .object(properties: ["memberId": .integer, "year": .integer], required: ["memberId", "year"])
    }
}

extension CommitmentAPI.ReminderDTO: OpenAPIDescribed {
    static let schemaName = "Reminder"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "memberId": .integer, "year": .integer, "sentBy": .string, "sentAt": .dateTime],
                required: ["id", "memberId", "year", "sentBy"])
    }
}

extension TemplateInput: OpenAPIDescribed {
    static let schemaName = "CommitmentTemplateCreate"
    static var schema: JSONValue {
        .object(properties: ["campaignId": .integer, "title": .string, "measure": .string], required: ["campaignId", "title", "measure"])
    }
}

extension CommitmentAPI.TemplateDTO: OpenAPIDescribed {
    static let schemaName = "CommitmentTemplate"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "campaignId": .integer, "title": .string, "measure": .string],
                required: ["id", "campaignId", "title", "measure"])
    }
}

extension CommitmentAPI.FiguresDTO: OpenAPIDescribed {
    static let schemaName = "CommitmentFigures"
    static var schema: JSONValue {
        let figure = JSONValue.ref(CoverageAPI.FigureDTO.self)
        return .object(properties: [
            "members": .integer, "registered": figure, "commitments": .integer, "achieved": figure, "notAchieved": .integer, "assessed": figure,
            "reportingUnits": .integer, "unitsWithMembers": .integer,
        ], required: ["members", "registered", "commitments", "achieved", "notAchieved", "assessed", "reportingUnits", "unitsWithMembers"])
    }
}

extension CommitmentAPI.ReportDTO: OpenAPIDescribed {
    static let schemaName = "CommitmentReport"
    static var schema: JSONValue {
        let figures = JSONValue.ref(CommitmentAPI.FiguresDTO.self)
        return .object(properties: [
            "year": .integer, "organizationId": .integer, "organizationName": .string, "own": figures, "subtree": figures,
            "children": .array(of: .object(properties: ["organizationId": .integer, "name": .string, "figures": figures],
                                           required: ["organizationId", "name", "figures"])),
        ], required: ["year", "organizationId", "organizationName", "own", "subtree", "children"])
    }
}
