/// The address of the API description.
enum APIDocsRoute: SiteRoute {
    case openAPI

    static let api: [APIDocsRoute] = [.openAPI]

    var components: [RouteComponent] { ["openapi.json"] }
}
