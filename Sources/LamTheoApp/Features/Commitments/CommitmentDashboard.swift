import Fluent
import LamTheoCore

/// The commitments of the dashboard day's year over the units: members who registered one, commitments the cells
/// assessed as achieved, members whose every commitment was assessed — the subtree columns of `commitment_figures`,
/// as the commitments page shows them.
struct CommitmentDashboard: DashboardSource {
    let name = "commitments"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let ids = units.map(\.id)
        guard !ids.isEmpty else { return [:] }
        // A year nobody has committed in yet has no rows: no section.
        let coverage = try await CommitmentQueries.coverage(year: day.year, units: "c.id IN (\(binds: ids))", .subtree, on: db)
        return coverage.reduce(into: [:]) { sections, entry in
            sections[entry.key] = [section(year: day.year, unit: entry.key, entry.value, explained: entry.key == explaining)]
        }
    }

    private func section(year: Int, unit: Int, _ coverage: CommitmentCoverage, explained: Bool) -> DashboardSection {
        let key = "commitments-\(year)"
        func rows(_ list: CommitmentList) -> String {
            CommitmentRoute.rows.path(query: [.unit: unit, "year": year, "list": list.rawValue])
        }
        let registered = LocalizedText(vi: "cam kết năm \(year) của đảng viên trong danh sách", en: "the \(year) commitments of members on the roll")
        return DashboardSection(key: key, title: LocalizedText(vi: "Cam kết tu dưỡng, rèn luyện năm \(year)", en: "Commitments \(year)"), figures: [
            DashboardFigure(key: "\(key).registered", title: LocalizedText(vi: "Đảng viên đã đăng ký cam kết", en: "Members who registered commitments"),
                            count: coverage.registered.count, total: coverage.registered.total,
                            explanation: DashboardFigure.explanation(coverage.registered,
                                counted: LocalizedText(vi: "đảng viên trong danh sách có ít nhất một cam kết năm \(year)",
                                                       en: "members on the roll with one \(year) commitment at least"),
                                whole: LocalizedText(vi: "đảng viên trong danh sách của các đơn vị (chính thức, dự bị và miễn sinh hoạt)",
                                                     en: "members on the units' rolls (full, probationary and exempt)")),
                            link: rows(.notRegistered), explained: explained),
            DashboardFigure(key: "\(key).achieved", title: LocalizedText(vi: "Cam kết đã hoàn thành", en: "Commitments achieved"),
                            count: coverage.achieved.count, total: coverage.achieved.total,
                            explanation: DashboardFigure.explanation(coverage.achieved,
                                counted: LocalizedText(vi: "cam kết được chi bộ đánh giá là đạt", en: "commitments their cell assessed as achieved"),
                                whole: registered),
                            link: rows(.achieved), explained: explained),
            DashboardFigure(key: "\(key).assessed", title: LocalizedText(vi: "Đảng viên đã được đánh giá cam kết", en: "Members whose commitments were assessed"),
                            count: coverage.assessed.count, total: coverage.assessed.total,
                            explanation: DashboardFigure.explanation(coverage.assessed,
                                counted: LocalizedText(vi: "đảng viên có mọi cam kết năm \(year) đã được chi bộ đánh giá",
                                                       en: "members whose every \(year) commitment their cell assessed"),
                                whole: LocalizedText(vi: "đảng viên trong danh sách có ít nhất một cam kết năm \(year)",
                                                     en: "members on the roll with one \(year) commitment at least")),
                            link: rows(.unassessed), explained: explained),
        ], leadFigure: "\(key).registered", topic: .practice)
    }
}
