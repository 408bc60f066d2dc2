import LamTheoCore

/// The links the Portal gives every public page: its categories in the bar, the site's Atom feed.
enum PortalNavigation {
    static func register() {
        for category in ArticleCategory.allCases {
            PublicNavigation.register(PublicNavigationEntry(id: "portal.category.\(category.rawValue)", category.label) { site in
                PublicArticleRoute.category(.value(site.slug), category: .value(category.rawValue)).path
            })
        }
        PublicNavigation.register(PublicNavigationEntry(id: "portal.feed", LocalizedText(vi: "Tin mới (Atom)", en: "Latest (Atom)"), place: .feed) { site in
            PublicArticleRoute.feed(.value(site.slug)).path
        })
    }
}
