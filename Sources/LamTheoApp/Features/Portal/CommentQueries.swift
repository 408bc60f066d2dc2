import Fluent
import Foundation
import LamTheoCore

/// The reads of readers' comments: an article's approved ones for the public, a site's moderation queue and its
/// count of pending.
enum CommentQueries {
    /// How many decided comments the queue shows after the pending ones.
    static let recentDecided = 50

    /// The article's approved comments, oldest first.
    static func approved(articleId: Int, on db: any Database) async throws -> [ArticleComment] {
        try await ArticleComment.query(on: db).filter(\.$articleId == articleId).filter(\.$status == .approved)
            .sort(\.$createdAt).sort(\.$id).all()
    }

    /// The site's comments to moderate: every pending one, oldest first, then the latest decided (or only those of
    /// `status`).
    static func queue(siteId: Int, status: CommentStatus? = nil, on db: any Database) async throws -> [ArticleComment] {
        let query = { ArticleComment.query(on: db).filter(\.$siteId == siteId) }
        if let status, status != .pending {
            return try await query().filter(\.$status == status).sort(\.$id, .descending).limit(recentDecided).all()
        }
        let pending = try await query().filter(\.$status == .pending).sort(\.$id).all()
        guard status == nil else { return pending }
        return pending + (try await query().filter(\.$status != .pending).sort(\.$id, .descending).limit(recentDecided).all())
    }

    static func pendingCount(siteId: Int, on db: any Database) async throws -> Int {
        try await ArticleComment.query(on: db).filter(\.$siteId == siteId).filter(\.$status == .pending).count()
    }

    /// The titles of the articles these comments are on.
    static func articleTitles(of comments: [ArticleComment], on db: any Database) async throws -> [Int: String] {
        let ids = Array(Set(comments.map(\.articleId)))
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Article.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id ?? 0, $0.title) })
    }
}

/// The addresses of readers' comments: the moderators' queue and its steps (`/portal/comments…`), and under a public
/// article the form, its submission and, for API clients, the approved comments and a form token.
enum CommentRoute: SiteRoute {
    /// A site's comments (`?site=`, `?status=`): pending first.
    case queue
    case approve(Parameter<Int>)
    case reject(Parameter<Int>)
    case answer(Parameter<Int>)
    /// The article's comment form (GET) and its submission (POST); the API's approved comments (GET) and submission.
    case submit(Parameter<String>, article: Parameter<Int>)
    case formToken(Parameter<String>, article: Parameter<Int>)

    static let pages: [CommentRoute] = [.queue, .approve(.key), .reject(.key), .answer(.key), .submit(.key, article: .key)]
    static let api: [CommentRoute] = [.queue, .approve(.key), .reject(.key), .answer(.key), .submit(.key, article: .key), .formToken(.key, article: .key)]

    var components: [RouteComponent] {
        switch self {
        case .queue: return ["portal", "comments"]
        case .approve(let id): return Self.queue.components + [id.named("id"), "approve"]
        case .reject(let id): return Self.queue.components + [id.named("id"), "reject"]
        case .answer(let id): return Self.queue.components + [id.named("id"), "answer"]
        case .submit(let slug, let article): return PublicArticleRoute.article(slug, id: article).components + ["comments"]
        case .formToken(let slug, let article): return Self.submit(slug, article: article).components + ["token"]
        }
    }
}
