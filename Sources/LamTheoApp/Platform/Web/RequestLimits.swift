import Vapor

/// Refuses, before any work is done for them, requests that no client of LamTheo sends: methods it never
/// serves (TRACE echoes a request back, cookies included), and addresses or headers far beyond any real
/// one — with the status that says so, rather than a closed connection. (Headers beyond the HTTP
/// parser's own limit, 80 KB, never reach here: the parser closes the connection.)
struct RequestLimitsMiddleware: AsyncMiddleware {
    static let servedMethods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE]
    static let maximumURLBytes = 8 * 1_024
    static let maximumHeaderBytes = 16 * 1_024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.servedMethods.contains(request.method) else {
            throw Abort(.methodNotAllowed, headers: ["Allow": Self.servedMethods.map(\.rawValue).joined(separator: ", ")])
        }
        guard request.url.string.utf8.count <= Self.maximumURLBytes else { throw Abort(.uriTooLong) }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        guard headerBytes <= Self.maximumHeaderBytes else { throw Abort(.requestHeaderFieldsTooLarge) }
        return try await next.respond(to: request)
    }
}
