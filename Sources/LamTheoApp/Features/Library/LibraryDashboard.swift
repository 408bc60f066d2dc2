import Fluent
import LamTheoCore

/// Required reading of the running campaigns: over each unit's subtree, the members who have read every item a
/// campaign requires, out of the members on the rolls. On the dashboard (and so in the daily snapshots and reports) one
/// section per campaign that requires reading; on the campaign's page the figure of the unit shown.
struct LibraryDashboard: DashboardSource, CampaignPageFigureSource {
    let name = "library"

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        guard !units.isEmpty else { return [:] }
        let required = try await LibraryItemCampaign.query(on: db).filter(\.$required == true).all().map(\.campaignId)
        guard !required.isEmpty else { return [:] }
        let campaigns = try await Campaign.query(on: db).filter(\.$id ~~ Array(Set(required))).filter(\.$status == .active).sort(\.$id).all()
        var sections: [Int: [DashboardSection]] = [:]
        for campaign in campaigns {
            let covered = units.filter { campaign.treePath.contains($0.path) }
            let id = campaign.requireID()
            for (unit, counts) in try await LibraryReaders.figures(campaign: id, units: covered.map(\.id), on: db) {
                sections[unit, default: []].append(DashboardSection(
                    key: "library-campaign-\(id)", title: LocalizedText(vi: "Tài liệu bắt buộc đọc: \(campaign.title)", en: "Required reading: \(campaign.title)"),
                    figures: [figure(campaign: id, unit: unit, counts, explained: unit == explaining)], leadFigure: "library-campaign-\(id).read", topic: .study))
            }
        }
        return sections
    }

    func figures(campaign: Int, unit: DashboardUnit, on db: any Database) async throws -> [DashboardFigure] {
        guard try await LibraryItemCampaign.query(on: db).filter(\.$campaignId == campaign).filter(\.$required == true).count() > 0,
              let counts = try await LibraryReaders.figures(campaign: campaign, units: [unit.id], on: db)[unit.id] else { return [] }
        return [figure(campaign: campaign, unit: unit.id, counts, explained: true)]
    }

    /// "Đã đọc tài liệu: 120/245 đảng viên".
    private func figure(campaign: Int, unit: Int, _ counts: (read: Int, members: Int), explained: Bool) -> DashboardFigure {
        DashboardFigure(key: "library-campaign-\(campaign).read", title: LocalizedText(vi: "Đã đọc tài liệu", en: "Read the material"),
                        count: counts.read, total: counts.members,
                        explanation: DashboardFigure.explanation(CoverageFigure(count: counts.read, total: counts.members),
                            counted: LocalizedText(vi: "đảng viên đã mở mọi tài liệu bắt buộc đọc của đợt trong thư viện",
                                                   en: "members who opened every item of the campaign's required reading in the library"),
                            whole: LocalizedText(vi: "đảng viên trong danh sách của các đơn vị", en: "members on the units' rolls")),
                        link: LibraryRoute.list.path(query: [.campaign: campaign]), explained: explained)
    }
}

/// Readers follow their members: a transfer, an import or a merge moves a member's reading to the cell they are in now.
struct LibraryTreeFollower: TreeFollower {
    func membersChanged(at units: Set<Int>, on db: any Database) async throws {
        try await LibraryReaders.followMembers(of: units, on: db)
    }
}
