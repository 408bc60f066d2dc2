import Fluent
import SQLKit

/// The members a list, search or export showed, in the personal-data log: one row per view, the ids in one
/// text column (`,12,40,57,`), so that "who saw member X" can be answered (Law 91/2025/QH15) at the cost of
/// one row per view. Rows logged before keep only their count.
struct LogViewedMemberIds: AsyncMigration {
    var name: String { "023_LogViewedMemberIds" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE personal_data_views ADD COLUMN member_ids TEXT").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE personal_data_views DROP COLUMN member_ids").run()
    }
}
