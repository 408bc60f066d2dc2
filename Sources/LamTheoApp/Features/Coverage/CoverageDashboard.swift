import Fluent
import LamTheoCore

/// Each running campaign over a unit on its dashboard: who studied, who sent and had accepted a reflection, the
/// sessions held, the units' plans and reports (obligations) on time or late — all from `campaign_figures` and
/// `obligation_tallies`, so the national root reads in the time of a ward.
struct CoverageDashboard: DashboardSource {
    let name = "coverage"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        guard !units.isEmpty else { return [:] }
        let campaigns = try await CampaignQueries.active(coveringAny: units.map(\.path), on: db)
        var sections: [Int: [DashboardSection]] = [:]
        for campaign in campaigns {
            let covered = units.filter { campaign.treePath.contains($0.path) }
            let coverage = try await CoverageQueries.coverage(of: campaign, units: covered.map(\.id), today: day, on: db)
            for unit in covered {
                guard let figures = coverage[unit.id] else { continue }
                sections[unit.id, default: []].append(section(campaign, unit: unit.id, figures, explained: unit.id == explaining))
            }
        }
        return sections
    }

    private func section(_ campaign: Campaign, unit: Int, _ coverage: Coverage, explained: Bool) -> DashboardSection {
        let id = campaign.requireID()
        let key = "campaign-\(id)"
        func members(_ list: CoverageMemberList) -> String {
            CoverageRoute.members(campaign: .value(id)).path(query: [.unit: unit, "list": list.rawValue])
        }
        func campaignPage() -> String {
            CoverageRoute.campaign(.value(id)).path(query: [.unit: unit])
        }
        let onRoll = LocalizedText(vi: "đảng viên trong danh sách của các đơn vị (chính thức, dự bị và miễn sinh hoạt)",
                                   en: "members on the units' rolls (full, probationary and exempt)")
        let obligations = coverage.obligations
        return DashboardSection(key: key, title: LocalizedText(vi: campaign.title, en: campaign.title), figures: [
            DashboardFigure(key: "\(key).studied", title: LocalizedText(vi: "Đảng viên đã học tập", en: "Members who studied"),
                            count: coverage.studied.count, total: coverage.members,
                            explanation: DashboardFigure.explanation(coverage.studied, counted: LocalizedText(vi: "đảng viên có mặt ít nhất một buổi học tập của đợt", en: "members present at one of the campaign's sessions at least"), whole: onRoll),
                            link: members(.notStudied), explained: explained),
            DashboardFigure(key: "\(key).reflections", title: LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted"),
                            count: coverage.reflectionsSubmitted.count, total: coverage.members,
                            explanation: DashboardFigure.explanation(coverage.reflectionsSubmitted, counted: LocalizedText(vi: "đảng viên đã nộp bài thu hoạch của đợt", en: "members who submitted the campaign's reflection"), whole: onRoll),
                            link: members(.notReflected), explained: explained),
            DashboardFigure(key: "\(key).accepted", title: LocalizedText(vi: "Bài thu hoạch đạt yêu cầu", en: "Reflections accepted"),
                            count: coverage.reflectionsAccepted.count, total: coverage.members,
                            explanation: DashboardFigure.explanation(coverage.reflectionsAccepted, counted: LocalizedText(vi: "bài thu hoạch được chi bộ duyệt đạt", en: "reflections their cell accepted"), whole: onRoll),
                            link: members(.accepted), explained: explained),
            DashboardFigure(key: "\(key).sessions", title: LocalizedText(vi: "Buổi học tập đã tổ chức", en: "Study sessions held"),
                            count: coverage.sessionsHeld, total: nil,
                            explanation: DashboardFigure.explanation(coverage.sessionsHeld, counted: LocalizedText(
                                vi: "buổi học tập của đợt đã ghi là đã tổ chức", en: "the campaign's sessions recorded as held")),
                            link: campaignPage(), explained: explained),
            DashboardFigure(key: "\(key).obligations-done", title: LocalizedText(vi: "Kế hoạch, báo cáo của đơn vị đã được nhận", en: "Units' plans and reports accepted"),
                            count: obligations.done.count, total: obligations.total,
                            explanation: DashboardFigure.explanation(obligations.done, counted: LocalizedText(vi: "văn bản các đơn vị phải nộp (kế hoạch, báo cáo) đã được cấp trên nhận", en: "documents units owe (plans, reports) accepted above"),
                                                 whole: LocalizedText(vi: "văn bản các đơn vị phải nộp, không tính đã rút hoặc đã chuyển giao", en: "documents units owe, not those withdrawn or handed over")),
                            link: campaignPage(), explained: explained),
            DashboardFigure(key: "\(key).obligations-late", title: LocalizedText(vi: "Kế hoạch, báo cáo quá hạn", en: "Plans and reports overdue"),
                            count: obligations[.late], total: obligations.total,
                            explanation: DashboardFigure.explanation(obligations[.late], counted: LocalizedText(
                                vi: "văn bản đã quá hạn (kể cả hạn gia hạn) mà đơn vị chưa nộp", en: "documents past their due date (or extension) the unit has not sent")),
                            link: campaignPage(), higherIsBetter: false, explained: explained),
        ], leadFigure: "\(key).studied", topic: .study)
    }
}
