import Fluent
import SQLKit

/// The feedback reminders page through the units of a subtree, as the other units' sources do, and read each page's
/// open items through this index: in the items' own id order, a cell's preview went through every open item of the
/// country (1,000,000 items, 100,000 open: 68 ms for a cell, 230 ms at the root, `benchmark-pages --only remind`).
struct AddFeedbackUnitIndex: AsyncMigration {
    var name: String { "047_AddFeedbackUnitIndex" }

    func prepare(on database: any Database) async throws {
        try await database.createIndex("feedback_unit_open", on: "feedback", columns: ["organization_id", "state", "answer_due_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "feedback_unit_open").run()
    }
}
