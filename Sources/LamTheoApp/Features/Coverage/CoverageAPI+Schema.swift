import LamTheoCore

// The OpenAPI schemas of `CoverageAPI`'s answers. `CoverageFigure` is every feature's figure.

extension CoverageAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "CoverageFigure"
    static var schema: JSONValue {
        .object(properties: [
            "count": .nullable(.integer).described("Absent (null) when no unit counted here has reported: \"chưa báo cáo\", not 0"),
            "total": .integer, "percent": .nullable(.number), "text": .string,
        ], required: ["total", "text"])
    }
}

extension CoverageAPI.CoverageDTO: OpenAPIDescribed {
    static let schemaName = "Coverage"
    static var schema: JSONValue {
        let figure = JSONValue.ref(CoverageAPI.FigureDTO.self)
        return .object(properties: [
            "members": .integer, "studied": figure, "reflectionsSubmitted": figure, "reflectionsAccepted": figure, "sessionsHeld": .integer,
            "reportingUnits": .integer.described("Cells that have reported anything for the campaign"),
            "unitsWithMembers": .integer,
            "obligations": .dictionary(of: .integer).described("Obligations in force by status"),
            "obligationsDone": figure, "maxDaysLate": .integer,
        ], required: ["members", "studied", "reflectionsSubmitted", "reflectionsAccepted", "sessionsHeld", "reportingUnits", "unitsWithMembers",
                      "obligations", "obligationsDone", "maxDaysLate"])
    }
}

extension CoverageAPI.ReportDTO: OpenAPIDescribed {
    static let schemaName = "CoverageReport"
    static var schema: JSONValue {
        let coverage = JSONValue.ref(CoverageAPI.CoverageDTO.self)
        return .object(properties: [
            "campaignId": .integer, "organizationId": .integer, "organizationName": .string, "own": coverage, "subtree": coverage,
            "children": .array(of: .object(properties: ["organizationId": .integer, "name": .string, "coverage": coverage],
                                           required: ["organizationId", "name", "coverage"])),
        ], required: ["campaignId", "organizationId", "organizationName", "own", "subtree", "children"])
    }
}

extension CoverageAPI.MemberRowDTO: OpenAPIDescribed {
    static let schemaName = "CoverageMember"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "fullName": .string, "cardNumber": .string, "organizationId": .integer],
                required: ["id", "fullName", "cardNumber", "organizationId"])
    }
}
