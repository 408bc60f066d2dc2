import Vapor

/// Headers every answer carries. Pages run no script at all, so the policy forbids any (a script that
/// slipped into a page through stored text would not run); no other site may frame a page (clickjacking);
/// addresses are not sent to other sites; and pages and API answers, which carry personal data, are never
/// kept in a shared or browser cache. The stylesheet alone may be cached.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'none'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    /// Added, not replaced: no handler sets them (looking for each in every answer's headers was a cost of its own).
    private static let headers = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        Self.add(to: response)
        return response
    }

    /// Also for the files `MiddlewareChain` answers at once, without the steps.
    static func add(to response: Response) {
        response.headers.add(contentsOf: headers)
        if !response.headers.contains(name: .cacheControl) {
            response.headers.add(name: .cacheControl, value: "no-store")
        }
    }
}
