import LamTheoCore

// The OpenAPI schema of `SpreadsheetAPI`'s import job, which carries the import's report once finished.

extension SpreadsheetAPI.JobDTO: OpenAPIDescribed {
    static let schemaName = "ImportJob"
    static var schema: JSONValue {
        let rowError = JSONValue.object(properties: ["line": .integer, "column": .nullable(.string), "message": .string], required: ["line", "message"])
        let report = JSONValue.object(properties: [
            "kind": .enumeration(SpreadsheetKind.self), "fileName": .string,
            "fileEncoding": .nullable(.string).described("How a CSV file was read: utf8, utf8WithBOM, utf16LittleEndian, utf16BigEndian or windows1258"),
            "legacyEncoding": .nullable(.enumeration(LegacyVietnameseEncoding.self)).described("A legacy Vietnamese font encoding the text was converted from"),
            "convertedCells": .integer, "rows": .integer, "created": .integer, "changed": .integer,
            "unchanged": .integer, "applied": .boolean, "summary": .string,
            "errors": .array(of: rowError),
            "ignoredColumns": .array(of: rowError).described("Columns of the file that were not imported (line 1, the file's own header): not in the template, or a second column for the same thing"),
        ], required: ["kind", "fileName", "convertedCells", "rows", "created", "changed", "unchanged", "applied", "summary", "errors", "ignoredColumns"])
        return .object(properties: [
            "id": .string, "state": ["type": "string", "enum": ["running", "finished", "failed"]],
            "done": .integer, "total": .integer, "error": .nullable(.string),
            "report": .nullable(report).described("The import's report, once finished"),
        ], required: ["id", "state", "done", "total"])
    }
}
