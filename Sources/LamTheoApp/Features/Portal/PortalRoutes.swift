/// The Portal's addresses in the members' app: a unit's public site (its settings) and the editors' articles. The
/// public pages' own addresses are `PublicRoute` (the shell) and `PublicArticleRoute`.
enum PortalRoute: SiteRoute {
    /// The unit's site (`?unit=`): its settings, created on first save.
    case site
    /// A site's articles (`?site=`), and where a new one is sent.
    case articles
    case newArticle
    case article(Parameter<Int>)
    /// The article as readers would see it, whatever its state.
    case preview(Parameter<Int>)
    case submit(Parameter<Int>)
    case publish(Parameter<Int>)
    case unpublish(Parameter<Int>)
    /// A saved version.
    case version(Parameter<Int>, version: Parameter<Int>)
    /// Images for a site's articles (`?site=`).
    case images

    static let pages: [PortalRoute] = [.site, .articles, .newArticle, .article(.key), .preview(.key), .submit(.key), .publish(.key), .unpublish(.key),
                                       .version(.key, version: .key), .images]
    static let api: [PortalRoute] = [.articles, .article(.key), .submit(.key), .publish(.key), .unpublish(.key)]

    var components: [RouteComponent] {
        switch self {
        case .site: return ["portal", "site"]
        case .articles: return ["portal", "articles"]
        case .newArticle: return Self.articles.components + ["new"]
        case .article(let id): return Self.articles.components + [id.named("id")]
        case .preview(let id): return Self.article(id).components + ["preview"]
        case .submit(let id): return Self.article(id).components + ["submit"]
        case .publish(let id): return Self.article(id).components + ["publish"]
        case .unpublish(let id): return Self.article(id).components + ["unpublish"]
        case .version(let id, let version): return Self.article(id).components + ["versions", version.named("version")]
        case .images: return ["portal", "images"]
        }
    }
}
