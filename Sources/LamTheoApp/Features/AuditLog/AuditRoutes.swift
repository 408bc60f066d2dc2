/// The addresses of the audit pages.
enum AuditRoute: SiteRoute {
    case search
    case personalData

    static let pages: [AuditRoute] = [.search, .personalData]

    var components: [RouteComponent] {
        switch self {
        case .search: return ["audit"]
        case .personalData: return ["audit", "personal-data"]
        }
    }
}
