import Fluent
import LamTheoCore
import SQLKit

/// The latest rating period counted over the units: members by grade (the stacked chart) and how many of those
/// to rate have a decision, from `rating_figures` (the subtree columns), as the period's roll-up page shows them.
struct RatingDashboard: DashboardSource {
    let name = "ratings"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let ids = units.map(\.id)
        guard !ids.isEmpty, let period = try await latestPeriod(counting: ids, day: day, on: db) else { return [:] }
        let tallies = try await RatingQueries.tallies(period: period, units: "c.id IN (\(binds: ids))", on: db)
        return tallies.reduce(into: [:]) { sections, entry in
            sections[entry.key] = [section(period, unit: entry.key, entry.value, explained: entry.key == explaining)]
        }
    }

    /// The period begun by `day` that ends last among those with figures at one of `units` at least.
    private func latestPeriod(counting units: [Int], day: CalendarDate, on db: any Database) async throws -> RatingPeriod? {
        let row = try await db.sql.raw("""
            SELECT p.id FROM rating_periods p
            WHERE p.starts_on <= \(bind: day) AND EXISTS (SELECT 1 FROM rating_figures f WHERE f.period_id = p.id AND f.organization_id IN (\(binds: units)))
            ORDER BY p.ends_on DESC, p.id DESC LIMIT 1
            """).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { return nil }
        return try await RatingQueries.requirePeriod(id, on: db)
    }

    private func section(_ period: RatingPeriod, unit: Int, _ tally: RatingTally, explained: Bool) -> DashboardSection {
        let id = period.requireID()
        let key = "ratings-\(id)"
        let pending = LocalizedText(vi: "Chưa xếp loại", en: "Pending")
        // Nothing decided yet is "chưa báo cáo", as on the roll-up page.
        let decided = CoverageFigure(count: tally.decided == 0 ? nil : tally.decided, total: tally.decided + tally.pending)
        return DashboardSection(key: key, title: LocalizedText(vi: "Đánh giá, xếp loại: \(period.title)", en: "Ratings: \(period.title)"), figures: [
            DashboardFigure(key: "\(key).decided", title: LocalizedText(vi: "Đảng viên đã được xếp loại", en: "Members rated"),
                            count: decided.count, total: decided.total,
                            explanation: DashboardFigure.explanation(decided, counted: LocalizedText(vi: "đảng viên trong danh sách đã có quyết định xếp loại của kỳ",
                                                       en: "members on the roll with the period's rating decided"),
                                whole: LocalizedText(vi: "số đó cộng đảng viên phải đánh giá chưa có quyết định (không tính miễn sinh hoạt, mới kết nạp chưa đủ thời gian)",
                                                     en: "those plus the members to rate with no decision yet (not the exempt nor those admitted too recently)")),
                            link: RatingRoute.period(.value(id)).path(query: [.unit: unit]), explained: explained),
            DashboardFigure(key: "\(key).not-rated", title: LocalizedText(vi: "Đảng viên không đánh giá", en: "Members not rated"),
                            count: tally.notRated, total: nil,
                            explanation: DashboardFigure.explanation(tally.notRated, counted: LocalizedText(
                                vi: "đảng viên trong danh sách miễn sinh hoạt hoặc mới kết nạp chưa đủ thời gian để đánh giá trong kỳ",
                                en: "members on the roll exempt or admitted too recently to be rated in the period")),
                            link: RatingRoute.sheet(period: .value(id)).path(query: [.unit: unit]), explained: explained),
        ], leadFigure: "\(key).decided",
           distribution: DashboardDistribution(
               title: LocalizedText(vi: "Đảng viên theo mức xếp loại", en: "Members by grade"),
               parts: RatingLevel.allCases.map { DashboardDistribution.Part(label: $0.label, count: tally[$0]) }
                   + [DashboardDistribution.Part(label: pending, count: tally.pending)]),
           topic: .example)
    }
}
