import Fluent
import LamTheoCore

/// The follow-up tasks over the units still to do, overdue on the day, and done, one section per origin — a
/// briefing's conclusions, an inspection's recommendations, an exemplar's replication — in the order of their kinds:
/// the stored `follow_up_tallies`, as the tasks page's figures of that origin show them.
struct FollowUpDashboard: DashboardSource {
    let name = "follow-ups"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let tallies = try await FollowUpTallies.read(units.map(\.id), today: day, on: db)
        return tallies.reduce(into: [:]) { sections, entry in
            sections[entry.key] = entry.value.sorted { $0.key < $1.key }.map {
                section(unit: entry.key, origin: $0.key, $0.value, explained: entry.key == explaining)
            }
        }
    }

    private func section(unit: Int, origin: String, _ tally: FollowUpTally, explained: Bool) -> DashboardSection {
        let key = "follow-ups-\(origin)"
        // Named by the feature that issues them ("kết luận giao ban"); a kind no longer registered by its stored word.
        let name = FollowUpOrigins.origin(origin)?.name ?? LocalizedText(vi: origin, en: origin)
        let kind = LocalizedText(vi: name.vi.lowercased(), en: name.en.lowercased())
        func tasks(_ status: FollowUpStatus?) -> String {
            FollowUpRoute.list.path(query: [.unit: unit, "origin": origin, "status": status?.rawValue])
        }
        let assigned = tally.total - tally[.cancelled]
        let toDo = LocalizedText(vi: "nhiệm vụ các đơn vị còn phải thực hiện (đang mở, bị trả lại hoặc quá hạn)",
                                 en: "tasks the units still have to carry out (open, returned or overdue)")
        return DashboardSection(key: key, title: LocalizedText(vi: "Nhiệm vụ theo \(kind.vi)", en: "Tasks from \(kind.en)"), figures: [
            DashboardFigure(key: "\(key).overdue", title: LocalizedText(vi: "Nhiệm vụ quá hạn", en: "Tasks overdue"),
                            count: tally[.overdue], total: tally.pending,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: tally[.overdue], total: tally.pending),
                                counted: LocalizedText(vi: "nhiệm vụ đã quá hạn (kể cả hạn gia hạn) mà đơn vị chưa báo cáo kết quả",
                                                       en: "tasks past their deadline (or extension) the unit has not reported on"),
                                whole: toDo),
                            link: tasks(.overdue), higherIsBetter: false, explained: explained),
            DashboardFigure(key: "\(key).pending", title: LocalizedText(vi: "Nhiệm vụ đang thực hiện", en: "Tasks to do"),
                            count: tally.pending, total: nil,
                            explanation: DashboardFigure.explanation(tally.pending, counted: toDo),
                            link: tasks(nil), higherIsBetter: false, explained: explained),
            DashboardFigure(key: "\(key).done", title: LocalizedText(vi: "Nhiệm vụ đã hoàn thành", en: "Tasks done"),
                            count: tally[.accepted], total: assigned,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: tally[.accepted], total: assigned),
                                counted: LocalizedText(vi: "nhiệm vụ có báo cáo kết quả được nơi giao duyệt đạt",
                                                       en: "tasks whose report the issuer accepted"),
                                whole: LocalizedText(vi: "nhiệm vụ đã giao theo \(kind.vi), không tính đã hủy",
                                                     en: "tasks issued from \(kind.en), not those cancelled")),
                            link: tasks(.accepted), explained: explained),
        ], leadFigure: "\(key).overdue", topic: .leadership)
    }
}
