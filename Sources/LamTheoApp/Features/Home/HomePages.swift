import LamTheoCore
import Vapor

/// The start page: every signed-in reader's to-do list (`/` leads there, see `SiteNavigation.start`).
enum HomePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(HomeRoute.todos, use: todos).requiring(.signedIn)
    }

    static func todos(request: Request) async throws -> Response {
        let model = try await TodoPage.Query.run(for: try request.requireActor(), today: CalendarDate.today(), on: request.reads)
        return TodoPage.View(model: model).response(for: request)
    }
}
