/// The address of the reader's start page, their to-do list: the same words on the web and in the API.
enum HomeRoute: SiteRoute {
    case todos

    static let pages: [HomeRoute] = [.todos]
    static let api: [HomeRoute] = [.todos]

    var components: [RouteComponent] {
        switch self {
        case .todos: return ["me", "todos"]
        }
    }
}
