import LamTheoCore
import Vapor

/// The addresses that belong to no feature: the start page, the stylesheet, the language switch, health.
enum PlatformRoute: SiteRoute {
    case home
    case stylesheet
    case language(Parameter<String>)
    case health

    static let pages: [PlatformRoute] = [.home, .stylesheet, .language(.key), .health]

    var components: [RouteComponent] {
        switch self {
        case .home: return []
        case .stylesheet: return ["assets", "app.css"]
        case .language(let language): return ["language", language.named("language")]
        case .health: return ["healthz"]
        }
    }
}

enum PlatformRoutes {
    static func register(on routes: any RoutesBuilder) {
        // The start page the navigation names for a signed-in caller; the sign-in page for anyone else.
        routes.get(PlatformRoute.home) { request in
            request.redirect(to: request.application.navigation.startPage(for: request.actor).path)
        }.requiring(.everyone)

        routes.get(PlatformRoute.stylesheet, file: Stylesheet.file).requiring(.anonymous)

        // Sets the language cookie and returns to the page the switch was on (local paths only).
        routes.get(PlatformRoute.language(.key)) { request in
            let language = request.parameters.get("language").flatMap(UILanguage.init(rawValue:)) ?? .vi
            let response = request.redirect(to: LocalPath.validated(try request.queryText("back")) ?? PlatformRoute.home.path)
            response.cookies[LanguageCookie.name] = LanguageCookie.make(language)
            return response
        }.requiring(.everyone)

        routes.get(PlatformRoute.health) { request async throws -> String in
            try await request.sql.raw("SELECT 1 AS ok").run()
            return "ok"
        }.requiring(.anonymous)
    }
}
