import LamTheoCore
import Vapor

/// Routes that belong to no feature: the home page, the stylesheet, the language switch, health.
enum PlatformRoutes {
    static func register(on routes: any RoutesBuilder) {
        // The start page follows the caller's role: the tree for officers and secretaries, their own
        // record for members, the sign-in page for anyone else.
        routes.get { request in
            guard let actor = request.actor else { return request.redirect(to: "/login") }
            return request.redirect(to: actor.canSomewhere(.read) ? "/organizations" : actor.memberId != nil ? "/me" : "/login")
        }.requiring(.everyone)

        routes.get("assets", "app.css") { _ in
            let response = Response(body: .init(string: Stylesheet.css))
            response.headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            response.headers.cacheControl = .init(maxAge: 3600)
            return response
        }.requiring(.everyone)

        // Sets the language cookie and returns to the page the switch was on (local paths only).
        routes.get("language", ":language") { request in
            let language = request.parameters.get("language").flatMap(UILanguage.init(rawValue:)) ?? .vi
            let response = request.redirect(to: LocalPath.validated(try request.queryText("back")) ?? "/")
            response.cookies[LanguageCookie.name] = LanguageCookie.make(language)
            return response
        }.requiring(.everyone)

        routes.get("healthz") { request async throws -> String in
            try await request.sql.raw("SELECT 1 AS ok").run()
            return "ok"
        }.requiring(.everyone)
    }
}
