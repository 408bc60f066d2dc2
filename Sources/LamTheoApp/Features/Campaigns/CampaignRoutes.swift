/// The addresses of campaigns and the obligations they give units, their pages and their API. (A
/// campaign's own page, with its coverage, is Coverage's: `CoverageRoute.campaign`.)
enum CampaignRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    case close(Parameter<Int>)
    case obligations(Parameter<Int>)
    case obligation(Parameter<Int>)
    case submissions(Parameter<Int>)
    case review(Parameter<Int>)
    case `extension`(Parameter<Int>)

    static let pages: [CampaignRoute] = [.list, .new, .edit(.key), .close(.key), .obligations(.key), .obligation(.key), .submissions(.key), .review(.key),
                                         .extension(.key)]
    static let api: [CampaignRoute] = [.list, .show(.key), .close(.key), .obligations(.key), .obligation(.key), .submissions(.key),
                                       .review(.key), .extension(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["campaigns"]
        case .new: return ["campaigns", "new"]
        case .show(let id): return ["campaigns", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .close(let id): return Self.show(id).components + ["close"]
        case .obligations(let id): return Self.show(id).components + ["obligations"]
        case .obligation(let id): return ["obligations", id.named("id")]
        case .submissions(let id): return Self.obligation(id).components + ["submissions"]
        case .review(let id): return Self.obligation(id).components + ["review"]
        case .extension(let id): return Self.obligation(id).components + ["extension"]
        }
    }
}

extension QueryName {
    /// A campaign, by id (the sessions or reflections of one campaign): one name across pages and API.
    static let campaign = QueryName("campaign", formerly: "campaignId")
}
