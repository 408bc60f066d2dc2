import LamTheoCore

// The OpenAPI schemas of `RatingAPI`'s bodies and answers.

extension RatingPeriodInput: OpenAPIDescribed {
    static let schemaName = "RatingPeriodCreate"
    static var schema: JSONValue {
        .object(properties: ["kind": .enumeration(RatingPeriodKind.self), "title": .string, "startsOn": .date, "endsOn": .date],
                required: ["kind", "title", "startsOn", "endsOn"])
    }
}

extension RatingAPI.PeriodDTO: OpenAPIDescribed {
    static let schemaName = "RatingPeriod"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "kind": .enumeration(RatingPeriodKind.self), "title": .string, "startsOn": .date, "endsOn": .date],
                required: ["id", "kind", "title", "startsOn", "endsOn"])
    }
}

extension RatingStepInput: OpenAPIDescribed {
    static let schemaName = "RatingStepCreate"
    static var schema: JSONValue {
        .object(properties: [
            "periodId": .integer, "memberId": .integer.described("The member rated; or organizationId for a unit"),
            "organizationId": .integer, "step": .enumeration(RatingStepKind.self),
            "score": ["type": "integer", "minimum": 0, "maximum": 100,
                      "description": "The level follows: ≥ 90 excellent, 70–89 good, 50–69 completed, below not completed"],
            "explanation": .string, "disciplined": .boolean.described("Decision only: disciplined in the period (caps the level at completed)"),
            "tasks": RatingAPI.tasks.described("Decision only: the tasks assigned in the period and how they were done (Quy định 366-QĐ/TW, Điều 11). A decision whose level the tasks do not allow is refused (409) with the rule's text and the numbers"),
        ], required: ["periodId", "step", "score"])
    }
}

extension TaskCompletion: OpenAPIDescribed {
    static let schemaName = "RatingTasks"
    static var schema: JSONValue { RatingAPI.tasks }
}

extension RatingAPI.StepDTO: OpenAPIDescribed {
    static let schemaName = "RatingStep"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(RatingStepKind.self), "score": .integer, "level": .enumeration(RatingLevel.self),
            "explanation": .nullable(.string), "disciplined": .boolean, "username": .string,
            "tasks": .nullable(.ref(TaskCompletion.self)), "recordedAt": .dateTime,
        ], required: ["id", "kind", "score", "level", "disciplined", "username"])
    }
}

extension RatingAPI.SheetRowDTO: OpenAPIDescribed {
    static let schemaName = "RatingSheetRow"
    static var schema: JSONValue {
        .object(properties: [
            "memberId": .integer, "fullName": .string, "organizationId": .integer,
            "notRated": .nullable(["type": "string", "enum": ["recently_admitted", "exempt"]]).described("Why the member is not rated (không đánh giá)"),
            "decidedLevel": RatingAPI.decidedLevel, "steps": .array(of: .ref(RatingAPI.StepDTO.self)),
        ], required: ["memberId", "fullName", "organizationId", "steps"])
    }
}

extension RatingAPI.MineDTO: OpenAPIDescribed {
    static let schemaName = "OwnRating"
    static var schema: JSONValue {
        .object(properties: [
            "period": .ref(RatingAPI.PeriodDTO.self), "decidedLevel": RatingAPI.decidedLevel, "steps": .array(of: .ref(RatingAPI.StepDTO.self)),
        ], required: ["period", "steps"])
    }
}

/// The counts behind a unit's rating figures, and a closure's snapshot of them.
extension RatingTally: OpenAPIDescribed {
    static let schemaName = "RatingCounts"
    static var schema: JSONValue {
        .object(properties: [
            "excellent": .integer, "good": .integer, "completed": .integer, "notCompleted": .integer,
            "notRated": .integer.described("Not rated (không đánh giá): recently admitted or exempt"),
            "pending": .integer.described("To be rated, with no decision yet"),
        ], required: ["excellent", "good", "completed", "notCompleted", "notRated", "pending"])
    }
}

extension RatingAPI.TallyDTO: OpenAPIDescribed {
    static let schemaName = "RatingTally"
    static var schema: JSONValue {
        .object(properties: [
            "tally": .ref(RatingTally.self),
            "text": .string.described("\"chưa báo cáo\" while nothing is decided; otherwise the excellent share"),
        ], required: ["tally", "text"])
    }
}

