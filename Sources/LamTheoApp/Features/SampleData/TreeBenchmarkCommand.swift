import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-tree`: how subtree figures and member lists behave on a large tree, each measured
/// beside the plain indexed `COUNT(*)` of the same members in the same run. Fills an empty database with
/// the national synthetic organisation first (`--scale` to choose another).
struct TreeBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per figure (default: 200)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures subtree counts and member lists on a large tree against a plain COUNT(*)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await Self.loadIfEmpty(app, scale: signature.scale, console: console)
        let runs = max(signature.runs ?? 200, 5)
        let db = app.db
        let organizations = try await Organization.query(on: db).count()
        let members = try await Member.query(on: db).count()
        console.print("database: \(app.dialect), \(organizations) organisations, \(members) members, \(runs) runs per figure")

        let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first()!
        let levels = try await Self.sampleUnits(under: root, on: db)
        console.print("baseline: a plain indexed COUNT(*) of the same subtree's members")
        BenchmarkTiming.header(console)
        for (label, unit) in levels {
            let path = unit.treePath
            let stored = try await BenchmarkTiming.measure(runs) { _ = try await OrganizationQueries.subtreeMemberCount(path, on: db) }
            let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await Self.plainCount(path, on: db) }
            BenchmarkTiming.report(console, "subtree count · \(label)", stored, baseline)
        }
        for (label, unit) in levels.prefix(3) {
            let id = unit.requireID()
            let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await Self.plainCount(unit.treePath, on: db) }
            let children = try await BenchmarkTiming.measure(max(runs / 4, 5)) { _ = try await OrganizationQueries.children(of: id, includeClosed: false, on: db) }
            BenchmarkTiming.report(console, "children with totals · \(label)", children, baseline)
            let list = try await BenchmarkTiming.measure(max(runs / 4, 5)) {
                _ = try await MemberQueries.search(.init(within: unit.treePath), page: 1, perPage: 50, on: db)
            }
            BenchmarkTiming.report(console, "member list page 1 · \(label)", list, baseline)
            let search = try await BenchmarkTiming.measure(max(runs / 10, 5)) {
                _ = try await MemberQueries.search(.init(text: "nguyen van hung", within: unit.treePath), page: 1, perPage: 50, on: db)
            }
            BenchmarkTiming.report(console, "member search · \(label)", search, baseline)
        }
    }

    /// Migrates, and fills an empty database with the synthetic organisation of `scale` (national by default) and citizens'
    /// feedback about its units.
    static func loadIfEmpty(_ app: Application, scale: String?, withFeedback: Bool = true, console: any Console) async throws {
        try await app.autoMigrate()
        guard try await Organization.query(on: app.db).count() == 0 else { return }
        let scale = SyntheticScale(rawValue: scale ?? "national") ?? .national
        let started = ContinuousClock.now
        let totals = try await GenerateCommand.load(SyntheticDataset(scale: scale, seed: 1, referenceDate: CalendarDate.today()),
                                                    into: app, withFeedback: withFeedback, console: console)
        let seconds = (ContinuousClock.now - started).seconds
        console.print("loaded \(totals.organizations) organisations, \(totals.members) members in \(String(format: "%.0f", seconds)) s"
                      + " (\(String(format: "%.0f", Double(totals.members) / seconds)) members/s)")
    }

    /// The root, its largest unit, a ward-level unit and a cell.
    static func sampleUnits(under root: Organization, on db: any Database) async throws -> [(String, Organization)] {
        var chosen: [(String, Organization)] = [("root", root)]
        var current = root
        for label in ["level 1", "level 2"] {
            let children = try await OrganizationQueries.children(of: current.requireID(), includeClosed: false, on: db)
            guard let largest = children.max(by: { $0.subtreeMembers < $1.subtreeMembers }) else { break }
            current = try await OrganizationQueries.require(largest.id, on: db)
            chosen.append(("\(label) (\(largest.subtreeMembers) members)", current))
        }
        if let cell = try await Organization.query(on: db).filter(\.$path, in: current.treePath)
            .filter(\.$memberCount > 0).first() {
            chosen.append(("cell (\(cell.memberCount) members)", cell))
        }
        return chosen
    }

    /// What a naive implementation would do: count the subtree's member rows on every request.
    static func plainCount(_ path: TreePath, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM members WHERE \(column: "organization_path", in: path) AND status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
            """).first()
        return try row!.decode(column: "n", as: Int.self)
    }
}
