/// The public sites' reading addresses (the home page is `PublicRoute.home`): every one is served with `.publicSite`.
enum PublicArticleRoute: SiteRoute {
    case article(Parameter<String>, id: Parameter<Int>)
    case category(Parameter<String>, category: Parameter<String>)
    /// `?q=`: words matched without tones or marks.
    case search(Parameter<String>)
    /// The site's Atom feed, and a category's.
    case feed(Parameter<String>)
    case categoryFeed(Parameter<String>, category: Parameter<String>)
    /// An image uploaded for the site's articles, by its key.
    case image(Parameter<String>, key: Parameter<String>)
    /// Every published site's pages.
    case sitemap

    static let pages: [PublicArticleRoute] = [.article(.key, id: .key), .category(.key, category: .key), .search(.key), .feed(.key),
                                              .categoryFeed(.key, category: .key), .image(.key, key: .key), .sitemap]

    var components: [RouteComponent] {
        switch self {
        case .article(let slug, let id): return PublicRoute.home(slug).components + ["articles", id.named("id")]
        case .category(let slug, let category): return PublicRoute.home(slug).components + ["categories", category.named("category")]
        case .search(let slug): return PublicRoute.home(slug).components + ["search"]
        case .feed(let slug): return PublicRoute.home(slug).components + ["feed.xml"]
        case .categoryFeed(let slug, let category): return Self.category(slug, category: category).components + ["feed.xml"]
        case .image(let slug, let key): return PublicRoute.home(slug).components + ["images", key.named("key")]
        case .sitemap: return ["sitemap.xml"]
        }
    }
}
