import LamTheoCore

// The OpenAPI schemas of `ExemplarAPI`'s bodies and answers.

extension ExemplarFigureInput: OpenAPIDescribed {
    static let schemaName = "ExemplarFigureCreate"
    static var schema: JSONValue {
        .object(properties: ["indicator": .string, "before": .number.described("Required for an exemplar; an adoption's results give only after"),
                             "after": .number, "unit": .string.described("%, hộ, tấn, triệu đồng…")], required: ["indicator", "after"])
    }
}

extension ExemplarInput: OpenAPIDescribed {
    static let schemaName = "ExemplarCreate"
    static var schema: JSONValue {
        .object(properties: [
            "kind": .enumeration(ExemplarKind.self), "title": .string, "summary": .string.described("What it did"),
            "organizationId": .integer.described("The exemplar's unit"),
            "nominatingOrganizationId": .integer.described("The unit (default) or its parent"),
            "memberId": .integer.described("The person, for an individual (a member of the unit's subtree)"),
            "campaignId": .integer.described("The campaign it follows (one covering the unit), or give a topic"), "topic": .string,
            "figures": .array(of: .ref(ExemplarFigureInput.self)),
            "commitmentIds": .array(of: .integer).described("Commitments of members of the unit's subtree it grew from"),
            "breakthroughIds": .array(of: .integer).described("Breakthroughs of units of the subtree it grew from"),
            "nominatedOn": .date.described("Today by default"),
        ], required: ["kind", "title", "organizationId"])
    }
}

extension ExemplarVerificationInput: OpenAPIDescribed {
    static let schemaName = "ExemplarVerification"
    static var schema: JSONValue {
        .object(properties: ["note": .string.described("What the level above checked"), "verifiedOn": .date.described("Today by default")],
                required: ["note"])
    }
}

extension CommendationInput: OpenAPIDescribed {
    static let schemaName = "CommendationCreate"
    static var schema: JSONValue {
        .object(properties: [
            "form": .enumeration(CommendationForm.self), "grantingOrganizationId": .integer.described("The unit or a level above it"),
            "documentId": .integer.described("The decision, a registered document"), "grantedOn": .date,
        ], required: ["form", "grantingOrganizationId", "documentId", "grantedOn"])
    }
}

extension ReplicationRequestInput: OpenAPIDescribed {
    static let schemaName = "ReplicationRequest"
    static var schema: JSONValue {
        .object(properties: [
            "issuerOrganizationId": .integer.described("The committee asking"), "organizationIds": .array(of: .integer).described("Units under it"),
            "responsible": .string, "requiredEvidence": .string, "dueOn": .date,
        ], required: ["issuerOrganizationId", "organizationIds", "responsible", "dueOn"])
    }
}

extension AdoptionInput: OpenAPIDescribed {
    static let schemaName = "AdoptionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("The adopting unit"), "adoptedOn": .date.described("Today by default"),
            "results": .string, "figures": .array(of: .ref(ExemplarFigureInput.self)),
        ], required: ["organizationId", "results"])
    }
}

extension ExemplarEvidenceInput: OpenAPIDescribed {
    static let schemaName = "ExemplarEvidenceCreate"
    static var schema: JSONValue {
        .object(properties: ["description": .string, "file": .base64File], required: ["file"])
    }
}

extension CommendationAuthorityInput: OpenAPIDescribed {
    static let schemaName = "CommendationAuthorityVersion"
    static var schema: JSONValue {
        .object(properties: [
            "organizationKind": .string.described("An organisation kind code: cell, commune, province…"),
            "forms": .array(of: .enumeration(CommendationForm.self)), "validFrom": .date.described("After the kind's latest version"),
        ], required: ["organizationKind", "forms", "validFrom"])
    }
}

extension ExemplarNominationRuleInput: OpenAPIDescribed {
    static let schemaName = "ExemplarNominationRuleUpdate"
    static var schema: JSONValue {
        .object(properties: ["minimumRating": .enumeration(RatingLevel.self)], required: ["minimumRating"])
    }
}

extension ExemplarAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarFigure"
    static var schema: JSONValue {
        .object(properties: ["indicator": .string, "before": .nullable(.number), "after": .number, "unit": .nullable(.string)],
                required: ["indicator", "after"])
    }
}

extension ExemplarAPI.CommendationDTO: OpenAPIDescribed {
    static let schemaName = "Commendation"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "form": .enumeration(CommendationForm.self), "grantingOrganizationId": .integer, "grantingName": .string,
            "documentId": .integer, "documentNumber": .string.described("The decision's number and symbol"), "grantedOn": .date,
        ], required: ["id", "form", "grantingOrganizationId", "grantingName", "documentId", "documentNumber", "grantedOn"])
    }
}

