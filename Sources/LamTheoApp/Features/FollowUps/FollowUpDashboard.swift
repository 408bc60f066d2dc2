import Fluent
import LamTheoCore

/// The follow-up tasks over the units — a briefing's conclusions, an inspection's recommendations, an exemplar's
/// replication — still to do, overdue on the day, and done: the stored `follow_up_tallies`, all origins together,
/// as the tasks page's figures show them.
struct FollowUpDashboard: DashboardSource {
    let name = "follow-ups"

    func sections(of units: [Organization], day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let tallies = try await FollowUpTallies.read(units.map { $0.requireID() }, today: day, on: db)
        return tallies.reduce(into: [:]) { sections, entry in sections[entry.key] = [section(unit: entry.key, FollowUpFigures.total(entry.value))] }
    }

    private func section(unit: Int, _ tally: FollowUpTally) -> DashboardSection {
        let key = "follow-ups"
        func tasks(_ status: FollowUpStatus?) -> String {
            FollowUpRoute.list.path(query: [.unit: unit, "status": status?.rawValue])
        }
        let assigned = tally.total - tally[.cancelled]
        let toDo = LocalizedText(vi: "nhiệm vụ các đơn vị còn phải thực hiện (đang mở, bị trả lại hoặc quá hạn)",
                                 en: "tasks the units still have to carry out (open, returned or overdue)")
        return DashboardSection(key: key, title: LocalizedText(vi: "Nhiệm vụ sau giao ban, kiểm tra", en: "Tasks from briefings and inspections"), figures: [
            DashboardFigure(key: "\(key).overdue", title: LocalizedText(vi: "Nhiệm vụ quá hạn", en: "Tasks overdue"),
                            count: tally[.overdue], total: tally.pending,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: tally[.overdue], total: tally.pending),
                                counted: LocalizedText(vi: "nhiệm vụ đã quá hạn (kể cả hạn gia hạn) mà đơn vị chưa báo cáo kết quả",
                                                       en: "tasks past their deadline (or extension) the unit has not reported on"),
                                whole: toDo),
                            link: tasks(.overdue), higherIsBetter: false),
            DashboardFigure(key: "\(key).pending", title: LocalizedText(vi: "Nhiệm vụ đang thực hiện", en: "Tasks to do"),
                            count: tally.pending, total: nil,
                            explanation: DashboardFigure.explanation(tally.pending, counted: toDo),
                            link: tasks(nil), higherIsBetter: false),
            DashboardFigure(key: "\(key).done", title: LocalizedText(vi: "Nhiệm vụ đã hoàn thành", en: "Tasks done"),
                            count: tally[.accepted], total: assigned,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: tally[.accepted], total: assigned),
                                counted: LocalizedText(vi: "nhiệm vụ có báo cáo kết quả được nơi giao duyệt đạt",
                                                       en: "tasks whose report the issuer accepted"),
                                whole: LocalizedText(vi: "nhiệm vụ đã giao (kết luận giao ban, kiến nghị sau kiểm tra, nhân rộng điển hình), không tính đã hủy",
                                                     en: "tasks issued (briefing conclusions, inspection recommendations, exemplar replications), not those cancelled")),
                            link: tasks(.accepted)),
        ], leadFigure: "\(key).overdue", topic: .leadership)
    }
}
