import LamTheoCore

// The OpenAPI schemas of `DashboardAPI`'s answers.

extension DashboardAPI.ValueDTO: OpenAPIDescribed {
    static let schemaName = "DashboardValue"
    static var schema: JSONValue {
        .object(properties: ["count": .nullable(.integer).described("null: not reported"), "total": .nullable(.integer).described("null: a count alone")],
                required: [])
    }
}

extension DashboardAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "DashboardFigure"
    static var schema: JSONValue {
        .object(properties: [
            "key": JSONValue.string.described("Stable from day to day: campaign-3.studied…"), "title": .string,
            "count": .nullable(.integer).described("null: no unit has reported it"), "total": .nullable(.integer).described("The whole it is out of; null for a count alone"),
            "explanation": JSONValue.string.described("How it is computed, each number named"), "path": .nullable(.string).described("The page listing its units and people"),
            "higherIsBetter": .boolean, "previous": .nullable(.ref(DashboardAPI.ValueDTO.self)).described("The same day of the period before, where stored"),
        ], required: ["key", "title", "explanation", "higherIsBetter"])
    }
}

extension DashboardAPI.ChildDTO: OpenAPIDescribed {
    static let schemaName = "DashboardChild"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "name": .string, "count": .nullable(.integer), "total": .nullable(.integer),
            "lagging": JSONValue.boolean.described("Below the unit's own figure (above it, where less is better)"),
        ], required: ["organizationId", "name", "lagging"])
    }
}

extension DashboardAPI.TrendPointDTO: OpenAPIDescribed {
    static let schemaName = "DashboardTrendPoint"
    static var schema: JSONValue {
        .object(properties: [
            "day": .date, "value": .nullable(.number).described("The lead figure: a share in percent, or a count; null where nothing was stored"),
            "previous": .nullable(.number).described("The same day of the period before"),
        ], required: ["day"])
    }
}

extension DashboardAPI.PartDTO: OpenAPIDescribed {
    static let schemaName = "DashboardPart"
    static var schema: JSONValue {
        .object(properties: ["label": .string, "count": .integer], required: ["label", "count"])
    }
}

extension DashboardAPI.SectionDTO: OpenAPIDescribed {
    static let schemaName = "DashboardSection"
    static var schema: JSONValue {
        .object(properties: [
            "key": .string, "title": .string, "figures": .array(of: .ref(DashboardAPI.FigureDTO.self)),
            "leadFigure": .nullable(.string).described("The figure the children are compared by"),
            "children": .array(of: .ref(DashboardAPI.ChildDTO.self)).described("Lagging first"),
            "trend": .array(of: .ref(DashboardAPI.TrendPointDTO.self)).described("From the period's start to the day"),
            "distribution": .nullable(.array(of: .ref(DashboardAPI.PartDTO.self))),
        ], required: ["key", "title", "figures", "children", "trend"])
    }
}

extension DashboardAPI.DashboardDTO: OpenAPIDescribed {
    static let schemaName = "Dashboard"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "name": .string, "day": .date, "period": .enumeration(ReportingPeriod.self),
            "sections": .array(of: .ref(DashboardAPI.SectionDTO.self)),
        ], required: ["organizationId", "name", "day", "period", "sections"])
    }
}
