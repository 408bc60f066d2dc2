import Fluent
import Foundation
import LamTheoCore
import Vapor

extension CommentRejectionInput: Content {}
extension CommentAnswerInput: Content {}

/// `/api/v1/portal/comments`: a site's readers' comments for its moderators (with the e-mails, each view logged) and
/// the steps; and under a public article, its approved comments (never an e-mail), a form token and the submission.
enum CommentAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(CommentRoute.queue, use: list).requiring(.capability(.publish))
        api.post(CommentRoute.approve(.key), use: approve).requiring(.capability(.publish))
        api.post(CommentRoute.reject(.key), use: reject).requiring(.capability(.publish))
        api.post(CommentRoute.answer(.key), use: answer).requiring(.capability(.publish))
        api.get(CommentRoute.submit(.key, article: .key), use: approved).requiring(.publicSite)
        api.post(CommentRoute.submit(.key, article: .key), use: submit).requiring(.publicSite)
        api.get(CommentRoute.formToken(.key, article: .key), use: formToken).requiring(.publicSite)
    }

    /// A comment as its moderators see it.
    struct CommentDTO: Content {
        let id: Int
        let siteId: Int
        let articleId: Int
        let authorName: String
        /// Personal data: each answer that holds it is logged.
        let authorEmail: String
        let content: String
        let status: CommentStatus
        let createdAt: Date?
        let rejectionReason: String?
        let moderatedBy: String?
        let moderatedAt: Date?
        let answer: String?
        let answerVoice: AnswerVoice?
        let answeredBy: String?
        let answeredAt: Date?

        init(_ comment: ArticleComment) {
            id = comment.id ?? 0
            siteId = comment.siteId
            articleId = comment.articleId
            authorName = comment.authorName
            authorEmail = comment.authorEmail
            content = comment.content
            status = comment.status
            createdAt = comment.createdAt
            rejectionReason = comment.rejectionReason
            moderatedBy = comment.moderatedBy
            moderatedAt = comment.moderatedAt
            answer = comment.answer
            answerVoice = comment.answerVoice
            answeredBy = comment.answeredBy
            answeredAt = comment.answeredAt
        }
    }

    /// An approved comment as anyone reads it: no e-mail.
    struct PublicCommentDTO: Content {
        let id: Int
        let authorName: String
        let content: String
        let createdAt: Date
        let answer: String?
        /// The answer's heading: "Trả lời của Ban biên tập" or "Trả lời của cấp ủy".
        let answerTitle: String?

        init(_ shown: CommentThread.Shown, language: UILanguage) {
            id = shown.id
            authorName = shown.authorName
            content = shown.content
            createdAt = shown.createdAt
            answer = shown.answer
            answerTitle = shown.answer == nil ? nil : (shown.answerVoice ?? .editorial).label(language)
        }
    }

    struct FormTokenDTO: Content {
        let formToken: String
        /// The "mã bảo vệ" to answer in `challengeAnswer`, when the address has sent several forms lately.
        let challenge: String?
    }

    struct ReceiptDTO: Content {
        let status: CommentStatus
        let message: String
    }

    static func list(request: Request) async throws -> [CommentDTO] {
        let site = try await ArticleActions.requestedSite(request)
        let comments = try await CommentQueries.queue(siteId: site.id, status: try request.queryChoice(CommentStatus.self, at: "status"), on: request.reads)
        try await CommentActions.logEmailView(comments, what: "comment.api", request: request)
        return comments.map(CommentDTO.init)
    }

    static func approve(request: Request) async throws -> CommentDTO {
        CommentDTO(try await CommentActions.approve(try request.id(), request: request))
    }

    static func reject(request: Request) async throws -> CommentDTO {
        CommentDTO(try await CommentActions.reject(try request.id(), try request.content.decode(CommentRejectionInput.self), request: request))
    }

    static func answer(request: Request) async throws -> CommentDTO {
        CommentDTO(try await CommentActions.answer(try request.id(), try request.content.decode(CommentAnswerInput.self), request: request))
    }

    static func approved(request: Request) async throws -> [PublicCommentDTO] {
        let (_, article) = try await CommentPublicPages.articleOfRequest(request)
        return try await CommentQueries.approved(articleId: article.id, on: request.reads).map {
            PublicCommentDTO(CommentThread.Shown($0), language: request.language)
        }
    }

    static func formToken(request: Request) async throws -> FormTokenDTO {
        let (site, article) = try await CommentPublicPages.articleOfRequest(request)
        let ticket = try await CommentActions.ticket(site: site, articleId: article.id, request: request)
        return FormTokenDTO(formToken: ticket.token, challenge: ticket.challenge.map { $0(request.language) })
    }

    static func submit(request: Request) async throws -> Response {
        let (site, article) = try await CommentPublicPages.articleOfRequest(request)
        let body = try request.content.decode(CommentPublicPages.Submission.self)
        let comment = try await CommentActions.submit(body.input, proof: body.proof, site: site, articleId: article.id, request: request)
        return try await ReceiptDTO(status: comment.status, message: LocalizedText(vi: "Ý kiến đã được nhận và đang chờ duyệt.",
                                                                                   en: "The comment is received and waits for moderation.")(request.language))
            .encodeResponse(status: .created, for: request)
    }
}
