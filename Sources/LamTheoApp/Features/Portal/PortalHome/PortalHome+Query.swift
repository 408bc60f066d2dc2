import Fluent

extension PortalHome {
    enum Query {
        static let perCategory = 4

        static func run(_ site: PublicSite, on db: any Database) async throws -> Model {
            var sections: [(category: ArticleCategory, articles: [PublicArticle])] = []
            for category in ArticleCategory.allCases {
                let articles = try await ArticleQueries.latest(site: site, category: category, limit: perCategory, on: db)
                if !articles.isEmpty { sections.append((category, articles)) }
            }
            return Model(site: site, sections: sections)
        }
    }
}
