import LamTheoCore
import Plot
import Vapor

/// A page's view: renders the plain model its query loaded into the site's frame, reading nothing else,
/// so that a test can render it from a hand-made model. A page is `XShow+Query` (the reads, in one place),
/// `XShow+Model` (plain values) and `XShow+View` (this); its handler checks the input, runs the query and
/// returns the view's response.
protocol PageView {
    func layout(_ context: PageContext) -> Layout
}

/// What a view takes from the request besides its model: the language, the anti-forgery token its
/// POST forms carry, and a refused form's messages and values.
struct PageContext: Sendable {
    let language: UILanguage
    let csrfToken: String
    var errors: [FieldError] = []
    var refused: RefusedForm?

    init(language: UILanguage, csrfToken: String, errors: [FieldError] = [], refused: RefusedForm? = nil) {
        self.language = language
        self.csrfToken = csrfToken
        self.errors = errors
        self.refused = refused
    }

    init(_ request: Request, errors: [FieldError] = [], refused: RefusedForm? = nil) {
        self.init(language: request.language, csrfToken: request.csrfToken, errors: errors, refused: refused)
    }

    /// The form fields of a view, with the messages of a refused form.
    var fields: FormFields {
        FormFields(language: language, errors: errors, csrfToken: csrfToken)
    }

    /// The fields of the page's form called `form`, holding what it sent if it is the one refused.
    func fields(for form: String) -> FormFields {
        fields.refilled(from: refused, form: form)
    }
}

extension PageView {
    func response(for request: Request, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok) -> Response {
        layout(PageContext(request, errors: errors, refused: refused)).response(for: request, status: status)
    }
}

extension FormFields {
    init(language: UILanguage, errors: [FieldError], csrfToken: String) {
        self.language = language
        self.errors = errors
        self.csrfToken = csrfToken
    }
}
