import LamTheoCore

// The OpenAPI schemas of `ReportAPI`'s bodies and answers.

extension ReportAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "ReportFigure"
    static var schema: JSONValue {
        .object(properties: [
            "key": JSONValue.string.described("The dashboard figure's key: the same count and total as GET /dashboard for the unit, day and period"),
            "title": .string, "count": .nullable(.integer).described("null: not reported"), "total": .nullable(.integer),
            "text": JSONValue.string.described("As the report writes it: 231.700/245.200 (94,5%)"), "source": JSONValue.string.described("How it is computed"),
        ], required: ["key", "title", "text", "source"])
    }
}

extension ReportAPI.SectionDTO: OpenAPIDescribed {
    static let schemaName = "ReportSection"
    static var schema: JSONValue {
        .object(properties: ["key": .string, "heading": JSONValue.string.described("The part of the report it is under"), "title": .string,
                             "figures": .array(of: .ref(ReportAPI.FigureDTO.self))],
                required: ["key", "heading", "title", "figures"])
    }
}

extension ReportAPI.VersionDTO: OpenAPIDescribed {
    static let schemaName = "ReportVersion"
    static var schema: JSONValue {
        .object(properties: [
            "version": .integer, "documentId": JSONValue.integer.described("The document registered for it"), "symbol": .string, "issuedOn": .date,
            "formatVersion": JSONValue.string.described("The format rules it was laid out by: 36-HD/VPTW-2018"),
            "docxSha256": JSONValue.string.described("SHA-256 of the DOCX as issued; downloads give these bytes"), "xlsxSha256": .string,
            "issuedBy": .string, "issuedAt": .dateTime,
        ], required: ["version", "documentId", "symbol", "issuedOn", "formatVersion", "docxSha256", "xlsxSha256", "issuedBy", "issuedAt"])
    }
}

extension ReportAPI.ReportDTO: OpenAPIDescribed {
    static let schemaName = "Report"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "kind": .enumeration(ReportKind.self),
            "campaignId": JSONValue.nullable(.integer).described("A campaign result report's campaign"),
            "status": JSONValue.enumeration(ReportStatus.self).described("composing while a job gathers the figures (jobId); draft; failed"),
            "jobId": .nullable(.string), "day": .date, "period": .enumeration(ReportingPeriod.self), "subject": .string, "place": .string,
            "superiorBody": .string, "issuingBody": .string, "authority": .string, "signerTitle": .string, "signerName": .string,
            "recipients": .array(of: .string), "narratives": ReportPart.schema.described("The author's text by part, in the report's order"),
            "sections": .array(of: .ref(ReportAPI.SectionDTO.self)), "discrepancies": .array(of: .string),
            "versions": .array(of: .ref(ReportAPI.VersionDTO.self)),
        ], required: ["id", "organizationId", "kind", "status", "day", "period", "subject", "place", "superiorBody", "issuingBody", "authority",
                      "signerTitle", "signerName", "recipients", "narratives", "sections", "discrepancies", "versions"])
    }
}

extension ReportAPI.SummaryDTO: OpenAPIDescribed {
    static let schemaName = "ReportSummary"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "organizationId": .integer, "kind": .enumeration(ReportKind.self), "status": .enumeration(ReportStatus.self),
                             "day": .date, "period": .enumeration(ReportingPeriod.self), "subject": .string],
                required: ["id", "organizationId", "kind", "status", "day", "period", "subject"])
    }
}

extension ReportInput: OpenAPIDescribed {
    static let schemaName = "ReportCreate"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer, "kind": .enumeration(ReportKind.self),
                             "day": JSONValue.string.described("The figures' day, dd/MM/yyyy or ISO; today when left out"),
                             "period": .enumeration(ReportingPeriod.self),
                             "campaignId": JSONValue.integer.described("For kind campaign: a campaign launched by the unit or above it")],
                required: ["organizationId", "kind"])
    }
}

extension ReportChanges: OpenAPIDescribed {
    static let schemaName = "ReportUpdate"
    static var schema: JSONValue {
        .object(properties: ["subject": .string, "place": .string, "superiorBody": .string, "issuingBody": .string, "authority": .string,
                             "signerTitle": .string, "signerName": .string, "recipients": .array(of: .string),
                             "narratives": ReportPart.schema.described("Only the parts sent change")],
                required: [])
    }
}

extension ReportIssueInput: OpenAPIDescribed {
    static let schemaName = "ReportIssue"
    static var schema: JSONValue {
        .object(properties: ["symbol": JSONValue.string.described("The number and symbol, of type BC: 12-BC/ĐU"),
                             "issuedOn": JSONValue.string.described("dd/MM/yyyy or ISO; today when left out")],
                required: ["symbol"])
    }
}

extension ReportPart {
    /// The author's text by part: an object with one string per part.
    static var schema: JSONValue {
        .object(properties: allCases.map { ($0.rawValue, JSONValue.string) })
    }
}
