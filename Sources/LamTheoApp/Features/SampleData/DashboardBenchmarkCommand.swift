import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-dashboard`: a unit's dashboard page (every registered section, its children compared, the trend
/// from the snapshots, the page's HTML) at the root, a province-level unit, the unit with the most children, a
/// ward-level unit and a cell of a large tree, each beside a plain indexed `COUNT(*)` of the same subtree's members
/// measured in the same run; a report's compose job at the root and the province; and the time the evening job takes
/// to store the whole tree's figures. Fills an empty database with the synthetic organisation (`--scale`, national by
/// default) and launches a campaign at the root when none is running.
struct DashboardBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per figure (default: 100)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures a unit's dashboard from the root to a cell of a large tree against a plain COUNT(*), and the evening's snapshot" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let db = app.db
        let today = CalendarDate.today()
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, console: console)
        let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first()!
        _ = try await ReminderBenchmarkCommand.campaign(at: root, today: today, app: app)
        let runs = max(signature.runs ?? 100, 5)
        console.print("database: \(app.dialect), \(try await Organization.query(on: db).count()) organisations, \(try await Member.query(on: db).count()) members, \(runs) runs per figure")

        let started = ContinuousClock.now
        let stored = try await DashboardSnapshots.take(on: today, app: app)
        console.print("snapshot of the whole tree (the evening job): \(VietnameseFormat.integer(stored)) figures stored in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")

        console.print("baseline: a plain indexed COUNT(*) of the same subtree's members")
        BenchmarkTiming.header(console)
        var p50: [String: Double] = [:]
        var units = try await TreeBenchmarkCommand.sampleUnits(under: root, on: db)
        // The page's cost must not grow with the number of children: the unit that has the most (a city's people's
        // committee holds hundreds of grassroots organisations), and a ward's, before the cell.
        let extras: [(String, StandardOrganizationKind?)] = [("most children", nil), ("ward", .commune)]
        for (label, kind) in extras {
            if let unit = try await Self.unitWithMostChildren(ofKind: kind, on: db), !units.contains(where: { $0.1.id == unit.id }) {
                units.insert((label, unit), at: max(units.count - 1, 0))
            }
        }
        for (index, (label, unit)) in units.enumerated() {
            let children = try await OrganizationQueries.activeChildCount(of: unit, on: db)
            let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await TreeBenchmarkCommand.plainCount(unit.treePath, on: db) }
            let dashboard = try await BenchmarkTiming.measure(runs) {
                let model = try await DashboardShow.Query.run(unit: unit, day: today, period: .month, on: db)
                _ = DashboardShow.View(model: model).keptPage(.vi)
            }
            BenchmarkTiming.report(console, "dashboard · \(label) (\(children) units below)", dashboard, baseline)
            p50[label] = BenchmarkTiming.percentile(dashboard, 0.5)
            if index < 2 {
                // The root's and the province's report: what its compose job does, the same dashboard gathered and kept as JSON.
                let report = Report()
                report.organizationId = unit.requireID()
                report.day = today
                report.period = .month
                report.campaignId = nil
                let compose = try await BenchmarkTiming.measure(max(runs / 4, 5)) { report.figures = try await ReportQueries.gather(report, on: db).figures }
                BenchmarkTiming.report(console, "report compose · \(label)", compose, baseline)
            }
        }
        if let root = p50["root"], let ward = p50["ward"] {
            console.print("the root's dashboard p50 is \(String(format: "%.2f", root / ward))× the ward's")
        }
    }

    /// The unit (of `kind`, when given) with the most active children.
    private static func unitWithMostChildren(ofKind kind: StandardOrganizationKind?, on db: any Database) async throws -> Organization? {
        let ofKind: SQLQueryString = kind.map { "AND p.kind_code = \(bind: $0.rawValue)" } ?? ""
        let row = try await db.sql.raw("""
            SELECT c.parent_id AS id FROM organizations c JOIN organizations p ON p.id = c.parent_id
            WHERE c.status = \(bind: OrganizationStatus.active.rawValue) \(ofKind)
            GROUP BY c.parent_id ORDER BY COUNT(*) DESC, c.parent_id LIMIT 1
            """).first()
        return try await row.asyncMap { try await Organization.find(try $0.decode(column: "id", as: Int.self), on: db) } ?? nil
    }
}
