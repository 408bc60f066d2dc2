import LamTheoCore
import Vapor

/// A campaign's page (`CoverageShow`: how far it has got at a unit, each figure linking to the rows it
/// counts) and the members behind a figure (`CoverageMembers`).
enum CoveragePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CoverageRoute.campaign(.key), use: show).requiring(.capability(.read))
        routes.get(CoverageRoute.members(campaign: .key), use: members).requiring(.capability(.read))
        routes.get(CoverageRoute.membersSheet(campaign: .key), use: membersSheet).requiring(.capability(.read))
    }

    static func show(request: Request) async throws -> Response {
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let order = try CoverageAPI.laggingOrder(request)
        let model = try await CoverageShow.Query.run(campaign, at: unit, order: order, readableBy: request.requireActor(), today: CalendarDate.today(),
                                                     on: request.reads)
        return CoverageShow.View(model: model).response(for: request)
    }

    static func members(request: Request) async throws -> Response {
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let list = try CoverageAPI.memberList(request)
        let model = try await CoverageMembers.Query.run(list, of: campaign, within: unit, paging: try Paging(request), today: CalendarDate.today(),
                                                        on: request.reads)
        return CoverageMembers.View(model: model).response(for: request)
    }

    /// The whole list behind a figure as XLSX ("ai chưa học tập?"): names and card numbers, so the export is
    /// logged as a view of personal data.
    static func membersSheet(request: Request) async throws -> Response {
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let list = try CoverageAPI.memberList(request)
        let file = try await CoverageMembersSheet.file(list, of: campaign, within: unit, language: request.language, on: request.reads)
        try await PersonalDataLog.logView("coverage.members.xlsx", memberIds: file.memberIds, request: request)
        return Response.download(file.data, named: file.name, mediaType: MediaType.xlsx)
    }
}
