import Fluent
import LamTheoCore

/// The items late past their schedule's threshold, by the unit above that is told of them — its parent, and after the
/// further threshold also the next one up — and, under each unit told, by its child the items lie under: the units an
/// officer compares on their dashboard.
struct LaggingUnits: Sendable {
    /// What is late under one child of a unit told, for one kind.
    struct Lateness: Sendable, Equatable {
        /// Late items counted by the run.
        var items = 0
        /// The stored roll-up figures (dashboard keys) the items are counted in, when their source names one.
        var figures: Set<String> = []
    }

    /// By the unit told, by kind, by the child of the unit told.
    private(set) var told: [Int: [String: [Int: Lateness]]] = [:]
    /// The paths of the units told.
    private(set) var paths: [Int: TreePath] = [:]

    mutating func add(_ item: ReminderItem, kind: String, levels: Int) {
        guard levels > 0 else { return }
        let lineage = item.unitPath.lineage
        for level in 1...levels {
            // The unit told is `level` above the item's unit; the child is the next one down on the item's path.
            let toldIndex = lineage.count - 1 - level
            guard toldIndex >= 0 else { return }
            let unit = lineage[toldIndex], child = lineage[toldIndex + 1]
            guard let unitId = unit.ids.last, let childId = child.ids.last else { return }
            var lateness = told[unitId, default: [:]][kind, default: [:]][childId, default: Lateness()]
            lateness.items += 1
            if let figure = item.figure { lateness.figures.insert(figure) }
            told[unitId, default: [:]][kind, default: [:]][childId] = lateness
            paths[unitId] = unit
        }
    }
}

/// One message a day to each officer of a unit told of lagging units below it, grouped by kind, the worst units named,
/// and a link to the reminders page of their unit. A kind whose items are counted in a stored roll-up (a campaign's
/// reflections, the units' overdue plans, the follow-up tasks overdue) is quoted from it, so the digest says what the
/// dashboard and the coverage pages say of each unit; the others are the late items the run counted.
enum EscalationDigest {
    static let kind = "escalation"
    /// Units named per kind; the rest are counted.
    static let namedUnits = 3
    /// Units read per query (their figures, their names): well under the databases' limits on bound values.
    static let batch = 500

    static func drafts(for lagging: LaggingUnits, sources: ReminderSources, today: CalendarDate, on db: any Database) async throws -> [NotificationDraft] {
        guard !lagging.told.isEmpty else { return [] }
        let officers = try await ReminderRecipients.officers(of: lagging.told.keys, on: today, db: db)
        let told = lagging.told.filter { officers[$0.key] != nil }
        let figures = try await rollUps(of: told, today: today, on: db)
        // Each officer's lines, from every unit they answer for that is told something.
        var byOfficer: [Int: (unit: Int, kinds: [String: [Int: Int]])] = [:]
        for (unit, kinds) in told.sorted(by: { $0.key < $1.key }) {
            let counts = kinds.mapValues { units in
                Dictionary(uniqueKeysWithValues: units.map { child, lateness in (child, outstanding(lateness, figures: figures[child] ?? [:])) })
            }
            for officer in officers[unit] ?? [] {
                var entry = byOfficer[officer] ?? (unit, [:])
                for (kind, units) in counts { entry.kinds[kind, default: [:]].merge(units, uniquingKeysWith: +) }
                byOfficer[officer] = entry
            }
        }
        let names = try await self.names(Set(byOfficer.values.flatMap { $0.kinds.values.flatMap { worst($0).map(\.unit) } }), on: db)
        return byOfficer.sorted { $0.key < $1.key }.compactMap { officer, entry in
            guard let path = lagging.paths[entry.unit] else { return nil }
            let units = Set(entry.kinds.values.flatMap(\.keys)).count
            let lines = entry.kinds.sorted { $0.key < $1.key }.compactMap { kindName, counts -> LocalizedText? in
                guard let kind = sources.kind(named: kindName) else { return nil }
                return line(kind: kind, counts: counts, names: names)
            }
            return NotificationDraft(
                userId: officer, kind: kind, itemKey: "digest", dueOn: today, step: "digest", unitId: entry.unit, unitPath: path,
                title: LocalizedText(vi: "Đôn đốc: \(units) đơn vị trực thuộc chậm tiến độ", en: "Follow up: \(units) unit\(units == 1 ? "" : "s") below behind schedule"),
                body: LocalizedText(vi: lines.map { "• \($0.vi)" }.joined(separator: "\n"), en: lines.map { "• \($0.en)" }.joined(separator: "\n")),
                link: NotificationRoute.reminders.path(query: [.unit: entry.unit]), createdOn: today)
        }
    }

