import Fluent
import Foundation
import LamTheoCore
import Plot

/// An article's public page: the story, its byline and dates, its view count, and related articles. Editors preview a
/// draft through the same view.
enum ArticleShow {
    struct Model: Sendable {
        let site: PublicSite
        let article: PublicArticle
        let related: [PublicArticle]
        /// Readers' comments and their form; none in an editor's preview.
        var comments: CommentThread.Model? = nil
    }

    enum Query {
        static func run(_ id: Int, site: PublicSite, on db: any Database) async throws -> Model {
            let article = try await ArticleQueries.article(id, site: site, on: db)
            return Model(site: site, article: article, related: try await ArticleQueries.related(to: article, site: site, on: db))
        }
    }

    struct View {
        let model: Model
        /// A banner over an editor's preview ("Bản xem trước…"); nil on the public page.
        var previewNote: String? = nil

        func html() -> HTML {
            let site = model.site, article = model.article
            let body = HTMLSanitizer.sanitize(article.body, acceptsImage: { _ in true })
            return PublicLayout.page(site: site, title: article.title, description: article.summary,
                                     canonicalPath: PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path, content: .div(
                .class("with-aside"),
                .article(.class("story"),
                    .unwrap(previewNote) { .p(.class("lead"), .attribute(named: "role", value: "note"), .text($0)) },
                    .p(.class("meta"), .a(.href(PublicArticleRoute.category(.value(site.slug), category: .value(article.category.rawValue)).path),
                                          .text(article.category.label.vi))),
                    .h1(.text(article.title)),
                    .p(.class("meta"),
                       .text("\(article.authorName) · "), .time(.datetime(PublicPieces.iso(article.publishedAt)), .text(VietnameseFormat.dateTime(article.publishedAt))),
                       .text(" · Lượt xem: \(VietnameseFormat.integer(article.viewCount))")),
                    .p(.class("lead"), .text(article.summary)),
                    .unwrap(article.imageKey) { key in
                        .element(named: "figure", nodes: [.img(.src(ArticleCommands.imagePath(key, slug: site.slug)), .alt(article.title))])
                    },
                    .div(.class("body"), .sanitized(body)),
                    .unwrap(model.comments, CommentThread.section)),
                .if(!model.related.isEmpty, .aside(.class("related"), .h2(.text("Tin liên quan")), PublicPieces.stories(model.related, site: site)))
            ))
        }
    }
}
