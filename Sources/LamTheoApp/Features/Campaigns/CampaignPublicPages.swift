import Fluent
import Foundation
import LamTheoCore
import Plot
import SQLKit
import Vapor

/// The published results' addresses on a committee's site, served with `.publicSite`.
enum CampaignPublicRoute: SiteRoute {
    /// The campaigns whose results the site publishes.
    case list(Parameter<String>)
    case results(Parameter<String>, id: Parameter<Int>)

    static let pages: [CampaignPublicRoute] = [.list(.key), .results(.key, id: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list(let slug): return PublicRoute.home(slug).components + ["campaigns"]
        case .results(let slug, let id): return Self.list(slug).components + [id.named("campaignId")]
        }
    }
}

/// "Kết quả học tập": the campaigns a committee's site publishes, and each one's chosen figures for the site's unit
/// subtree, from the stored roll-ups, with the children compared when the lead figure is chosen. Nothing links into
/// the officers' app, and a figure not chosen is never read into the page.
enum CampaignPublicPages {
    static let title = "Kết quả học tập"

    static func register(on routes: any RoutesBuilder) {
        routes.get(CampaignPublicRoute.list(.key), use: list).requiring(.publicSite)
        routes.get(CampaignPublicRoute.results(.key, id: .key), use: results).requiring(.publicSite)
        PublicNavigation.register(PublicNavigationEntry(id: "campaign-results", LocalizedText(vi: title, en: "Study results")) {
            CampaignPublicRoute.list(.value($0.slug)).path
        })
    }

    struct Entry: Sendable {
        let id: Int
        let title: String
        let period: String
    }

    struct Results: Sendable {
        let site: PublicSite
        let campaignId: Int
        let title: String
        let period: String
        let unitName: String
        /// Only the chosen figures, in the section's order.
        let figures: [DashboardFigure]
        /// The dashboard (its section of this campaign) when the lead figure is chosen and the unit has children.
        let comparison: (model: DashboardShow.Model, section: DashboardShow.Model.Section)?
    }

    static func list(request: Request) async throws -> Response {
        let slug = try request.slug()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            let ids = try await CampaignPublication.query(on: request.reads).filter(\.$organizationId == site.organizationId)
                .sort(\.$publishedAt, .descending).all().map(\.campaignId)
            let campaigns = Dictionary(uniqueKeysWithValues: try await Campaign.query(on: request.reads).filter(\.$id ~~ ids).all().map { ($0.requireID(), $0) })
            let entries = ids.compactMap { id in campaigns[id].map { Entry(id: id, title: $0.title, period: CampaignHeading($0).period) } }
            return listPage(site, entries).render()
        }
    }

    static func results(request: Request) async throws -> Response {
        let slug = try request.slug()
        guard let id = request.parameters.get("campaignId", as: Int.self) else { throw notFound }
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return resultsPage(try await results(id, site: site, on: request.reads)).render()
        }
    }

    private static let notFound = DomainError.notFound(LocalizedText(vi: "Không tìm thấy kết quả công bố", en: "No published results"))

    /// The published figures of campaign `id` on `site`; not found unless the site publishes them.
    static func results(_ id: Int, site: PublicSite, on db: any Database) async throws -> Results {
        guard let publication = try await CampaignPublications.find(id, unit: site.organizationId, on: db),
              let campaign = try await Campaign.find(id, on: db), let unit = try await Organization.find(site.organizationId, on: db) else { throw notFound }
        let dashboard = try await DashboardShow.Query.run(unit: unit, day: .today(), period: .month, on: db)
        let chosen = Set(publication.figureKeys)
        let section = dashboard.sections.first { $0.section.key == CampaignPublications.sectionKey(id) }
        let figures = section?.section.figures.filter { chosen.contains($0.key) } ?? []
        let comparison = section.flatMap { section in
            section.lead.map { chosen.contains($0.key) } == true && !section.children.isEmpty ? (dashboard, section) : nil
        }
        return Results(site: site, campaignId: id, title: campaign.title, period: CampaignHeading(campaign).period, unitName: unit.name,
                       figures: figures, comparison: comparison)
    }

    static func listPage(_ site: PublicSite, _ entries: [Entry]) -> HTML {
        PublicLayout.page(site: site, title: title, description: "Kết quả học tập, quán triệt các đợt triển khai do cấp ủy công bố.",
                          canonicalPath: CampaignPublicRoute.list(.value(site.slug)).path, content: .group(
            .h1(.text(title)),
            .if(entries.isEmpty, .p(.text("Chưa có kết quả nào được công bố."))),
            .ul(.class("stories"), .forEach(entries) { entry in
                .li(.h3(.a(.href(CampaignPublicRoute.results(.value(site.slug), id: .value(entry.id)).path), .text(entry.title))),
                    .p(.class("meta"), .text(entry.period)))
            })
        ))
    }

    static func resultsPage(_ results: Results) -> HTML {
        let site = results.site
        return PublicLayout.page(site: site, title: results.title, description: "Kết quả của \(results.unitName): \(results.title).",
                                 canonicalPath: CampaignPublicRoute.results(.value(site.slug), id: .value(results.campaignId)).path, content: .article(
            .class("story"),
            .p(.class("meta"), .a(.href(CampaignPublicRoute.list(.value(site.slug)).path), .text(title)), .text(" · " + results.period)),
            .h1(.text(results.title)),
            .p(.class("lead"), .text("Số liệu của \(results.unitName) và các đơn vị trực thuộc, tính đến ngày \(CalendarDate.today().vietnamese).")),
            .dl(.class("figures"), .forEach(results.figures) { figure in
                .group(.dt(.text(figure.title.vi)),
                       .dd(.strong(.text(DashboardShow.Model.text(.vi, count: figure.count, total: figure.total))),
                           .unwrap(figure.explanation) { .details(.summary(.text("Cách tính")), .p(.text($0.vi))) }))
            }),
            .unwrap(results.comparison) { comparison in
                .group(.h2(.text("So sánh các đơn vị trực thuộc")),
                       DashboardShow.View.chartWithTable(.vi, comparison.model.unitsChart(comparison.section, showing: 30, language: .vi),
                                                         id: "results-\(results.campaignId)"))
            }
        ))
    }
}
