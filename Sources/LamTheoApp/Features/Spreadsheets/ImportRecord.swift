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

struct CreateImports: AsyncMigration {
    var name: String { "007_CreateImports" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ImportRecord.schema)
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("rows", .int, .required)
            .field("created", .int, .required)
            .field("changed", .int, .required)
            .field("unchanged", .int, .required)
            .field("converted_cells", .int, .required)
            .field("legacy_encoding", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportRecord.schema).delete()
    }
}
