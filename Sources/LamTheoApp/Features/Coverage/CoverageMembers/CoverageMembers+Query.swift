import Fluent
import LamTheoCore

extension CoverageMembers {
    enum Query {
        /// The subtree's stored figures (the list's total), one page of the list, and their cells' names.
        static func run(_ list: CoverageMemberList, of campaign: Campaign, within unit: Organization, paging: Paging, today: CalendarDate,
                        on db: any Database) async throws -> Model {
            let coverage = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: today, on: db)
            let page = try await CoverageQueries.members(list, of: campaign, within: unit, total: list.count(in: coverage),
                                                         page: paging.page, perPage: paging.perPage, on: db)
            let cells = try await MemberQueries.cellNames(for: page.items, on: db)
            return Model(campaign: CampaignHeading(campaign), unit: UnitLink(unit), list: list,
                         members: Page(items: page.items.map { MemberRow($0, cells: cells) }, page: page.page, perPage: page.perPage, total: page.total))
        }
    }
}
