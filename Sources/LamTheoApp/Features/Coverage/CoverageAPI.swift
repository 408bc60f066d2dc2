import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/campaigns/{id}/coverage`: a campaign's figures at a unit, for the unit itself, its subtree and
/// each child, and the members behind each figure.
enum CoverageAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(CoverageRoute.coverage(campaign: .key), use: show).requiring(.capability(.read))
        api.get(CoverageRoute.coverageMembers(campaign: .key), use: members).requiring(.capability(.read))
    }

    struct FigureDTO: Content {
        /// Absent when no unit counted here has reported ("chưa báo cáo"), which is not 0.
        let count: Int?
        let total: Int
        /// 0…100, absent when not reported or when the total is 0.
        let percent: Double?
        let text: String

        init(_ figure: CoverageFigure, language: UILanguage) {
            count = figure.count
            total = figure.total
            percent = figure.percent
            text = figure.text(language)
        }
    }

    struct CoverageDTO: Content {
        let members: Int
        let studied: FigureDTO
        let reflectionsSubmitted: FigureDTO
        let reflectionsAccepted: FigureDTO
        let sessionsHeld: Int
        let reportingUnits: Int
        let unitsWithMembers: Int
        let obligations: [String: Int]
        let obligationsDone: FigureDTO
        let maxDaysLate: Int

        init(_ coverage: Coverage, language: UILanguage) {
            members = coverage.members
            studied = FigureDTO(coverage.studied, language: language)
            reflectionsSubmitted = FigureDTO(coverage.reflectionsSubmitted, language: language)
            reflectionsAccepted = FigureDTO(coverage.reflectionsAccepted, language: language)
            sessionsHeld = coverage.sessionsHeld
            reportingUnits = coverage.reportingUnits
            unitsWithMembers = coverage.unitsWithMembers
            obligations = Dictionary(uniqueKeysWithValues: ObligationStatus.counted.map { ($0.rawValue, coverage.obligations[$0]) })
            obligationsDone = FigureDTO(coverage.obligations.done, language: language)
            maxDaysLate = coverage.obligations.maxDaysLate
        }
    }

    struct ChildDTO: Content {
        let organizationId: Int
        let name: String
        let coverage: CoverageDTO
    }

    struct ReportDTO: Content {
        let campaignId: Int
        let organizationId: Int
        let organizationName: String
        let own: CoverageDTO
        let subtree: CoverageDTO
        /// Children, furthest behind first by `sort`.
        let children: [ChildDTO]
    }

    struct MemberRowDTO: Content {
        let id: Int
        let fullName: String
        let cardNumber: String
        let organizationId: Int
    }

    static func show(request: Request) async throws -> ReportDTO {
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let order = try laggingOrder(request)
        let language = request.language
        let today = CalendarDate.today()
        let db = request.reads
        let own = try await CoverageQueries.coverage(of: campaign, at: unit, .own, today: today, on: db)
        let subtree = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: today, on: db)
        let children = order.sorted(try await CoverageQueries.children(of: unit, in: campaign, today: today, on: db))
        return ReportDTO(campaignId: campaign.requireID(), organizationId: unit.requireID(), organizationName: unit.name,
                         own: CoverageDTO(own, language: language), subtree: CoverageDTO(subtree, language: language),
                         children: children.map { ChildDTO(organizationId: $0.organization.id, name: $0.organization.name,
                                                           coverage: CoverageDTO($0.coverage, language: language)) })
    }

    static func members(request: Request) async throws -> PageDTO<MemberRowDTO> {
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let paging = try Paging(request)
        let list = try memberList(request)
        let coverage = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: CalendarDate.today(), on: request.reads)
        let page = try await CoverageQueries.members(list, of: campaign, within: unit, total: list.count(in: coverage),
                                                     page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { MemberRowDTO(id: $0.requireID(), fullName: $0.fullName, cardNumber: $0.cardNumber, organizationId: $0.organizationId) },
                       page: page.page, perPage: page.perPage, total: page.total)
    }

    static func laggingOrder(_ request: Request) throws -> LaggingOrder {
        try request.queryChoice(LaggingOrder.self, at: "sort") ?? .studied
    }

    static func memberList(_ request: Request) throws -> CoverageMemberList {
        try request.requiredQueryChoice(CoverageMemberList.self, at: "list")
    }
}
