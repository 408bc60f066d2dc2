import Fluent
import LamTheoCore
import Vapor

/// The officers' address of a campaign's publication on a site (`?unit=` the site's unit): its page and form, and the
/// API's read, set (PUT) and withdraw (DELETE).
enum CampaignPublicationRoute: SiteRoute {
    case publication(Parameter<Int>)

    static let pages: [CampaignPublicationRoute] = [.publication(.key)]
    static let api: [CampaignPublicationRoute] = [.publication(.key)]

    var components: [RouteComponent] {
        switch self {
        case .publication(let id): return ["campaigns", id.named("id"), "publication"]
        }
    }
}

/// A campaign's publication as an editor makes it: who may publish on the site (administrators, and portal editors
/// whose scope holds the site's unit) chooses the figures; anyone else finds nothing (404), as with articles. Every
/// write is one audited transaction and empties the public pages' cache.
enum CampaignPublicationActions {
    /// A campaign, a published site within its subtree, the site's unit, and the publication if there is one.
    struct Target: Sendable {
        let campaign: Campaign
        let site: PublicSite
        let unit: Organization
        let publication: CampaignPublication?
        /// The campaign's figures for the site's unit today, to choose among.
        let section: DashboardSection?
    }

    /// The sites of the campaign's subtree the caller publishes on, by title.
    static func sites(of campaign: Campaign, request: Request) async throws -> [PublicSite] {
        let actor = try request.requireActor()
        return try await PublicSites.all(on: request.reads)
            .filter { campaign.treePath.contains($0.organizationPath) && actor.can(.publish, at: $0.organizationPath) }
            .sorted { VietnameseText.precedes($0.title, $1.title) }
    }

    /// The campaign `id` on the site of `?unit=` (or the caller's first), which the caller publishes on; 404 otherwise.
    static func target(_ id: Int, request: Request) async throws -> Target {
        let campaign = try await CampaignQueries.require(id, on: request.reads)
        let unitId = try request.queryInteger(.unit)
        guard let site = try await sites(of: campaign, request: request).first(where: { unitId == nil || $0.organizationId == unitId }),
              let unit = try await Organization.find(site.organizationId, on: request.reads) else {
            throw DomainError.notFound(LocalizedText(vi: "Không có trang tin nào bạn được công bố kết quả của đợt này",
                                                     en: "No site you publish on shows this campaign"))
        }
        return Target(campaign: campaign, site: site, unit: unit,
                      publication: try await CampaignPublications.find(id, unit: site.organizationId, on: request.reads),
                      section: try await CampaignPublications.section(id, unit: unit, on: request.reads))
    }

    static func publish(_ input: CampaignPublicationInput, _ target: Target, request: Request) async throws -> CampaignPublication {
        let campaign = target.campaign.requireID(), unit = target.site.organizationId, section = target.section
        let name = try request.requireActor().displayName
        let published = try await request.write(AuditSubject("campaign.publish", CampaignPublication.self, id: target.publication?.id)) {
            try await CampaignPublications.publish(input, campaign: campaign, unit: unit, section: section, by: name, on: $0)
        }
        try await request.application.publicPagesChanged()
        return published
    }

    static func withdraw(_ target: Target, request: Request) async throws {
        guard let publication = target.publication else {
            throw DomainError.notFound(LocalizedText(vi: "Kết quả của đợt chưa được công bố trên trang tin này", en: "Not published on this site"))
        }
        try await request.write(AuditSubject("campaign.unpublish", CampaignPublication.self, id: publication.id)) {
            try await CampaignPublications.withdraw(publication, on: $0)
        }
        try await request.application.publicPagesChanged()
    }
}
