import Fluent
import LamTheoCore
import SQLKit

/// The tables that carry a copy of a unit's tree path, so that a subtree's rows are one index range.
/// Moving a subtree rewrites every copy in one set-based statement per table.
enum TreePathCopies {
    static let columns: [(table: String, column: String)] = [
        ("members", "organization_path"),
        ("campaigns", "organization_path"),
        ("obligations", "organization_path"),
        ("study_sessions", "organization_path"),
        ("campaign_figures", "organization_path"),
        ("period_closures", "organization_path"),
        ("commitment_figures", "organization_path"),
        ("ratings", "organization_path"),
        ("ratings", "deciding_path"),
        ("rating_figures", "organization_path"),
        ("breakthroughs", "organization_path"),
        ("follow_up_tasks", "organization_path"),
        ("briefings", "organization_path"),
        ("briefing_units", "organization_path"),
        ("briefing_contributions", "organization_path"),
        ("inspections", "organization_path"),
        ("inspection_units", "organization_path"),
        ("exemplars", "organization_path"),
        ("exemplar_adoptions", "organization_path"),
        ("notifications", "organization_path"),
        ("reminder_rules", "organization_path"),
        ("feedback", "organization_path"),
        ("library_campaign_readers", "organization_path"),
    ]

    /// Rows under `old` now carry the path under `new`.
    static func rebase(from old: TreePath, to new: TreePath, on db: any Database) async throws {
        for (table, column) in columns {
            try await db.sql.raw("""
                UPDATE \(unsafeRaw: table)
                SET \(unsafeRaw: column) = CAST(\(bind: new.rawValue) AS TEXT) || substr(\(unsafeRaw: column), CAST(\(bind: old.rawValue.count + 1) AS INTEGER))
                WHERE \(column: column, in: old)
                """).run()
        }
    }
}
