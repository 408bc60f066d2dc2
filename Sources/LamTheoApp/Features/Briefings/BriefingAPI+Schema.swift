import LamTheoCore

// The OpenAPI schemas of `BriefingAPI`'s bodies and answers.

extension BriefingInput: OpenAPIDescribed {
    static let schemaName = "BriefingCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer.described("The convening committee"), "title": .string, "theme": .string.described("The theme, in words"),
            "campaignId": .integer, "series": .string.described("Briefings of the committee with the same series are one sequence"),
            "heldOn": .date, "startsAt": .string.described("hh:mm"), "place": .string, "onlineLink": .string.described("https://…; a place or a link is required"),
            "bridgePoints": .array(of: .string), "agenda": .array(of: .string).described("In order"), "questions": .array(of: .string).described("Put to discussion, in order"),
            "leadReportId": .integer.described("The lead report, a registered document"),
            "invitedUnitIds": .array(of: .integer).described("Units under the committee"), "contributionsDueOn": .date.described("Not after the meeting"),
            "lateContributionsAllowed": .boolean.described("Whether contributions after the deadline are taken (marked late); false by default"),
        ], required: ["organizationId", "title", "theme", "heldOn", "invitedUnitIds", "contributionsDueOn"])
    }
}

extension ContributionInput: OpenAPIDescribed {
    static let schemaName = "ContributionCreate"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer.described("The invited unit contributing"), "summary": .string,
                             "file": .base64File.described("PDF, DOCX, JPEG or PNG")],
                required: ["organizationId", "summary"])
    }
}

extension ConclusionInput: OpenAPIDescribed {
    static let schemaName = "ConclusionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "text": .string,
            "task": .object(properties: [
                "organizationIds": .array(of: .integer).described("One task per unit, each under the committee"),
                "title": .string.described("The conclusion's text by default"), "responsible": .string.described("A person or a role"),
                "requiredEvidence": .string, "dueOn": .date.described("Not before today"),
            ], required: ["organizationIds", "responsible", "dueOn"]).described("The follow-up task the point becomes"),
        ], required: ["text"])
    }
}

extension NoticeInput: OpenAPIDescribed {
    static let schemaName = "BriefingNoticeCreate"
    static var schema: JSONValue {
        .object(properties: ["symbol": .string.described("Number and symbol of type TB: 125-TB/TU"), "issuedOn": .date.described("Today by default")],
                required: ["symbol"])
    }
}

extension BriefingAPI.DocumentDTO: OpenAPIDescribed {
    static let schemaName = "BriefingDocument"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "symbol": .string, "title": .string], required: ["id", "symbol", "title"])
    }
}

extension BriefingAPI.UnitDTO: OpenAPIDescribed {
    static let schemaName = "BriefingUnit"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer, "organizationName": .string, "contributions": .integer.described("0: not sent yet")],
                required: ["organizationId", "organizationName", "contributions"])
    }
}

extension BriefingAPI.ContributionDTO: OpenAPIDescribed {
    static let schemaName = "BriefingContribution"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "organizationName": .string, "summary": .string,
            "fileName": .nullable(.string).described("Download from …/contributions/{id}/file"), "submittedOn": .date,
            "late": .boolean.described("Sent after the deadline (nộp muộn)"), "presented": .boolean.described("Presented at the meeting"),
        ], required: ["id", "organizationId", "organizationName", "summary", "submittedOn", "late", "presented"])
    }
}

extension BriefingAPI.TaskDTO: OpenAPIDescribed {
    static let schemaName = "BriefingTask"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer.described("The follow-up task: /follow-ups/{id}"), "organizationId": .integer, "organizationName": .string, "title": .string,
            "responsible": .string, "requiredEvidence": .nullable(.string), "deadline": .date.described("The one in force"),
            "status": .enumeration(FollowUpStatus.self),
        ], required: ["id", "organizationId", "organizationName", "title", "responsible", "deadline", "status"])
    }
}

extension BriefingAPI.ConclusionDTO: OpenAPIDescribed {
    static let schemaName = "BriefingConclusion"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "number": .integer, "text": .string, "tasks": .array(of: .ref(BriefingAPI.TaskDTO.self))],
                required: ["id", "number", "text", "tasks"])
    }
}

extension BriefingAPI.PreviousDTO: OpenAPIDescribed {
    static let schemaName = "PreviousBriefing"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "title": .string, "heldOn": .date, "counts": .dictionary(of: .integer).described("Its tasks by status"),
                             "tasks": .array(of: .ref(BriefingAPI.TaskDTO.self)).described("Overdue first")],
                required: ["id", "title", "heldOn", "counts", "tasks"])
    }
}

extension BriefingAPI.BriefingDTO: OpenAPIDescribed {
    static let schemaName = "Briefing"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer.described("The convening committee"), "organizationName": .string, "title": .string,
            "theme": .string, "campaignId": .nullable(.integer), "series": .nullable(.string), "heldOn": .date, "startsAt": .nullable(.string),
            "place": .nullable(.string), "onlineLink": .nullable(.string), "bridgePoints": .array(of: .string), "agenda": .array(of: .string),
            "questions": .array(of: .string), "leadReportId": .nullable(.integer), "contributionsDueOn": .date, "lateContributionsAllowed": .boolean,
            "noticeDocumentId": .nullable(.integer).described("The conclusion notice (TB), once registered"),
            "campaignTitle": .nullable(.string), "leadReport": .nullable(.ref(BriefingAPI.DocumentDTO.self)),
            "notice": .nullable(.ref(BriefingAPI.DocumentDTO.self)),
            "invitedUnits": .array(of: .ref(BriefingAPI.UnitDTO.self)).described("On one briefing: each invited unit and how many contributions it sent"),
            "contributions": .array(of: .ref(BriefingAPI.ContributionDTO.self)),
            "presentedTurns": .integer.described("Contributions presented (lượt)"), "presentingUnits": .integer.described("Distinct units that presented"),
            "presentedSummary": .string.described("“11 lượt ý kiến tham luận của 11 đơn vị”"),
            "conclusions": .array(of: .ref(BriefingAPI.ConclusionDTO.self)),
            "previous": .nullable(.ref(BriefingAPI.PreviousDTO.self)).described("The previous briefing of the series and its tasks' state"),
        ], required: ["id", "organizationId", "organizationName", "title", "theme", "heldOn", "bridgePoints", "agenda", "questions",
                      "contributionsDueOn", "lateContributionsAllowed"])
    }
}

extension BriefingAPI.NoticeDTO: OpenAPIDescribed {
    static let schemaName = "BriefingNotice"
    static var schema: JSONValue {
        .object(properties: ["text": .string.described("The notice drafted from the conclusions"), "documentId": .nullable(.integer),
                             "symbol": .nullable(.string)], required: ["text"])
    }
}
