import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-follow-ups`: the follow-up figures of the root, a level-1 and a ward-level unit and a cell,
/// read from the stored tallies as every page does, beside a plain `COUNT(*)` of the same subtree's tasks by state
/// measured in the same run; and the issuing of one task to a ward, tallies refreshed up to the root. Fills an
/// empty database with the synthetic organisation (`--scale`, national by default) and gives every committee and
/// grassroots unit three tasks from the level above and every fifth cell one, in bulk, in every state.
struct FollowUpBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per figure (default: 200)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures the stored follow-up task figures on a large tree against a plain COUNT(*) of the tasks" }

    /// The origin the benchmark's tasks come from: a registered kind, so that their pages work too.
    private static let origin = "briefing"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let db = app.db
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, console: console)
        if try await FollowUpTask.query(on: db).count() == 0 {
            try await prepareTasks(app, console: console)
        }
        let runs = max(signature.runs ?? 200, 5)
        let today = CalendarDate.today()
        let organizations = try await Organization.query(on: db).count()
        let tasks = try await FollowUpTask.query(on: db).count()
        let tallies = try await db.sql.raw("SELECT COUNT(*) AS n FROM follow_up_tallies").first()!.decode(column: "n", as: Int.self)
        console.print("database: \(app.dialect), \(organizations) organisations, \(tasks) follow-up tasks, \(tallies) stored tally rows, \(runs) runs per figure")
        console.print("baseline: a plain indexed COUNT(*) of the same subtree's tasks by state")
        BenchmarkTiming.header(console)

        let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first()!
        let units = try await TreeBenchmarkCommand.sampleUnits(under: root, on: db)
        for (label, unit) in units {
            let baseline = try await BenchmarkTiming.measure(runs) { try await plainCount(unit.treePath, on: db) }
            let stored = try await BenchmarkTiming.measure(runs) { _ = try await FollowUpQueries.figures(of: unit, today: today, on: db) }
            BenchmarkTiming.report(console, "figures · \(label)", stored, baseline)
        }
        if let ward = units.first(where: { $0.0.hasPrefix("level 2") })?.1 {
            try await measureIssuing(app, to: ward, from: root, runs: max(runs / 4, 5), console: console)
        }
    }

    /// What a naive implementation would do on every request: count the subtree's tasks by state.
    private func plainCount(_ path: TreePath, on db: any Database) async throws {
        _ = try await db.sql.raw("""
            SELECT state, COUNT(*) AS n FROM follow_up_tasks WHERE \(column: "organization_path", in: path) GROUP BY state
            """).all()
    }

    /// A committee's conclusion given to one ward, as a briefing does: one audited transaction writing the task and
    /// its log and refreshing the tallies of the ward's chain, the root's included.
    private func measureIssuing(_ app: Application, to ward: Organization, from root: Organization, runs: Int, console: any Console) async throws {
        let source = FollowUpSource(kind: Self.origin, id: 1, label: "Kết luận hội nghị giao ban (benchmark)")
        let input = FollowUpTaskInput(organizationIds: [ward.requireID()], title: "Rà soát quy chế làm việc", responsible: "Bí thư",
                                      requiredEvidence: nil, dueOn: CalendarDate.today().adding(days: 30).iso)
        let samples = try await BenchmarkTiming.measure(runs) {
            _ = try await app.write(AuditSubject("follow-up.issue", FollowUpTask.self), origin: .commandLine()) {
                try await FollowUpCommands.issue(input, from: source, issuer: root.requireID(), by: nil, on: $0)
            }
        }
        let baseline = try await BenchmarkTiming.measure(runs) { try await plainCount(ward.treePath, on: app.db) }
        BenchmarkTiming.report(console, "issue a task to \(ward.name)", samples, baseline)
    }

    /// Three tasks for every unit that has units under it (from its parent) and one for every fifth cell, their
    /// states and deadlines spread as a year's work leaves them; then every tally written, level by level.
    private func prepareTasks(_ app: Application, console: any Console) async throws {
        let started = ContinuousClock.now
        let sql = app.db.sql
        let today = CalendarDate.today()
        // Deadlines from 60 days ago to 59 days ahead, so that about half of the tasks still awaited are overdue.
        let due: SQLQueryString = app.dialect == .postgres
            ? "(\(bind: today.iso)::date + CAST((o.id * 7 + n.k) % 120 - 60 AS INTEGER))::text"
            : "date(\(bind: today.iso), ((o.id * 7 + n.k) % 120 - 60) || ' days')"
        let states = [FollowUpState.open, .open, .open, .reported, .accepted, .accepted, .returned, .cancelled].map(\.rawValue)
        let state: SQLQueryString = "CASE (o.id + n.k) % \(unsafeRaw: String(states.count)) "
            + SQLQueryString(states.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)' " }.joined()) + "END"
        try await sql.raw("""
            INSERT INTO follow_up_tasks (origin_kind, origin_id, origin_label, issuer_organization_id, organization_id, organization_path,
                                         title, responsible, due_on, state, report_count)
            SELECT \(bind: Self.origin), n.k, 'Kết luận hội nghị giao ban (benchmark)', o.parent_id, o.id, o.path,
                   'Nhiệm vụ sau giao ban', 'Bí thư', \(due), \(state), 0
            FROM organizations o JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) n
              ON o.member_count = 0 OR (n.k = 1 AND o.id % 5 = 0)
            WHERE o.parent_id IS NOT NULL
            """).run()
        let count = try await FollowUpTask.query(on: app.db).count()
        console.print("\(VietnameseFormat.integer(count)) tasks written in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s; storing the tallies…")
        let root = try await Organization.query(on: app.db).filter(\.$parentId == nil).sort(\.$id).first()!
        try await app.db.transaction { db in
            try await FollowUpTallies.refresh(subtree: root.treePath, alsoChainsOf: [], on: db)
        }
        console.print("tasks prepared in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s")
    }
}
