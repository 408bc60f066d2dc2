import Foundation
import LamTheoCore

/// The Atom feeds (a site's, a category's) and the sitemap of every published site, as XML text.
enum PortalFeeds {
    static let entries = 20

    static func atom(site: PublicSite, category: ArticleCategory?, articles: [PublicArticle], origin: String) -> String {
        let selfPath = category.map { PublicArticleRoute.categoryFeed(.value(site.slug), category: .value($0.rawValue)).path }
            ?? PublicArticleRoute.feed(.value(site.slug)).path
        let pagePath = category.map { PublicArticleRoute.category(.value(site.slug), category: .value($0.rawValue)).path } ?? site.homePath
        let title = category.map { "\($0.label.vi) · \(site.title)" } ?? site.title
        let updated = articles.map { max($0.updatedAt ?? $0.publishedAt, $0.publishedAt) }.max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <title>\(escape(title))</title>
            <id>\(escape(origin + pagePath))</id>
            <updated>\(PublicPieces.iso(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(escape(origin + selfPath))"/>
            <link rel="alternate" type="text/html" href="\(escape(origin + pagePath))"/>

            """
        for article in articles {
            let address = origin + PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path
            xml += """
                <entry>
                <title>\(escape(article.title))</title>
                <id>\(escape(address))</id>
                <link rel="alternate" type="text/html" href="\(escape(address))"/>
                <published>\(PublicPieces.iso(article.publishedAt))</published>
                <updated>\(PublicPieces.iso(max(article.updatedAt ?? article.publishedAt, article.publishedAt)))</updated>
                <author><name>\(escape(article.authorName))</name></author>
                <category term="\(article.category.rawValue)" label="\(escape(article.category.label.vi))"/>
                <summary type="text">\(escape(article.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    static func sitemap(_ sites: [(site: PublicSite, articles: [(id: Int, changed: Date)])], origin: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (site, articles) in sites {
            xml += "<url><loc>\(escape(origin + site.homePath))</loc></url>\n"
            for category in ArticleCategory.allCases {
                xml += "<url><loc>\(escape(origin + PublicArticleRoute.category(.value(site.slug), category: .value(category.rawValue)).path))</loc></url>\n"
            }
            for article in articles {
                let address = origin + PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path
                xml += "<url><loc>\(escape(address))</loc><lastmod>\(PublicPieces.iso(article.changed))</lastmod></url>\n"
            }
        }
        return xml + "</urlset>\n"
    }

    /// Text for XML: the five characters XML reserves, as entities.
    private static func escape(_ text: String) -> String {
        HTMLEscaping.attribute(text)
    }
}
