import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// An article as readers see it: plain values.
struct PublicArticle: Sendable, Equatable {
    let id: Int
    let category: ArticleCategory
    let title: String
    let summary: String
    let body: String
    let authorName: String
    let publishedAt: Date
    let updatedAt: Date?
    let imageKey: String?
    let viewCount: Int
    let linkKind: ArticleLinkKind?
    let linkId: Int?

    /// - Parameter publishedAt: the date shown, for a preview of an article not yet published.
    init(_ article: Article, publishedAt shown: Date? = nil) {
        id = article.id ?? 0
        category = article.category
        title = article.title
        summary = article.summary
        body = article.body
        authorName = article.authorName
        publishedAt = shown ?? article.publishedAt ?? Date()
        updatedAt = article.updatedAt
        imageKey = article.imageKey
        viewCount = article.viewCount
        linkKind = article.linkKind
        linkId = article.linkId
    }
}

/// The public reads: only articles published at a time that has come, of the site asked for.
enum ArticleQueries {
    static func published(site: PublicSite, now: Date, on db: any Database) -> QueryBuilder<Article> {
        Article.query(on: db).filter(\.$siteId == site.id).filter(\.$status == .published).filter(\.$publishedAt <= now)
            .sort(\.$publishedAt, .descending).sort(\.$id, .descending)
    }

    static func latest(site: PublicSite, category: ArticleCategory? = nil, limit: Int, offset: Int = 0, now: Date = Date(),
                       on db: any Database) async throws -> [PublicArticle] {
        var query = published(site: site, now: now, on: db)
        if let category { query = query.filter(\.$category == category) }
        return try await query.range(offset..<(offset + limit)).all().map { PublicArticle($0) }
    }

    static func article(_ id: Int, site: PublicSite, now: Date = Date(), on db: any Database) async throws -> PublicArticle {
        guard let article = try await published(site: site, now: now, on: db).filter(\.$id == id).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tin bài", en: "Article not found"))
        }
        return PublicArticle(article)
    }

    /// Others on the same record first, then the same category, newest first.
    static func related(to article: PublicArticle, site: PublicSite, limit: Int = 4, now: Date = Date(), on db: any Database) async throws -> [PublicArticle] {
        var found: [PublicArticle] = []
        if let kind = article.linkKind, let linkId = article.linkId {
            found = try await published(site: site, now: now, on: db).filter(\.$id != article.id).filter(\.$linkKind == kind).filter(\.$linkId == linkId)
                .limit(limit).all().map { PublicArticle($0) }
        }
        let more = try await published(site: site, now: now, on: db).filter(\.$id != article.id).filter(\.$category == article.category)
            .limit(limit).all().map { PublicArticle($0) }
        for candidate in more where !found.contains(where: { $0.id == candidate.id }) { found.append(candidate) }
        return Array(found.prefix(limit))
    }

    /// Articles holding every word of `text`, folded (no tones or marks, đ as d).
    static func search(_ text: String, site: PublicSite, limit: Int, offset: Int = 0, now: Date = Date(), on db: any Database) async throws -> [PublicArticle] {
        let words = VietnameseText.searchWords(text)
        guard !words.isEmpty else { return [] }
        var query = published(site: site, now: now, on: db)
        for word in words {
            // A folded word is letters and digits only: nothing in it is a LIKE wildcard.
            query = query.filter(\.$searchText, .custom("LIKE"), "%\(word)%")
        }
        return try await query.range(offset..<(offset + limit)).all().map { PublicArticle($0) }
    }

    /// Every published site's public articles, for the sitemap: (site, article id, last change).
    static func sitemap(now: Date = Date(), on db: any Database) async throws -> [(site: PublicSite, articles: [(id: Int, changed: Date)])] {
        var entries: [(site: PublicSite, articles: [(id: Int, changed: Date)])] = []
        for site in try await PublicSites.all(on: db) {
            let articles = try await published(site: site, now: now, on: db).all()
            entries.append((site, articles.map { ($0.id ?? 0, max($0.updatedAt ?? .distantPast, $0.publishedAt ?? .distantPast)) }))
        }
        return entries
    }
}
