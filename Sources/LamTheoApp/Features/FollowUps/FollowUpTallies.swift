import Fluent
import LamTheoCore
import SQLKit

/// Each unit's tally of its whole subtree's follow-up tasks (its own included), by origin, state and — for
/// tasks still awaiting their owner — deadline, so that "overdue" is counted on the day it is read: any
/// unit's figures, the national root's included, are the few rows of that one unit. Refreshed level by level
/// along the chains of the units a write touched, each unit as its own tasks plus its children's tallies.
enum FollowUpTallies {
    /// After tasks of `organizationIds` changed: locks their chains and refreshes them.
    static func refresh(chainsOf organizationIds: Set<Int>, on db: any Database) async throws {
        guard !organizationIds.isEmpty else { return }
        let units = try await RollupUnits.chains(of: organizationIds, on: db)
        try await units.takeTurns(on: db)
        try await refresh(units, on: db)
    }

    /// After the tree changed shape: `subtree` whole, the chain of its root and those of `others`.
    static func refresh(subtree: TreePath, alsoChainsOf others: Set<Int>, on db: any Database) async throws {
        let units = try await RollupUnits.subtree(subtree, andChainsOf: others, on: db)
        try await units.takeTurns(on: db)
        try await refresh(units, on: db)
    }

    /// Rewrites the tallies of `units`, deepest level first. The caller holds the locks.
    private static func refresh(_ units: RollupUnits, on db: any Database) async throws {
        let awaiting: SQLQueryString = "t.state IN (\(binds: FollowUpState.awaitingOwner.map(\.rawValue)))"
        try await units.rewriteTallies("follow_up_tallies", keys: ["origin_kind", "state", "due_on"], count: "tasks", own: { unitsOfLevel in
            """
            SELECT t.organization_id AS unit, t.origin_kind, t.state,
                   CASE WHEN \(awaiting) THEN COALESCE(t.extended_until, t.due_on) END AS due_on, 1 AS n
            FROM follow_up_tasks t WHERE t.organization_id IN \(unitsOfLevel)
            """
        }, on: db)
    }

    /// The subtree tally of `organizationId` by origin kind, on `today`.
    static func read(_ organizationId: Int, today: CalendarDate, on db: any Database) async throws -> [String: FollowUpTally] {
        try await read([organizationId], today: today, on: db)[organizationId] ?? [:]
    }

    /// The subtree tallies of `organizationIds` by origin kind, on `today`, in one query (a unit and its children on
    /// the dashboard); a unit with no tasks in its subtree has no entry. Each unit's rows are summed by the database
    /// into a row per origin, state and overdue or not: a few rows to decode, whatever the deadlines.
    static func read(_ organizationIds: [Int], today: CalendarDate, on db: any Database) async throws -> [Int: [String: FollowUpTally]] {
        guard !organizationIds.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT organization_id, origin_kind, state, overdue, CAST(SUM(tasks) AS BIGINT) AS tasks FROM (
              SELECT organization_id, origin_kind, state, CASE WHEN due_on < \(bind: today) THEN 1 ELSE 0 END AS overdue, tasks
              FROM follow_up_tallies WHERE organization_id IN (\(binds: organizationIds))) t
            GROUP BY organization_id, origin_kind, state, overdue
            """).all()
        return try Dictionary(grouping: rows) { try $0.decode(column: "organization_id", as: Int.self) }.mapValues(tallies)
    }

    /// Rows of `origin_kind, state, overdue` (1 or 0) and `tasks`, by origin and status. Only tasks awaiting their
    /// owner carry a deadline: the others are never overdue.
    static func tallies(_ rows: [any SQLRow]) throws -> [String: FollowUpTally] {
        var tallies: [String: FollowUpTally] = [:]
        for row in rows {
            guard let state = FollowUpState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            let status = try row.decode(column: "overdue", as: Int.self) == 1 ? FollowUpStatus.overdue : FollowUpStatus(state)
            tallies[try row.decode(column: "origin_kind", as: String.self), default: FollowUpTally()]
                .add(status, try row.decode(column: "tasks", as: Int.self))
        }
        return tallies
    }
}
