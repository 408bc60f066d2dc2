import Fluent
import LamTheoCore

/// The items late past their schedule's threshold, by the unit above that is told of them: its parent, and
/// after the further threshold also the next one up.
struct LaggingUnits: Sendable {
    /// By the unit told, by kind, by the lagging unit: how many of its items are late.
    private(set) var told: [Int: [String: [Int: Int]]] = [:]
    private(set) var paths: [Int: TreePath] = [:]

    mutating func add(_ item: ReminderItem, kind: String, levels: Int) {
        var above = item.unitPath.parent
        for _ in 0..<levels {
            guard let unit = above, let id = unit.ids.last else { return }
            told[id, default: [:]][kind, default: [:]][item.unitId, default: 0] += 1
            paths[id] = unit
            above = unit.parent
        }
    }
}

/// One message a day to each officer of a unit told of lagging units below it, grouped by kind with the counts,
/// the worst units named, and a link to the reminders page of their unit.
enum EscalationDigest {
    static let kind = "escalation"
    /// Units named per kind; the rest are counted.
    static let namedUnits = 3

    static func drafts(for lagging: LaggingUnits, sources: ReminderSources, today: CalendarDate, on db: any Database) async throws -> [NotificationDraft] {
        guard !lagging.told.isEmpty else { return [] }
        let officers = try await ReminderRecipients.officers(of: lagging.told.keys, on: today, db: db)
        // Each officer's lines, from every unit they answer for that is told something.
        var byOfficer: [Int: (unit: Int, kinds: [String: [Int: Int]])] = [:]
        for (unit, kinds) in lagging.told.sorted(by: { $0.key < $1.key }) {
            for officer in officers[unit] ?? [] {
                var entry = byOfficer[officer] ?? (unit, [:])
                for (kind, units) in kinds { entry.kinds[kind, default: [:]].merge(units, uniquingKeysWith: +) }
                byOfficer[officer] = entry
            }
        }
        let named = Set(byOfficer.values.flatMap { $0.kinds.values.flatMap { worst($0).map(\.unit) } })
        let names = try await OrganizationQueries.names(named, on: db)
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

    /// "45 bài thu hoạch chưa nộp quá hạn ở 3 đơn vị: Chi bộ Khu phố 1 (20), Chi bộ Khu phố 2 (15) và 1 đơn vị khác".
    private static func line(kind: ReminderKind, counts: [Int: Int], names: [Int: String]) -> LocalizedText {
        let total = counts.values.reduce(0, +)
        let shown = worst(counts).map { "\(names[$0.unit] ?? "#\($0.unit)") (\($0.count))" }.joined(separator: ", ")
        let others = counts.count - min(counts.count, namedUnits)
        return LocalizedText(
            vi: "\(NumberFormat.vi.integer(total)) \(kind.lagging.vi) quá hạn ở \(counts.count) đơn vị: \(shown)\(others > 0 ? " và \(others) đơn vị khác" : "")",
            en: "\(NumberFormat.en.integer(total)) \(kind.lagging.en) overdue in \(counts.count) unit\(counts.count == 1 ? "" : "s"): \(shown)\(others > 0 ? " and \(others) more" : "")")
    }

    private static func worst(_ counts: [Int: Int]) -> [(unit: Int, count: Int)] {
        counts.map { (unit: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.unit < $1.unit }.prefix(namedUnits).map { $0 }
    }
}