extension RatingAPI.ClosureDTO: OpenAPIDescribed {
    static let schemaName = "RatingClosure"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "periodId": .integer, "organizationId": .integer, "closedOn": .date,
            "reopenedOn": .nullable(.date), "reopenReason": .nullable(.string),
            "snapshot": .nullable(.ref(RatingTally.self)).described("The subtree's figures when it was closed"),
        ], required: ["id", "periodId", "organizationId", "closedOn"])
    }
}

extension ExcellentQuota: OpenAPIDescribed {
    static let schemaName = "ExcellentQuota"
    static var schema: JSONValue {
        .object(properties: [
            "excellent": .integer.described("Members decided excellent"), "good": .integer.described("Members decided good"),
            "share": .number.described("Excellent may be at most this share of good (0.2)"),
        ], required: ["excellent", "good", "share"])
    }
}

extension RatingAPI.FiguresDTO: OpenAPIDescribed {
    static let schemaName = "RatingFigures"
    static var schema: JSONValue {
        let tally = JSONValue.ref(RatingAPI.TallyDTO.self)
        return .object(properties: [
            "periodId": .integer, "organizationId": .integer, "organizationName": .string, "subtree": tally,
            "children": .array(of: .object(properties: ["organizationId": .integer, "name": .string, "figures": tally],
                                           required: ["organizationId", "name", "figures"])),
            "closures": .array(of: .ref(RatingAPI.ClosureDTO.self)),
            "quota": .nullable(.ref(ExcellentQuota.self)).described("At a unit that decides members' ratings"),
        ], required: ["periodId", "organizationId", "organizationName", "subtree", "children", "closures"])
    }
}

extension RatingClosureInput: OpenAPIDescribed {
    static let schemaName = "RatingClosureCreate"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer], required: ["organizationId"])
    }
}

extension RatingReopenInput: OpenAPIDescribed {
    static let schemaName = "RatingClosureReopen"
    static var schema: JSONValue {
        .object(properties: ["reason": .string], required: ["reason"])
    }
}

extension EvidenceSection: OpenAPIDescribed {
    static let schemaName = "EvidenceSection"
    static var schema: JSONValue {
        let text = JSONValue.ref(LocalizedText.self)
        return .object(properties: [
            "source": .string.described("The tables the numbers come from"), "title": text, "summary": text, "items": .array(of: text),
        ], required: ["source", "title", "summary", "items"])
    }
}

extension LocalizedText: OpenAPIDescribed {
    static let schemaName = "LocalizedText"
    static var schema: JSONValue {
        .object(properties: ["vi": .string, "en": .string], required: ["vi", "en"])
    }
}

extension RatingAPI.RuleDTO: OpenAPIDescribed {
    static let schemaName = "RatingRule"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "kind": .enumeration(RatingRuleKind.self),
            "parameter": .nullable(.number).described("The share (0.2, 0.3) or the months (6)"), "textVi": .string,
            "textEn": .string, "active": .boolean,
        ], required: ["id", "kind", "textVi", "textEn", "active"])
    }
}

extension RatingRuleInput: OpenAPIDescribed {
    static let schemaName = "RatingRuleUpdate"
    static var schema: JSONValue {
        .object(properties: [
            "parameter": .nullable(.number), "textVi": .string, "textEn": .string,
            "active": .nullable(.boolean).described("Unchanged when null"),
        ], required: ["textVi", "textEn"])
    }
}

extension RatingAPI {
    /// A decision's tasks, as sent and as recorded.
    fileprivate static let tasks: JSONValue = .object(properties: [
        "assigned": ["type": "integer", "minimum": 0], "onTime": ["type": "integer", "minimum": 0], "late": ["type": "integer", "minimum": 0],
        "exceeding": ["type": "integer", "minimum": 0, "description": "Done beyond what was required, among those done"],
    ], required: ["assigned", "onTime", "late", "exceeding"])

    fileprivate static let decidedLevel: JSONValue = .nullable(.enumeration(RatingLevel.self)).described("null before a decision")
}
