import Fluent
import Foundation
import LamTheoCore
import Vapor

extension ArticleInput: Content {}
extension ArticlePublication: Content {}

/// `/api/v1/portal/articles`: the editors' side of a public site's articles — list, write, edit, send for review,
/// publish (now or at a time), take down. The same actions as the pages.
enum PortalAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(PortalRoute.articles, use: list).requiring(.capability(.publish))
        api.post(PortalRoute.articles, bodyLimit: "1mb", use: create).requiring(.capability(.publish))
        api.get(PortalRoute.article(.key), use: show).requiring(.capability(.publish))
        api.patch(PortalRoute.article(.key), use: update).requiring(.capability(.publish))
        api.post(PortalRoute.submit(.key), use: submit).requiring(.capability(.publish))
        api.post(PortalRoute.publish(.key), use: publish).requiring(.capability(.publish))
        api.post(PortalRoute.unpublish(.key), use: unpublish).requiring(.capability(.publish))
    }

    struct ArticleDTO: Content {
        let id: Int
        let siteId: Int
        let category: ArticleCategory
        let title: String
        let summary: String
        /// Sanitized HTML.
        let body: String
        let authorName: String
        let status: ArticleStatus
        let publishedAt: Date?
        let linkKind: ArticleLinkKind?
        let linkId: Int?
        let imageKey: String?
        let version: Int
        let viewCount: Int
        /// Where readers find it once published.
        let publicPath: String

        init(_ article: Article, slug: String) {
            id = article.id ?? 0
            siteId = article.siteId
            category = article.category
            title = article.title
            summary = article.summary
            body = article.body
            authorName = article.authorName
            status = article.status
            publishedAt = article.publishedAt
            linkKind = article.linkKind
            linkId = article.linkId
            imageKey = article.imageKey
            version = article.version
            viewCount = article.viewCount
            publicPath = PublicArticleRoute.article(.value(slug), id: .value(id)).path
        }
    }

    static func list(request: Request) async throws -> [ArticleDTO] {
        let site = try await ArticleActions.requestedSite(request)
        return try await Article.query(on: request.reads).filter(\.$siteId == site.id).sort(\.$id, .descending).all().map { ArticleDTO($0, slug: site.site.slug) }
    }

    static func create(request: Request) async throws -> Response {
        let site = try await ArticleActions.requestedSite(request)
        let article = try await ArticleActions.create(try request.content.decode(ArticleInput.self), site: site, request: request)
        return try await ArticleDTO(article, slug: site.site.slug).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> ArticleDTO {
        let (article, site) = try await ArticleActions.require(try request.id(), request: request)
        return ArticleDTO(article, slug: site.site.slug)
    }

    static func update(request: Request) async throws -> ArticleDTO {
        try await answer(request) { try await ArticleActions.update($0, try request.content.decode(ArticleInput.self), request: request) }
    }

    static func submit(request: Request) async throws -> ArticleDTO {
        try await answer(request) { try await ArticleActions.submit($0, request: request) }
    }

    static func publish(request: Request) async throws -> ArticleDTO {
        let publication = request.body.data == nil ? ArticlePublication() : try request.content.decode(ArticlePublication.self)
        return try await answer(request) { try await ArticleActions.publish($0, publication, request: request) }
    }

    static func unpublish(request: Request) async throws -> ArticleDTO {
        try await answer(request) { try await ArticleActions.unpublish($0, request: request) }
    }

    /// Runs the act on the article of the address and answers it as it is after.
    private static func answer(_ request: Request, _ act: (Int) async throws -> Article) async throws -> ArticleDTO {
        let article = try await act(try request.id())
        let site = try await ArticleActions.requireSite(article.siteId, request: request)
        return ArticleDTO(article, slug: site.site.slug)
    }
}
