import Fluent
import LamTheoCore
import Vapor

/// The public sites' reading pages, feeds, images and sitemap: served to anyone as to a stranger (`.publicSite`),
/// from the in-process cache while fresh.
enum PublicArticlePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PublicRoute.home(.key), use: home).requiring(.publicSite)
        routes.get(PublicArticleRoute.article(.key, id: .key), use: article).requiring(.publicSite)
        routes.get(PublicArticleRoute.category(.key, category: .key), use: category).requiring(.publicSite)
        routes.get(PublicArticleRoute.search(.key), use: search).requiring(.publicSite)
        routes.get(PublicArticleRoute.feed(.key), use: feed).requiring(.publicSite)
        routes.get(PublicArticleRoute.categoryFeed(.key, category: .key), use: feed).requiring(.publicSite)
        routes.get(PublicArticleRoute.image(.key, key: .key), use: image).requiring(.publicSite)
        routes.get(PublicArticleRoute.sitemap, use: sitemap).requiring(.publicSite)
    }

    static let atom = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
    static let xml = HTTPMediaType(type: "application", subType: "xml", parameters: ["charset": "utf-8"])

    static func home(request: Request) async throws -> Response {
        let slug = try request.slug()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return PortalHome.View(model: try await PortalHome.Query.run(site, on: request.reads)).html().render()
        }
    }

    static func article(request: Request) async throws -> Response {
        let slug = try request.slug()
        let id = try request.id()
        let response = try await request.publicResponse(fresh: { try await CommentPublicPages.stamped($0, slug: slug, articleId: id, request: request) }) {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            var model = try await ArticleShow.Query.run(id, site: site, on: request.reads)
            // The approved comments are part of the cached page: a moderation decision empties the cache (CommentActions).
            model.comments = try await CommentPublicPages.thread(site: site, articleId: id, on: request.reads)
            return ArticleShow.View(model: model).html().render()
        }
        // Reached only for a published article (a cached page was one a minute ago at most).
        try await request.application.articleViews.count(id, request: request)
        return response
    }

    static func category(request: Request) async throws -> Response {
        let slug = try request.slug()
        let category = try request.category()
        let page = try request.publicPage()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return ArticleList.View(model: try await ArticleList.Query.run(.category(category), site: site, page: page, on: request.reads)).html().render()
        }
    }

    static func search(request: Request) async throws -> Response {
        let slug = try request.slug()
        let text = String((try request.queryText("q") ?? "").prefix(200))
        let page = try request.publicPage()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return ArticleList.View(model: try await ArticleList.Query.run(.search(text), site: site, page: page, on: request.reads)).html().render()
        }
    }

    static func feed(request: Request) async throws -> Response {
        let slug = try request.slug()
        let category = request.parameters.get("category") == nil ? nil : try request.category()
        return try await request.publicResponse(contentType: atom) {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            let articles = try await ArticleQueries.latest(site: site, category: category, limit: PortalFeeds.entries, on: request.reads)
            return PortalFeeds.atom(site: site, category: category, articles: articles, origin: PublicLayout.origin)
        }
    }

    static func sitemap(request: Request) async throws -> Response {
        try await request.publicResponse(contentType: xml) {
            PortalFeeds.sitemap(try await ArticleQueries.sitemap(on: request.reads), origin: PublicLayout.origin)
        }
    }

    /// An image uploaded for the site: its bytes, kept by browsers for a long time (its address is its content's hash).
    static func image(request: Request) async throws -> Response {
        let site = try await PublicSites.require(slug: try request.slug(), on: request.reads)
        let key = request.parameters.get("key") ?? ""
        guard let image = try await ArticleImage.query(on: request.reads).filter(\.$siteId == site.id).filter(\.$fileKey == key).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy ảnh", en: "Image not found"))
        }
        let response = Response(body: .init(data: try request.application.documentFiles.read(image.fileKey)))
        response.headers.replaceOrAdd(name: .contentType, value: image.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return response
    }
}

extension Request {
    /// The `slug` of a public route: a site's address, or nothing to find.
    func slug() throws -> String {
        guard let slug = parameters.get("slug"), PortalSiteCommands.isSlug(slug) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy trang tin", en: "Site not found"))
        }
        return slug
    }

    func category() throws -> ArticleCategory {
        guard let category = parameters.get("category").flatMap(ArticleCategory.init(rawValue:)) else {
            throw DomainError.notFound(LocalizedText(vi: "Không có chuyên mục này", en: "No such category"))
        }
        return category
    }

    /// `?page=` of a public list, from 1 to 1,000.
    func publicPage() throws -> Int {
        min(max(try queryInteger("page") ?? 1, 1), 1_000)
    }
}
