import Fluent
import SQLKit

struct CreateImports: AsyncMigration {
    var name: String { "007_CreateImports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("imports")
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
        try await database.schema("imports").delete()
    }
}
