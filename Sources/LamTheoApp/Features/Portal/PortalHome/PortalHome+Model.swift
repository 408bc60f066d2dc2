/// A public site's home page: the latest articles of each category.
enum PortalHome {
    struct Model: Sendable {
        let site: PublicSite
        let sections: [(category: ArticleCategory, articles: [PublicArticle])]
    }
}
