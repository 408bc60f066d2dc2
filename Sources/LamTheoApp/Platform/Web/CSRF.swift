import Crypto
import LamTheoCore
import Vapor

/// Cross-site request forgery protection for the web forms. Every POST form repeats a token in a hidden
/// field (`FormFields.postForm` adds it, so no form can forget it); another site can make a browser post a
/// form but cannot read the token.
///
/// - Signed in, the token is derived from the session secret (a hash of it, so the token does not reveal
///   the session): it is bound to that session, changes at each sign-in and dies at sign-out.
/// - Signed out (the sign-in form), it is a random value in a SameSite=Strict cookie (double submission),
///   replaced whenever a session starts or ends.
///
/// The JSON API does not accept the session cookie at all (bearer tokens only), so it needs no token.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "lamtheo_csrf"
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Public pages set no cookie and hold no session to forge; a public form guards itself (`PublicFormGuard`).
        if request.ignoresCaller { return try await next.respond(to: request) }
        let anonymous = request.sentCookies[Self.cookieName]?.string
        let session = request.actor == nil ? nil : request.sentCookies[Cookies.session]?.string
        // A signed-in browser's token comes from its session; it is given an anonymous one when the session ends.
        let fresh = anonymous == nil && session == nil ? SecretToken.make(prefix: "") : nil
        let expected = session.map(Self.token(forSession:)) ?? anonymous ?? fresh ?? ""
        request.csrfToken = expected
        if !request.isAPI, request.method != .GET, request.method != .HEAD {
            try await Self.check(request, expected: session != nil || anonymous != nil ? expected : nil)
        }
        let response = try await next.respond(to: request)
        // A session that starts or ends takes a new anonymous token with it.
        let sessionChanged = response.cookies[Cookies.session] != nil
        if fresh != nil || sessionChanged {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: sessionChanged ? SecretToken.make(prefix: "") : fresh ?? "", path: "/",
                isSecure: request.application.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The token of a signed-in browser: a hash of its session secret, under a label of its own so that it
    /// is never the value stored for the session itself.
    static func token(forSession secret: String) -> String {
        SecretToken.hash("lamtheo-csrf:" + secret)
    }

    /// - Parameter expected: nil when the browser has no token at all (no cookie): always refused.
    private static func check(_ request: Request, expected: String?) async throws {
        let sent: String
        if request.route?.streamsBody == true {
            // A streamed upload's body is read by its handler; its form sends the token in the query.
            sent = request.query[String.self, at: fieldName] ?? ""
        } else {
            try await request.collectBody()
            sent = (try? request.content.get(String.self, at: fieldName)) ?? ""
        }
        guard let expected, SecretToken.constantTimeEqual(sent, expected) else {
            throw DomainError(.forbidden, title: LocalizedText(
                vi: "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.",
                en: "The form has expired or is not valid. Please reload the page and submit it again."))
        }
    }
}

extension Request {
    var csrfToken: String {
        get { storage[CSRFTokenKey.self] ?? "" }
        set { storage[CSRFTokenKey.self] = newValue }
    }

    private struct CSRFTokenKey: StorageKey {
        typealias Value = String
    }
}