    /// The stored figures named by the late items, of each child they lie under, read as the dashboard reads them.
    private static func rollUps(of told: [Int: [String: [Int: LaggingUnits.Lateness]]], today: CalendarDate,
                                on db: any Database) async throws -> [Int: [String: DashboardFigure]] {
        let named = Set(told.values.flatMap { $0.values.flatMap { $0.filter { !$0.value.figures.isEmpty }.keys } }).sorted()
        var figures: [Int: [String: DashboardFigure]] = [:]
        for start in stride(from: 0, to: named.count, by: batch) {
            let units = try await DashboardUnit.units(Array(named[start..<min(start + batch, named.count)]), on: db)
            for (unit, sections) in try await Dashboards.sections(of: units, explaining: nil, day: today, on: db) {
                figures[unit] = Dictionary(sections.flatMap(\.figures).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }
        return figures
    }

    /// The names of the units a digest names, read a batch at a time: a national day may name tens of thousands.
    private static func names(_ ids: Set<Int>, on db: any Database) async throws -> [Int: String] {
        let ids = ids.sorted()
        var names: [Int: String] = [:]
        for start in stride(from: 0, to: ids.count, by: batch) {
            names.merge(try await OrganizationQueries.names(ids[start..<min(start + batch, ids.count)], on: db)) { first, _ in first }
        }
        return names
    }

    /// What is outstanding under a child: the sum of its roll-up figures' outstanding work (what is not done of a
    /// whole, or the count of what is overdue); the items counted when no figure names them, when one is not reported,
    /// or when the figures count none of them (a reflection returned for revision counts as sent).
    static func outstanding(_ lateness: LaggingUnits.Lateness, figures: [String: DashboardFigure]) -> Int {
        guard !lateness.figures.isEmpty else { return lateness.items }
        var sum = 0
        for key in lateness.figures {
            guard let figure = figures[key], let count = figure.count else { return lateness.items }
            if figure.higherIsBetter {
                guard let total = figure.total else { return lateness.items }
                sum += max(total - count, 0)
            } else {
                sum += count
            }
        }
        return sum > 0 ? sum : lateness.items
    }

    /// "45 bài thu hoạch chưa nộp quá hạn ở 3 đơn vị: Đảng bộ phường 1 (20), Đảng bộ phường 2 (15) và 1 đơn vị khác".
    private static func line(kind: ReminderKind, counts: [Int: Int], names: [Int: String]) -> LocalizedText {
        let total = counts.values.reduce(0, +)
        let shown = worst(counts).map { "\(names[$0.unit] ?? "#\($0.unit)") (\(NumberFormat.vi.integer($0.count)))" }.joined(separator: ", ")
        let shownEn = worst(counts).map { "\(names[$0.unit] ?? "#\($0.unit)") (\(NumberFormat.en.integer($0.count)))" }.joined(separator: ", ")
        let others = counts.count - min(counts.count, namedUnits)
        return LocalizedText(
            vi: "\(NumberFormat.vi.integer(total)) \(kind.lagging.vi) quá hạn ở \(counts.count) đơn vị: \(shown)\(others > 0 ? " và \(others) đơn vị khác" : "")",
            en: "\(NumberFormat.en.integer(total)) \(kind.lagging.en) overdue in \(counts.count) unit\(counts.count == 1 ? "" : "s"): \(shownEn)\(others > 0 ? " and \(others) more" : "")")
    }

    private static func worst(_ counts: [Int: Int]) -> [(unit: Int, count: Int)] {
        counts.map { (unit: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.unit < $1.unit }.prefix(namedUnits).map { $0 }
    }
}
