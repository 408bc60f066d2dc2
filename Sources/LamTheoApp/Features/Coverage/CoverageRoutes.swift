/// The addresses of a campaign's coverage: its page (the campaign's own page) and the members behind a
/// figure, on the web and in the API.
enum CoverageRoute: SiteRoute {
    case campaign(Parameter<Int>)
    case members(campaign: Parameter<Int>)
    /// The same list as a spreadsheet, whole: to call round or print.
    case membersSheet(campaign: Parameter<Int>)
    case coverage(campaign: Parameter<Int>)
    case coverageMembers(campaign: Parameter<Int>)

    static let pages: [CoverageRoute] = [.campaign(.key), .members(campaign: .key), .membersSheet(campaign: .key)]
    static let api: [CoverageRoute] = [.coverage(campaign: .key), .coverageMembers(campaign: .key)]

    var components: [RouteComponent] {
        switch self {
        case .campaign(let id): return ["campaigns", id.named("id")]
        case .members(let campaign): return Self.campaign(campaign).components + ["members"]
        case .membersSheet(let campaign): return Self.campaign(campaign).components + ["members.xlsx"]
        case .coverage(let campaign): return Self.campaign(campaign).components + ["coverage"]
        case .coverageMembers(let campaign): return Self.coverage(campaign: campaign).components + ["members"]
        }
    }
}
