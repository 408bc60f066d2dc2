import Fluent
import LamTheoCore
import Vapor

/// The readers' side of comments: the form on its own page and the submission (`.publicSite`: no session, no cookie,
/// no CSRF token; the form guards itself). The article's page shows the thread (`CommentThread.section`).
enum CommentPublicPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CommentRoute.submit(.key, article: .key), use: form).requiring(.publicSite)
        routes.post(CommentRoute.submit(.key, article: .key), use: submit).requiring(.publicSite)
    }

    /// The article page's thread. The page is kept in the cache for every reader, so its form holds a placeholder for the
    /// token (`stamped` puts each reader's own in) and no challenge, which depends on the reader's address: a reader who
    /// must answer one is asked on the refusal's page.
    static func thread(site: PublicSite, articleId: Int, on db: any Database) async throws -> CommentThread.Model {
        let comments = try await CommentQueries.approved(articleId: articleId, on: db)
        return CommentThread.Model(site: site, articleId: articleId, comments: comments.map(CommentThread.Shown.init))
    }

    /// The article's page with a token issued now in its form: the guard's time check counts from when this reader was
    /// served, not from when the page was cached.
    static func stamped(_ page: String, slug: String, articleId: Int, request: Request) async throws -> String {
        let ticket = try await CommentActions.guardian.ticket(target: CommentActions.target(slug: slug, articleId: articleId), request: request)
        return page.replacingOccurrences(of: CommentThread.tokenPlaceholder, with: ticket.token)
    }

    typealias Submission = PublicFormSubmission<CommentInput>

    static func form(request: Request) async throws -> Response {
        let (site, article) = try await articleOfRequest(request)
        return try await formPage(site, article, fields: FormFields(request, language: .vi), status: .ok, request: request)
    }

    static func submit(request: Request) async throws -> Response {
        let (site, article) = try await articleOfRequest(request)
        let body = try request.content.decode(Submission.self)
        do {
            _ = try await CommentActions.submit(body.input, proof: body.proof, site: site, articleId: article.id, request: request)
            return html(CommentThread.ReceiptView(site: site, article: article).html().render(), status: .created)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .tooManyAttempts {
            let refused = RefusedForm(form: CommentThread.form, body.input)
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "content", message: error.title)] : error.fieldErrors
            let fields = FormFields(request, errors: errors, language: .vi).refilled(from: refused, form: CommentThread.form)
            let response = try await formPage(site, article, fields: fields, status: error.kind == .tooManyAttempts ? .tooManyRequests : .unprocessableEntity,
                                              request: request)
            if let seconds = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
    }

    /// The site and published article of the address; not found otherwise.
    static func articleOfRequest(_ request: Request) async throws -> (PublicSite, PublicArticle) {
        let site = try await PublicSites.require(slug: try request.slug(), on: request.reads)
        return (site, try await CommentActions.publishedArticle(try request.id(), site: site, on: request.reads))
    }

    private static func formPage(_ site: PublicSite, _ article: PublicArticle, fields: FormFields, status: HTTPResponseStatus,
                                 request: Request) async throws -> Response {
        let ticket = try await CommentActions.ticket(site: site, articleId: article.id, request: request)
        return html(CommentThread.FormView(site: site, article: article, ticket: ticket, fields: fields).html().render(), status: status)
    }

    private static func html(_ body: String, status: HTTPResponseStatus) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .contentLanguage, value: "vi")
        return response
    }
}
