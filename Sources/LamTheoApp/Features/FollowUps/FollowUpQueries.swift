import Fluent
import LamTheoCore
import SQLKit

/// Which of a unit's tasks a list shows: its own, or its whole subtree's; all, or one status; of every origin or
/// one (an officer's open recommendations: `origin` "inspection"); issued by any unit or by one (the reports a
/// unit has to review).
struct FollowUpFilter: Sendable, Hashable {
    var extent: RollupExtent = .subtree
    var status: FollowUpStatus?
    var origin: String?
    var issuerId: Int?
}

/// A unit's tasks by origin: its own and its whole subtree's, by status.
struct FollowUpFigures: Sendable, Hashable {
    let own: [String: FollowUpTally]
    let subtree: [String: FollowUpTally]

    static func total(_ tallies: [String: FollowUpTally]) -> FollowUpTally {
        tallies.values.reduce(into: FollowUpTally()) { total, tally in
            for (status, count) in tally.counts { total.add(status, count) }
        }
    }
}

enum FollowUpQueries {
    static func require(_ id: Int, on db: any Database) async throws -> FollowUpTask {
        guard let task = try await FollowUpTask.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy nhiệm vụ số \(id)", en: "Task \(id) not found"))
        }
        return task
    }

    /// The unit's figures: its own from its tasks, its subtree's from its stored tallies (a few rows of one
    /// unit, whatever the subtree's size).
    static func figures(of unit: Organization, today: CalendarDate, on db: any Database) async throws -> FollowUpFigures {
        let id = unit.requireID()
        // Grouped outside: PostgreSQL does not see two bound copies of the deadline's CASE as one expression.
        let own = try await db.sql.raw("""
            SELECT origin_kind, state, overdue, COUNT(*) AS tasks FROM (
              SELECT origin_kind, state,
                     CASE WHEN state IN (\(binds: FollowUpState.awaitingOwner.map(\.rawValue))) AND COALESCE(extended_until, due_on) < \(bind: today)
                          THEN 1 ELSE 0 END AS overdue
              FROM follow_up_tasks WHERE organization_id = \(bind: id)) t
            GROUP BY origin_kind, state, overdue
            """).all()
        return FollowUpFigures(own: try FollowUpTallies.tallies(own),
                               subtree: try await FollowUpTallies.read(id, today: today, on: db))
    }

    /// One page of `unit`'s tasks, overdue first, then returned, open by nearest deadline, reported, finished.
    static func tasks(of unit: Organization, _ filter: FollowUpFilter, today: CalendarDate, page: Int, perPage: Int,
                      on db: any Database) async throws -> Page<FollowUpTask> {
        let awaiting: SQLQueryString = "state IN (\(binds: FollowUpState.awaitingOwner.map(\.rawValue)))"
        let overdue: SQLQueryString = "(\(awaiting) AND COALESCE(extended_until, due_on) < \(bind: today))"
        var conditions: [SQLQueryString] = [
            filter.extent == .own ? "organization_id = \(bind: unit.requireID())" : "\(column: "organization_path", in: unit.treePath)",
        ]
        if let origin = filter.origin { conditions.append("origin_kind = \(bind: origin)") }
        if let issuerId = filter.issuerId { conditions.append("issuer_organization_id = \(bind: issuerId)") }
        switch filter.status {
        case .overdue?: conditions.append(overdue)
        case .open?: conditions.append("state = \(bind: FollowUpState.open.rawValue) AND NOT \(overdue)")
        case .returned?: conditions.append("state = \(bind: FollowUpState.returned.rawValue) AND NOT \(overdue)")
        case .reported?: conditions.append("state = \(bind: FollowUpState.reported.rawValue)")
        case .accepted?: conditions.append("state = \(bind: FollowUpState.accepted.rawValue)")
        case .cancelled?: conditions.append("state = \(bind: FollowUpState.cancelled.rawValue)")
        case nil: break
        }
        let condition = conditions.map { "(\($0))" as SQLQueryString }.joined(separator: " AND ")
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM follow_up_tasks WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT id FROM follow_up_tasks WHERE \(condition)
            ORDER BY CASE WHEN \(overdue) THEN 0 WHEN state = \(bind: FollowUpState.returned.rawValue) THEN 1 WHEN state = \(bind: FollowUpState.open.rawValue) THEN 2
                          WHEN state = \(bind: FollowUpState.reported.rawValue) THEN 3 ELSE 4 END,
                     COALESCE(extended_until, due_on), id
            LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let tasks = try await FollowUpTask.query(on: db).filter(\.$id ~~ ids).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Page(items: tasks.sorted { order[$0.id!]! < order[$1.id!]! }, page: page, perPage: perPage, total: total)
    }

    /// A task's log, oldest first.
    static func events(of taskId: Int, on db: any Database) async throws -> [FollowUpEvent] {
        try await FollowUpEvent.query(on: db).filter(\.$taskId == taskId).sort(\.$id).all()
    }
}

extension FollowUpQueries {
    /// The names of the owner and issuing units of `tasks`, by id.
    static func unitNames(of tasks: [FollowUpTask], on db: any Database) async throws -> [Int: String] {
        try await OrganizationQueries.names(tasks.flatMap { [$0.organizationId, $0.issuerOrganizationId] }, on: db)
    }
}
