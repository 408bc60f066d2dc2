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

/// What a view takes from the request besides its model: the language, and the anti-forgery token its
/// POST forms carry.
struct PageContext: Sendable {
    let language: UILanguage
    let csrfToken: String
    var errors: [FieldError] = []

    init(language: UILanguage, csrfToken: String, errors: [FieldError] = []) {
        self.language = language
        self.csrfToken = csrfToken
        self.errors = errors
    }

    init(_ request: Request, errors: [FieldError] = []) {
        self.init(language: request.language, csrfToken: request.csrfToken, errors: errors)
    }

    /// The form fields of a view, with the messages of a refused form.
    var fields: FormFields {
        FormFields(language: language, errors: errors, csrfToken: csrfToken)
    }
}

extension PageView {
    func response(for request: Request, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) -> Response {
        layout(PageContext(request, errors: errors)).response(for: request, status: status)
    }
}

extension FormFields {
    init(language: UILanguage, errors: [FieldError], csrfToken: String) {
        self.language = language
        self.errors = errors
        self.csrfToken = csrfToken
    }
}
