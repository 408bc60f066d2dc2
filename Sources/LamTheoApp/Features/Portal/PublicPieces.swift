import Foundation
import LamTheoCore
import Plot

/// What the public pages share: a list of stories, the search form, a date as readers read it.
enum PublicPieces {
    static func stories(_ articles: [PublicArticle], site: PublicSite, columns: Bool = false) -> Node<HTML.BodyContext> {
        .ul(.class(columns ? "stories columns" : "stories"), .forEach(articles) { article in
            .li(
                .unwrap(article.imageKey) { key in
                    .img(.src(ArticleCommands.imagePath(key, slug: site.slug)), .alt(""), .attribute(named: "loading", value: "lazy"))
                },
                .h3(.a(.href(PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path), .text(article.title))),
                .p(.class("meta"), .time(.datetime(iso(article.publishedAt)), .text(VietnameseFormat.dateTime(article.publishedAt)))),
                .p(.text(article.summary)))
        })
    }

    static func searchForm(_ site: PublicSite, query: String?) -> Node<HTML.BodyContext> {
        .form(.class("search"), .method(.get), .action(PublicArticleRoute.search(.value(site.slug)).path), .attribute(named: "role", value: "search"),
              .label(.for("q"), .class("visually-hidden"), .text("Tìm tin bài")),
              .input(.type(.search), .id("q"), .name("q"), .value(query ?? ""), .placeholder("Tìm tin bài, không cần gõ dấu")),
              .button(.type(.submit), .text("Tìm")))
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
