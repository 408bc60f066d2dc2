import Vapor

/// The public shell's own addresses: a site's home (`/site/{slug}`, whose page the Portal feature serves) and the public
/// stylesheet. Every public route — these and the features' pages under `/site/{slug}/…` — is declared with
/// `.requiring(.publicSite)`: it is served to anyone without reading a session, a grant or setting a cookie.
enum PublicRoute: SiteRoute {
    case home(Parameter<String>)
    case stylesheet

    static let pages: [PublicRoute] = [.home(.key), .stylesheet]

    var components: [RouteComponent] {
        switch self {
        case .home(let slug): return ["site", slug.named("slug")]
        case .stylesheet: return ["assets", "site.css"]
        }
    }
}

extension Request {
    /// Whether the request is for a public page, the stylesheet or the health check (`Policy.ignoresCaller`): such a
    /// request is answered as to a stranger, whatever the browser carries.
    var ignoresCaller: Bool { route?.policy?.ignoresCaller ?? false }
}

enum PublicRoutes {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PublicRoute.stylesheet, file: PublicStylesheet.file).requiring(.publicSite)
    }
}
