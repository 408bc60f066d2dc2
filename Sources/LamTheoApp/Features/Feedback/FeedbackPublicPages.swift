import Fluent
import LamTheoCore
import Vapor

/// The public side of a committee's site: the feedback form and its submission (multipart, body-limited), and the
/// tracking page. Served as to a stranger (`.publicSite`): no session, no cookie; the form guards itself.
enum FeedbackPublicPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(FeedbackRoute.submit(.key), use: form).requiring(.publicSite)
        routes.post(FeedbackRoute.submit(.key), bodyLimit: FeedbackCommands.uploadLimit, use: submit).requiring(.publicSite)
        routes.get(FeedbackRoute.siteTrack(.key), use: track).requiring(.publicSite)
        PublicNavigation.register(PublicNavigationEntry(id: "feedback", LocalizedText(vi: "Gửi ý kiến", en: "Feedback")) {
            FeedbackRoute.submit(.value($0.slug)).path
        })
    }

    static func form(request: Request) async throws -> Response {
        let site = try await FeedbackAPI.site(request)
        return try await formPage(site, fields: FormFields(request, language: .vi), status: .ok, request: request)
    }

    static func submit(request: Request) async throws -> Response {
        let site = try await FeedbackAPI.site(request)
        let body = try request.content.decode(FeedbackAPI.SubmissionBody.self)
        do {
            let feedback = try await FeedbackActions.submit(body.input, proof: body.proof, site: site, request: request)
            let attachments = try await FeedbackQueries.attachments(of: feedback.requireID(), on: request.reads).count
            return html(FeedbackForm.ReceiptView(site: site, receipt: FeedbackForm.Receipt(code: feedback.code, answerDueOn: feedback.answerDueOn,
                                                                                        attachments: attachments)).html().render(), status: .created)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .tooManyAttempts {
            var sent = RefusedForm(form: FeedbackForm.name, body.input).values
            if body.input.consentsToPublish == true { sent["consentsToPublish"] = "true" }
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "content", message: error.title)] : error.fieldErrors
            let fields = FormFields(request, errors: errors, language: .vi).refilled(from: RefusedForm(form: FeedbackForm.name, values: sent), form: FeedbackForm.name)
            let response = try await formPage(site, fields: fields, status: error.kind == .tooManyAttempts ? .tooManyRequests : .unprocessableEntity,
                                              request: request)
            if let seconds = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
    }

    static func track(request: Request) async throws -> Response {
        let site = try await FeedbackAPI.site(request)
        guard let code = try request.queryText("code"), !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            return html(FeedbackForm.TrackView(site: site, code: nil, found: nil, message: nil).html().render())
        }
        do {
            let found = try await FeedbackActions.track(code, site: site, request: request)
            return html(FeedbackForm.TrackView(site: site, code: code, found: found.map(FeedbackForm.Tracked.init),
                                               message: found == nil ? "Không tìm thấy ý kiến với mã “\(code)”. Vui lòng kiểm tra lại mã." : nil).html().render(),
                        status: found == nil ? .notFound : .ok)
        } catch let error as DomainError where error.kind == .tooManyAttempts {
            return html(FeedbackForm.TrackView(site: site, code: code, found: nil, message: error.title.vi).html().render(), status: .tooManyRequests)
        }
    }

    private static func formPage(_ site: PublicSite, fields: FormFields, status: HTTPResponseStatus, request: Request) async throws -> Response {
        let ticket = try await FeedbackActions.guardian.ticket(target: site.slug, request: request)
        return html(FeedbackForm.View(site: site, ticket: ticket, fields: fields).html().render(), status: status)
    }

    private static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .contentLanguage, value: "vi")
        return response
    }
}
