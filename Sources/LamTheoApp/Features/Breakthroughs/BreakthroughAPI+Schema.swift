import LamTheoCore

// The OpenAPI schemas of `BreakthroughAPI`'s bodies and answers.

/// One body for setting and for changing a breakthrough.
extension BreakthroughInput: OpenAPIDescribed {
    static let schemaName = "BreakthroughCreate"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "periodId": .integer.described("By default the year of startsOn"),
            "campaignId": .integer, "content": .string.described("What, where, for whom: not a slogan"),
            "targetKind": .enumeration(BreakthroughTargetKind.self),
            "baselineValue": .number.described("numeric: the starting level (default 0)"),
            "targetValue": .number.described("numeric: the level to reach; below the baseline for a reduction"),
            "measureUnit": .string.described("numeric: %, hộ, km, tỷ đồng…"),
            "deliverable": .string.described("deliverable: what is done or not"),
            "ownerMemberId": .integer, "ownerRole": .string.described("Needed when no member is named"),
            "startsOn": .date, "endsOn": .date,
        ], required: ["organizationId", "content", "targetKind", "startsOn", "endsOn"])
    }
}

extension CheckInInput: OpenAPIDescribed {
    static let schemaName = "CheckInCreate"
    static var schema: JSONValue {
        .object(properties: [
            "checkedOn": .date, "value": .number.described("numeric targets"), "done": .boolean.described("deliverables"),
            "note": .string, "evidence": .string.described("What shows the progress, in words"), "evidenceFile": .base64File,
        ])
    }
}

extension BreakthroughAPI.CheckInDTO: OpenAPIDescribed {
    static let schemaName = "CheckIn"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "checkedOn": .date, "value": .nullable(.number), "done": .boolean, "note": .nullable(.string),
            "evidence": .nullable(.string), "evidenceFileName": .nullable(.string).described("Download it from …/check-ins/{id}/evidence"),
        ], required: ["id", "checkedOn", "done"])
    }
}

extension BreakthroughAPI.BreakthroughDTO: OpenAPIDescribed {
    static let schemaName = "Breakthrough"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "organizationName": .string, "periodId": .integer,
            "campaignId": .nullable(.integer), "content": .string, "targetKind": .enumeration(BreakthroughTargetKind.self),
            "baselineValue": .nullable(.number), "targetValue": .nullable(.number), "measureUnit": .nullable(.string), "deliverable": .nullable(.string),
            "ownerMemberId": .nullable(.integer), "ownerRole": .nullable(.string), "startsOn": .date, "endsOn": .date, "latestValue": .nullable(.number),
            "progressPercent": .nullable(.number).described("0…100 from the baseline to the target; null before any check-in (\"chưa báo cáo\")"),
            "lastCheckInOn": .nullable(.date), "status": .enumeration(BreakthroughStatus.self),
            "checkIns": .array(of: .ref(BreakthroughAPI.CheckInDTO.self)),
        ], required: ["id", "organizationId", "organizationName", "periodId", "content", "targetKind", "startsOn", "endsOn", "status"])
    }
}

extension BreakthroughAPI.TallyDTO: OpenAPIDescribed {
    static let schemaName = "BreakthroughTally"
    static var schema: JSONValue {
        .object(properties: [
            "counts": .dictionary(of: .integer).described("Breakthroughs by status"),
            "units": .integer.described("Active units in the subtree"),
            "reportingUnits": .integer.described("Units that have set at least one breakthrough"),
            "done": .ref(CoverageAPI.FigureDTO.self),
        ], required: ["counts", "units", "reportingUnits", "done"])
    }
}

extension BreakthroughAPI.RollupDTO: OpenAPIDescribed {
    static let schemaName = "BreakthroughRollup"
    static var schema: JSONValue {
        let tally = JSONValue.ref(BreakthroughAPI.TallyDTO.self)
        return .object(properties: [
            "organizationId": .integer, "organizationName": .string, "periodId": .nullable(.integer), "subtree": tally,
            "children": .array(of: .object(properties: ["organizationId": .integer, "name": .string, "tally": tally],
                                           required: ["organizationId", "name", "tally"])),
        ], required: ["organizationId", "organizationName", "subtree", "children"])
    }
}
