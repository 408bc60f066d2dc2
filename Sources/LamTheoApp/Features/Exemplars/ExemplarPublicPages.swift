import LamTheoCore
import Vapor

/// The showcase's addresses on a committee's site, served with `.publicSite`.
enum ExemplarPublicRoute: SiteRoute {
    /// The commended exemplars of the site's subtree (`?campaign=`, `?page=`).
    case showcase(Parameter<String>)
    case story(Parameter<String>, id: Parameter<Int>)

    static let pages: [ExemplarPublicRoute] = [.showcase(.key), .story(.key, id: .key)]

    var components: [RouteComponent] {
        switch self {
        case .showcase(let slug): return PublicRoute.home(slug).components + ["exemplars"]
        case .story(let slug, let id): return Self.showcase(slug).components + [id.named("exemplarId")]
        }
    }
}

/// The exemplar showcase of a committee's site: served to anyone as to a stranger, from the public pages' cache.
enum ExemplarPublicPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(ExemplarPublicRoute.showcase(.key), use: showcase).requiring(.publicSite)
        routes.get(ExemplarPublicRoute.story(.key, id: .key), use: story).requiring(.publicSite)
        PublicNavigation.register(PublicNavigationEntry(id: "exemplars", LocalizedText(vi: ExemplarShowcase.title, en: "Exemplars")) {
            ExemplarPublicRoute.showcase(.value($0.slug)).path
        })
    }

    static func showcase(request: Request) async throws -> Response {
        let slug = try request.slug()
        let campaign = try request.queryInteger(.campaign)
        let page = try request.publicPage()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return ExemplarShowcase.View(model: try await ExemplarShowcase.Query.run(site: site, campaign: campaign, page: page, on: request.reads))
                .html().render()
        }
    }

    static func story(request: Request) async throws -> Response {
        let slug = try request.slug()
        guard let id = request.parameters.get("exemplarId", as: Int.self) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy điển hình", en: "Exemplar not found"))
        }
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return ExemplarShowcase.StoryView(story: try await ExemplarShowcase.Query.story(id, site: site, on: request.reads)).html().render()
        }
    }
}
