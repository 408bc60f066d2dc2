import Fluent
import Foundation
import LamTheoCore
import Plot

/// A list of a site's articles: a category's, or a search's (words matched without tones or marks), a page at a time.
enum ArticleList {
    static let perPage = 20

    enum Kind: Sendable {
        case category(ArticleCategory)
        case search(String)
    }

    struct Model: Sendable {
        let site: PublicSite
        let kind: Kind
        let page: Int
        let articles: [PublicArticle]
        /// Whether a further page has articles.
        let hasMore: Bool
    }

    enum Query {
        static func run(_ kind: Kind, site: PublicSite, page: Int, on db: any Database) async throws -> Model {
            let offset = (page - 1) * perPage
            // One more than a page says whether there is a next one.
            let found: [PublicArticle]
            switch kind {
            case .category(let category): found = try await ArticleQueries.latest(site: site, category: category, limit: perPage + 1, offset: offset, on: db)
            case .search(let text): found = try await ArticleQueries.search(text, site: site, limit: perPage + 1, offset: offset, on: db)
            }
            return Model(site: site, kind: kind, page: page, articles: Array(found.prefix(perPage)), hasMore: found.count > perPage)
        }
    }

    struct View {
        let model: Model

        func html() -> HTML {
            let site = model.site
            let title: String, route: PublicArticleRoute, query: String?
            switch model.kind {
            case .category(let category):
                title = category.label.vi
                route = .category(.value(site.slug), category: .value(category.rawValue))
                query = nil
            case .search(let text):
                title = text.isEmpty ? "Tìm kiếm" : "Tìm kiếm: \(text)"
                route = .search(.value(site.slug))
                query = text
            }
            func page(_ number: Int) -> String {
                route.path(query: ["q": query, "page": number == 1 ? nil : number])
            }
            return PublicLayout.page(site: site, title: title, description: nil, canonicalPath: page(model.page), content: .group(
                .h1(.text(title)),
                .if(query != nil, PublicPieces.searchForm(site, query: query)),
                .if(model.articles.isEmpty, .p(.text(query == nil ? "Chưa có tin bài." : "Không tìm thấy tin bài nào."))),
                PublicPieces.stories(model.articles, site: site),
                .nav(.class("pager"), .ariaLabel("Trang"),
                     .if(model.page > 1, .a(.href(page(model.page - 1)), .attribute(named: "rel", value: "prev"), .text("← Mới hơn"))),
                     .if(model.hasMore, .a(.href(page(model.page + 1)), .attribute(named: "rel", value: "next"), .text("Cũ hơn →"))))
            ))
        }
    }
}
