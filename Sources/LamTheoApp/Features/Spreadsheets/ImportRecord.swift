import Fluent
import Foundation
import LamTheoCore

/// One applied import: what file, by whom, and what it did. The audit trail records the import as one
/// event whose "after" is this row, rather than one event per spreadsheet row.
final class ImportRecord: Model, @unchecked Sendable {
    static let schema = "imports"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: SpreadsheetKind
    @Field(key: "file_name") var fileName: String
    @Field(key: "rows") var rows: Int
    @Field(key: "created") var created: Int
    @Field(key: "changed") var changed: Int
    @Field(key: "unchanged") var unchanged: Int
    /// Cells typed in a legacy font and converted to Unicode.
    @Field(key: "converted_cells") var convertedCells: Int
    @OptionalField(key: "legacy_encoding") var legacyEncoding: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension ImportRecord: Auditable {
    static var auditEntity: String { "import" }

    var auditFields: [String: String?] {
        ["kind": kind.rawValue, "file": fileName, "rows": String(rows), "created": String(created), "changed": String(changed),
         "unchanged": String(unchanged), "convertedCells": String(convertedCells), "legacyEncoding": legacyEncoding]
    }
}