extension ExemplarAPI.AdoptionDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarAdoption"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "organizationName": .string, "adoptedOn": .date, "results": .string,
            "taskId": .nullable(.integer).described("The replication task it reported on"), "figures": .array(of: .ref(ExemplarAPI.FigureDTO.self)),
        ], required: ["id", "organizationId", "organizationName", "adoptedOn", "results", "figures"])
    }
}

extension ExemplarAPI.EvidenceDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarEvidence"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "description": .nullable(.string), "fileName": .string.described("Download it from …/evidence/{evidenceId}")],
                required: ["id", "fileName"])
    }
}

extension ExemplarAPI.EventDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarEvent"
    static var schema: JSONValue {
        .object(properties: ["action": .enumeration(ExemplarAction.self), "onDate": .date, "actor": .nullable(.string),
                             "organizationId": .nullable(.integer).described("The unit that acted"), "note": .nullable(.string)],
                required: ["action", "onDate"])
    }
}

extension ExemplarAPI.SummaryDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarSummary"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "kind": .enumeration(ExemplarKind.self), "title": .string, "organizationId": .integer,
                             "organizationName": .string, "state": .enumeration(ExemplarState.self), "nominatedOn": .date],
                required: ["id", "kind", "title", "organizationId", "organizationName", "state", "nominatedOn"])
    }
}

extension ExemplarAPI.ExemplarDTO: OpenAPIDescribed {
    static let schemaName = "Exemplar"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(ExemplarKind.self), "title": .string, "summary": .nullable(.string),
            "organizationId": .integer, "organizationName": .string, "memberId": .nullable(.integer), "memberName": .nullable(.string),
            "campaignId": .nullable(.integer), "campaignTitle": .nullable(.string), "topic": .nullable(.string),
            "state": .enumeration(ExemplarState.self), "nominatedById": .integer, "nominatedByName": .string, "nominatedOn": .date,
            "verifiedById": .nullable(.integer), "verifiedByName": .nullable(.string), "verifiedOn": .nullable(.date),
            "verificationNote": .nullable(.string), "figures": .array(of: .ref(ExemplarAPI.FigureDTO.self)),
            "commitmentIds": .array(of: .integer), "breakthroughIds": .array(of: .integer),
            "evidence": .array(of: .ref(ExemplarAPI.EvidenceDTO.self)), "commendations": .array(of: .ref(ExemplarAPI.CommendationDTO.self)),
            "adoptions": .array(of: .ref(ExemplarAPI.AdoptionDTO.self)).described("Where it spread"),
            "events": .array(of: .ref(ExemplarAPI.EventDTO.self)).described("The dated log"),
        ], required: ["id", "kind", "title", "organizationId", "organizationName", "state", "nominatedById", "nominatedByName", "nominatedOn",
                      "figures", "commitmentIds", "breakthroughIds", "evidence", "commendations", "adoptions", "events"])
    }
}

extension ExemplarTally: OpenAPIDescribed {
    static let schemaName = "ExemplarTally"
    static var schema: JSONValue {
        .object(properties: [
            "exemplars": .integer.described("Registered, whatever their state"), "commended": .integer,
            "replicated": .integer.described("Adopted by another unit at least once"), "adoptions": .integer.described("Adoptions made by these units"),
        ], required: ["exemplars", "commended", "replicated", "adoptions"])
    }
}

extension ExemplarAPI.FiguresDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarFigures"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer, "organizationName": .string, "own": .ref(ExemplarTally.self),
                             "subtree": .ref(ExemplarTally.self).described("The whole subtree's, read from its stored tally")],
                required: ["organizationId", "organizationName", "own", "subtree"])
    }
}

extension ExemplarAPI.AuthorityRuleDTO: OpenAPIDescribed {
    static let schemaName = "CommendationAuthorityRule"
    static var schema: JSONValue {
        .object(properties: ["organizationKind": .string, "form": .enumeration(CommendationForm.self), "validFrom": .date, "validTo": .nullable(.date)],
                required: ["organizationKind", "form", "validFrom"])
    }
}

extension ExemplarAPI.NominationRuleDTO: OpenAPIDescribed {
    static let schemaName = "ExemplarNominationRule"
    static var schema: JSONValue {
        .object(properties: ["minimumRating": .enumeration(RatingLevel.self).described("The lowest rating, in the last year period, of a unit nominated as a collective")],
                required: ["minimumRating"])
    }
}
