/// The addresses of a unit's dashboard, on the web and in the API.
enum DashboardRoute: SiteRoute {
    case show

    static let pages: [DashboardRoute] = [.show]
    static let api: [DashboardRoute] = [.show]

    var components: [RouteComponent] {
        switch self {
        case .show: return ["dashboard"]
        }
    }
}
