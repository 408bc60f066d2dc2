import Crypto
import LamTheoCore
import Vapor

/// Cross-site request forgery protection for the web forms, by double submission: a random token in a
/// SameSite=Strict cookie that every POST form repeats in a hidden field. Another site can make a
/// browser post a form, but cannot read the cookie to fill the field. The JSON API does not accept the
/// session cookie at all (bearer tokens only), so it needs no token.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "lamtheo_csrf"
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing ?? SecretToken.make(prefix: "")
        request.csrfToken = token
        if !request.isAPI, request.method != .GET, request.method != .HEAD {
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
            guard let existing, Self.constantTimeEqual(sent, existing) else {
                throw DomainError(.forbidden, title: LocalizedText(
                    vi: "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.",
                    en: "The form has expired or is not valid. Please reload the page and submit it again."))
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil {
            response.cookies[Self.cookieName] = HTTPCookies.Value(string: token, path: "/", isSecure: request.application.secureCookies,
                                                                  isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count, !left.isEmpty else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
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
