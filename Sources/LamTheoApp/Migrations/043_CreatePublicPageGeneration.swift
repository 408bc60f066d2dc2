import Fluent
import SQLKit

/// One row counting the changes to what public pages show: every serving process empties its page cache when the
/// number moves, so that a publish through one process reaches the readers of all of them.
struct CreatePublicPageGeneration: AsyncMigration {
    var name: String { "043_CreatePublicPageGeneration" }

    func prepare(on database: any Database) async throws {
        try await database.schema("public_page_generation")
            .field("id", .int, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        try await database.sql.raw("INSERT INTO public_page_generation (id, generation) VALUES (1, 0)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("public_page_generation").delete()
    }
}
