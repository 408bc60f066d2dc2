import Fluent
import LamTheoCore

/// Citizens' feedback over the subtree on the day: open ones past their answer deadline (the lead figure: fewer is
/// better), open ones, and those answered by their deadline out of all answered.
struct FeedbackDashboard: DashboardSource {
    let name = "feedback"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        try await FeedbackTallies.read(units.map(\.id), today: day, on: db).reduce(into: [:]) { sections, entry in
            sections[entry.key] = [section(unit: entry.key, entry.value, explained: entry.key == explaining)]
        }
    }

    private func section(unit: Int, _ figures: FeedbackFigures, explained: Bool) -> DashboardSection {
        func list(_ status: FeedbackListStatus?) -> String {
            FeedbackRoute.list.path(query: [.unit: unit, "status": status?.rawValue])
        }
        let open = LocalizedText(vi: "ý kiến, kiến nghị chưa trả lời", en: "feedback items not yet answered")
        return DashboardSection(key: "feedback", title: LocalizedText(vi: "Ý kiến, kiến nghị của người dân", en: "Citizens' feedback"), figures: [
            DashboardFigure(key: "feedback.overdue", title: LocalizedText(vi: "Ý kiến quá hạn trả lời", en: "Feedback overdue"),
                            count: figures.overdue, total: figures.open,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: figures.overdue, total: figures.open),
                                counted: LocalizedText(vi: "ý kiến, kiến nghị đã quá hạn trả lời mà chưa được trả lời",
                                                       en: "feedback items past their answer deadline with no answer"),
                                whole: open),
                            link: list(.overdue), higherIsBetter: false, explained: explained),
            DashboardFigure(key: "feedback.open", title: LocalizedText(vi: "Ý kiến đang giải quyết", en: "Feedback open"),
                            count: figures.open, total: nil, explanation: DashboardFigure.explanation(figures.open, counted: open),
                            link: list(.open), higherIsBetter: false, explained: explained),
            DashboardFigure(key: "feedback.on-time", title: LocalizedText(vi: "Trả lời đúng hạn", en: "Answered on time"),
                            count: figures.answeredOnTime, total: figures.answered,
                            explanation: DashboardFigure.explanation(CoverageFigure(count: figures.answeredOnTime, total: figures.answered),
                                counted: LocalizedText(vi: "ý kiến được trả lời (hoặc trả lời không thụ lý) trong thời hạn",
                                                       en: "feedback answered (or rejected with a reason) by its deadline"),
                                whole: LocalizedText(vi: "ý kiến đã trả lời, đúng hạn và trễ hạn", en: "feedback answered, on time and late")),
                            link: list(.answered), explained: explained),
        ], leadFigure: "feedback.overdue", topic: .leadership)
    }
}
