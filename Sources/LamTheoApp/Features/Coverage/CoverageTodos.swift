import Fluent
import LamTheoCore

/// How the running campaigns stand in the subtrees the reader follows, from the stored figures: the units
/// directly under each that are late with an obligation, have one due within the week or have reported no
/// study (lagging units, for every officer, viewers included), and the shares studied and reflected as
/// headline figures.
struct CoverageTodos: TodoSource {
    /// The campaigns whose figures the start page shows for one unit, newest first.
    static let campaignsShown = 3

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        var items: [TodoItem] = []
        for unit in try await reader.units(on: db) where try await OrganizationQueries.hasActiveChildren(unit, on: db) {
            for campaign in try await campaigns(covering: unit, today: reader.today, on: db) {
                let children = try await CoverageQueries.children(of: unit, in: campaign, today: reader.today, on: db)
                let link = { (order: LaggingOrder) in
                    CoverageRoute.campaign(.value(campaign.requireID())).path(query: [.unit: unit.requireID(), "sort": order.rawValue])
                }
                let place = "\(unit.name) · \(campaign.title)"
                let late = children.filter { $0.coverage.obligations[.late] > 0 }.count
                if late > 0 {
                    items.append(TodoItem(kind: "coverage.late-units", urgency: .overdue, count: late,
                                          title: LocalizedText(vi: "\(late) đơn vị trực thuộc trễ hạn nhiệm vụ",
                                                               en: late == 1 ? "1 unit directly under is late with an obligation"
                                                                             : "\(late) units directly under are late with an obligation"),
                                          detail: LocalizedText(vi: place, en: place), link: link(.daysLate)))
                }
                let dueSoon = children.filter { $0.coverage.obligations[.dueSoon] > 0 }.count
                if dueSoon > 0 {
                    items.append(TodoItem(kind: "coverage.due-soon-units", urgency: .thisWeek, count: dueSoon,
                                          title: LocalizedText(vi: "\(dueSoon) đơn vị trực thuộc có nhiệm vụ đến hạn trong tuần",
                                                               en: dueSoon == 1 ? "1 unit directly under has an obligation due this week"
                                                                                : "\(dueSoon) units directly under have an obligation due this week"),
                                          detail: LocalizedText(vi: place, en: place), link: link(.obligationsDone)))
                }
                let silent = children.filter { $0.coverage.unitsWithMembers > 0 && !$0.coverage.studied.isReported }.count
                if silent > 0 {
                    items.append(TodoItem(kind: "coverage.unreported-units", urgency: .later, count: silent,
                                          title: LocalizedText(vi: "\(silent) đơn vị trực thuộc chưa báo cáo học tập",
                                                               en: silent == 1 ? "1 unit directly under has reported no study"
                                                                               : "\(silent) units directly under have reported no study"),
                                          detail: LocalizedText(vi: place, en: place), link: link(.studied)))
                }
            }
        }
        return items
    }

    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        var figures: [HeadlineFigure] = []
        for unit in try await reader.units(on: db) {
            for campaign in try await campaigns(covering: unit, today: reader.today, on: db).prefix(Self.campaignsShown) {
                let coverage = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: reader.today, on: db)
                let link = CoverageRoute.campaign(.value(campaign.requireID())).path(query: [.unit: unit.requireID()])
                let note = LocalizedText(vi: campaign.title, en: campaign.title)
                figures.append(HeadlineFigure(unit: unit.name, title: LocalizedText(vi: "Đảng viên đã học tập", en: "Members who studied"),
                                              value: .figure(coverage.studied), note: note, link: link))
                figures.append(HeadlineFigure(unit: unit.name, title: LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted"),
                                              value: .figure(coverage.reflectionsSubmitted), note: note, link: link))
            }
        }
        return figures
    }

    /// The running campaigns the unit takes part in that have begun.
    private func campaigns(covering unit: Organization, today: CalendarDate, on db: any Database) async throws -> [Campaign] {
        try await CampaignQueries.active(covering: unit, on: db).filter { $0.startsOn <= today }
    }
}
