import Fluent
import LamTheoCore
import Vapor

/// The moderators' pages in the members' app: a site's queue of readers' comments and its steps, each back to the
/// queue with a note, or the queue with the refused form.
enum CommentPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CommentRoute.queue, use: queue).requiring(.capability(.publish))
        routes.post(CommentRoute.approve(.key), use: approve).requiring(.capability(.publish))
        routes.post(CommentRoute.reject(.key), use: reject).requiring(.capability(.publish))
        routes.post(CommentRoute.answer(.key), use: answer).requiring(.capability(.publish))
    }

    static func queue(request: Request) async throws -> Response {
        let site = try await ArticleActions.requestedSite(request)
        return try await page(site, request: request)
    }

    static func approve(request: Request) async throws -> Response {
        try await step([String: String](), form: "comment-approve", request: request) { id in
            _ = try await CommentActions.approve(id, request: request)
            return LocalizedText(vi: "Đã duyệt: ý kiến hiện dưới bài viết.", en: "Approved: the comment shows under the article.")
        }
    }

    static func reject(request: Request) async throws -> Response {
        let input = try request.content.decode(CommentRejectionInput.self)
        return try await step(input, form: CommentQueue.rejectForm, request: request) { id in
            _ = try await CommentActions.reject(id, input, request: request)
            return LocalizedText(vi: "Đã từ chối đăng, kèm lý do.", en: "Rejected, with the reason.")
        }
    }

    static func answer(request: Request) async throws -> Response {
        let input = try request.content.decode(CommentAnswerInput.self)
        return try await step(input, form: CommentQueue.answerForm, request: request) { id in
            let comment = try await CommentActions.answer(id, input, request: request)
            return comment.status == .approved
                ? LocalizedText(vi: "Đã đăng trả lời dưới ý kiến.", en: "The answer shows under the comment.")
                : LocalizedText(vi: "Đã lưu trả lời: bạn đọc thấy khi ý kiến được duyệt.", en: "Answer saved: readers see it once the comment is approved.")
        }
    }

    /// Runs a step on the comment of the address: back to its site's queue with `act`'s note, or the queue with the
    /// refused form beside its comment.
    private static func step(_ sent: some Encodable, form: String, request: Request, _ act: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        let (_, site) = try await CommentActions.require(id, request: request)
        do {
            let note = try await act(id)
            return request.redirect(to: CommentRoute.queue.path(query: [ArticleActions.siteQuery: site.id], fragment: "comment-\(id)"), flash: note)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await page(site, refusedId: id, errors: error.fieldErrors, refused: RefusedForm(form: form, sent), status: .unprocessableEntity,
                                  request: request)
        }
    }

    private static func page(_ site: EditedSite, refusedId: Int? = nil, errors: [FieldError] = [], refused: RefusedForm? = nil,
                             status: HTTPResponseStatus = .ok, request: Request) async throws -> Response {
        let filter = try request.queryChoice(CommentStatus.self, at: "status")
        let comments = try await CommentQueries.queue(siteId: site.id, status: filter, on: request.reads)
        try await CommentActions.logEmailView(comments, what: "comment.page", request: request)
        let titles = try await CommentQueries.articleTitles(of: comments, on: request.reads)
        let model = CommentQueue.Model(site: site, sites: try await ArticleActions.sites(for: try request.requireActor(), on: request.reads), status: filter,
                                       pending: try await CommentQueries.pendingCount(siteId: site.id, on: request.reads),
                                       rows: comments.map { CommentQueue.Row(comment: CommentAPI.CommentDTO($0), articleTitle: titles[$0.articleId] ?? "") }, refusedId: refusedId)
        return CommentQueue.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
