import Fluent
import Foundation
import LamTheoCore
import Vapor

/// Readers' comments as their callers act on them, shared by the pages and the API. A reader submits through
/// `PublicFormGuard` (its target is the article, so the per-target limit is a limit per article); the site's editors
/// (the `publish` capability over the site's unit, as for its articles; 404 for anyone else) approve, reject and
/// answer, and see the commenters' e-mails, each view logged as a personal-data view.
enum CommentActions {
    static let guardian = PublicFormGuard(form: "comment")

    /// What the guard's token signs: one article of one site.
    static func target(slug: String, articleId: Int) -> String {
        "\(slug)/\(articleId)"
    }

    /// The published article `articleId` of `site`; not found otherwise.
    static func publishedArticle(_ articleId: Int, site: PublicSite, on db: any Database) async throws -> PublicArticle {
        try await ArticleQueries.article(articleId, site: site, on: db)
    }

    /// A fresh form ticket for the article, with the challenge when the caller's address must answer one.
    static func ticket(site: PublicSite, articleId: Int, request: Request) async throws -> PublicFormTicket {
        try await guardian.ticket(target: target(slug: site.slug, articleId: articleId), request: request)
    }

    /// Checks the form's defences, then records the pending comment and the accepted submission in one audited write.
    /// Nothing public changes until a moderator decides, so the pages' cache stays.
    static func submit(_ input: CommentInput, proof: PublicFormProof, site: PublicSite, articleId: Int, request: Request) async throws -> ArticleComment {
        _ = try await publishedArticle(articleId, site: site, on: request.reads)
        let pass = try await guardian.check(proof, target: target(slug: site.slug, articleId: articleId), text: input.content ?? "", request: request)
        return try await request.write(AuditSubject("comment.submit", ArticleComment.self)) { db in
            guard let article = try await Article.find(articleId, on: db) else {
                throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tin bài", en: "Article not found"))
            }
            let comment = try await CommentCommands.submit(input, on: article, db: db)
            try await guardian.record(pass, on: db)
            return comment
        }
    }

    static func approve(_ id: Int, request: Request) async throws -> ArticleComment {
        try await moderate(id, "comment.approve", request: request) { try await CommentCommands.approve(id, by: $0, on: $1) }
    }

    static func reject(_ id: Int, _ input: CommentRejectionInput, request: Request) async throws -> ArticleComment {
        try await moderate(id, "comment.reject", request: request) { try await CommentCommands.reject(id, input, by: $0, on: $1) }
    }

    static func answer(_ id: Int, _ input: CommentAnswerInput, request: Request) async throws -> ArticleComment {
        try await moderate(id, "comment.answer", request: request) { try await CommentCommands.answer(id, input, by: $0, on: $1) }
    }

    /// The comment `id`, if the caller edits its site; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> (comment: ArticleComment, site: EditedSite) {
        let comment = try await CommentCommands.require(id, on: request.reads)
        return (comment, try await ArticleActions.requireSite(comment.siteId, request: request))
    }

    /// Logs that the caller was shown these comments' e-mails (personal data), when there were any.
    static func logEmailView(_ comments: [ArticleComment], what: String, request: Request) async throws {
        guard !comments.isEmpty else { return }
        try await PersonalDataLog.logView("\(what):" + comments.compactMap(\.id).map(String.init).joined(separator: ","), count: comments.count, request: request)
    }

    /// One moderation step as one audited write. What readers see of the article changes (a comment appears, goes, or
    /// gains its answer), so the public pages' cache is emptied, as an article's write empties it: the article's page
    /// keeps its comments in the cached body, and decisions are few.
    private static func moderate(_ id: Int, _ action: String, request: Request,
                                 _ command: @escaping @Sendable (String, any Database) async throws -> ArticleComment) async throws -> ArticleComment {
        _ = try await require(id, request: request)
        let moderator = try request.requireActor().displayName
        let comment = try await request.write(AuditSubject(action, ArticleComment.self, id: id)) { try await command(moderator, $0) }
        try await request.application.publicPagesChanged()
        return comment
    }
}
