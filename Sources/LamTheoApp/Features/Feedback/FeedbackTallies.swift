import Fluent
import LamTheoCore
import SQLKit

/// Each unit's count of its whole subtree's feedback (its own included) by figure — open by answer deadline, answered
/// on time, answered late (`feedback_tallies`, 048) —, so that "overdue" is counted on the day it is read and any
/// unit's figures, the national root's included, are the few rows of that one unit. A command changes the rows of
/// the item's chain by the difference it made (one statement whatever the tree's depth); a change of the tree's shape
/// recounts the chains it reshaped, level by level, each unit as its own items plus its children's counts.
enum FeedbackTallies {
    enum Figure: String, Sendable {
        case open
        case answeredOnTime = "answered_on_time"
        case answeredLate = "answered_late"
    }

    /// Where an item counts: along its unit's chain, under its figure and, while open, its deadline.
    struct Entry: Hashable, Sendable {
        let path: TreePath
        let figure: Figure
        let dueOn: String
    }

    /// The entry of `feedback` as it is now; nil for a settled item without an answer date (none is made so).
    static func entry(of feedback: Feedback) -> Entry? {
        if feedback.state.isOpen { return Entry(path: feedback.treePath, figure: .open, dueOn: feedback.answerDueOn.iso) }
        guard let answeredOn = feedback.answeredOn else { return nil }
        return Entry(path: feedback.treePath, figure: answeredOn <= feedback.answerDueOn ? .answeredOnTime : .answeredLate, dueOn: "")
    }

    /// After a command took an item from `before` to `after` (nil: not counted, as before it was sent): takes its turn
    /// at the chains' roots (PostgreSQL) and adds the difference to every unit of both chains.
    static func record(from before: Entry?, to after: Entry?, on db: any Database) async throws {
        guard before != after else { return }
        var changes: [Row: Int] = [:]
        for (entry, change) in [(before, -1), (after, 1)] {
            guard let entry else { continue }
            for unit in entry.path.ids { changes[Row(unit: unit, figure: entry.figure.rawValue, dueOn: entry.dueOn), default: 0] += change }
        }
        let rows = changes.filter { $0.value != 0 }.sorted { ($0.key.unit, $0.key.figure, $0.key.dueOn) < ($1.key.unit, $1.key.figure, $1.key.dueOn) }
        guard !rows.isEmpty else { return }
        try await RollupUnits.chains(of: [before?.path, after?.path].compactMap { $0 }).takeTurns(on: db)
        let values = rows.map { row, change -> SQLQueryString in
            "(\(bind: row.unit), \(bind: row.figure), \(bind: row.dueOn), \(bind: change))"
        }
        try await db.sql.raw("""
            INSERT INTO feedback_tallies (organization_id, figure, due_on, items) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (organization_id, figure, due_on) DO UPDATE SET items = feedback_tallies.items + excluded.items
            """).run()
        // A deadline no open item has any more leaves no row behind: a unit's rows stay as few as its open deadlines.
        try await db.sql.raw("""
            DELETE FROM feedback_tallies WHERE organization_id IN (\(binds: Array(Set(rows.map(\.key.unit))).sorted())) AND items = 0
            """).run()
    }

    private struct Row: Hashable {
        let unit: Int
        let figure: String
        let dueOn: String
    }

    /// After the tree changed shape: recounts the chains of `units` (the moved unit's new one, its former parent's).
    static func recount(chainsOf units: Set<Int>, on db: any Database) async throws {
        guard !units.isEmpty else { return }
        let chains = try await RollupUnits.chains(of: units, on: db)
        try await chains.takeTurns(on: db)
        try await recount(chains, on: db)
    }

    /// Recounts every unit of the tree: after items were written in bulk (`SyntheticLoader`).
    static func recountEverything(on db: any Database) async throws {
        for row in try await db.sql.raw("SELECT path FROM organizations WHERE parent_id IS NULL ORDER BY id").all() {
            guard let root = TreePath(rawValue: try row.decode(column: "path", as: String.self)) else { continue }
            let units = try await RollupUnits.subtree(root, andChainsOf: [], on: db)
            try await units.takeTurns(on: db)
            try await recount(units, on: db)
        }
    }

    /// Rewrites the figures of `units` level by level, deepest first, each unit as its own items plus its children's
    /// figures. The caller holds its turn at their roots.
    private static func recount(_ chains: RollupUnits, on db: any Database) async throws {
        let open: SQLQueryString = "f.state IN (\(binds: FeedbackState.open.map(\.rawValue)))"
        try await chains.rewriteTallies("feedback_tallies", keys: ["figure", "due_on"], count: "items", own: { units in
            """
            SELECT f.organization_id AS unit,
                   CASE WHEN \(open) THEN \(bind: Figure.open.rawValue) WHEN f.answered_on <= f.answer_due_on THEN \(bind: Figure.answeredOnTime.rawValue)
                        ELSE \(bind: Figure.answeredLate.rawValue) END AS figure,
                   CASE WHEN \(open) THEN f.answer_due_on ELSE '' END AS due_on, 1 AS n
            FROM feedback f WHERE f.organization_id IN \(units) AND (\(open) OR f.answered_on IS NOT NULL)
            """
        }, on: db)
    }

    /// The subtree figures of each unit on `today`, in one query (a unit and its children on the dashboard); a unit with
    /// no feedback in its subtree has none. The database sums each unit's rows into open (overdue or not) and settled.
    static func read(_ units: [Int], today: CalendarDate, on db: any Database) async throws -> [Int: FeedbackFigures] {
        guard !units.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT organization_id, figure, overdue, CAST(SUM(items) AS BIGINT) AS items FROM (
              SELECT organization_id, figure, CASE WHEN figure = \(bind: Figure.open.rawValue) AND due_on < \(bind: today.iso) THEN 1 ELSE 0 END AS overdue, items
              FROM feedback_tallies WHERE organization_id IN (\(binds: units))) t
            GROUP BY organization_id, figure, overdue
            """).all()
        var figures: [Int: FeedbackFigures] = [:]
        for row in rows {
            let unit = try row.decode(column: "organization_id", as: Int.self)
            let items = try row.decode(column: "items", as: Int.self)
            switch Figure(rawValue: try row.decode(column: "figure", as: String.self)) {
            case .open?:
                figures[unit, default: FeedbackFigures()].open += items
                if try row.decode(column: "overdue", as: Int.self) == 1 { figures[unit, default: FeedbackFigures()].overdue += items }
            case .answeredOnTime?: figures[unit, default: FeedbackFigures()].answeredOnTime += items
            case .answeredLate?: figures[unit, default: FeedbackFigures()].answeredLate += items
            case nil: break
            }
        }
        return figures
    }

    /// The figures of the whole tree: its roots' summed.
    static func everywhere(today: CalendarDate, on db: any Database) async throws -> FeedbackFigures {
        let roots = try await db.sql.raw("SELECT id FROM organizations WHERE parent_id IS NULL").all().map { try $0.decode(column: "id", as: Int.self) }
        return try await read(roots, today: today, on: db).values.reduce(FeedbackFigures(), +)
    }
}
