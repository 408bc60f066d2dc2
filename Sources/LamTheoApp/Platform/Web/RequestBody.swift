import Vapor

/// How much of a request body a route accepts, declared where the route is.
///
/// Middleware runs before a route's own body collection, and a browser's body often arrives in several
/// pieces: anything that reads a form in a middleware (the anti-forgery check) must first collect the
/// whole body, up to the route's limit. So the limit is stored on the route, and `collectBody` is the one
/// place that waits for the body.
extension RoutesBuilder {
    /// A POST route that takes a body of up to `limit` (a form with a file, a JSON body with an attachment).
    @discardableResult
    func post(_ route: some SiteRoute, bodyLimit limit: ByteCount,
              use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.POST, route, body: .collect(maxSize: limit), use: handler).each { $0.bodyLimit(limit.value) }
    }

    /// A POST route that reads its body as a stream (a large upload, written to a temporary file as it
    /// arrives). Its form carries the anti-forgery token in the query string, since the body is not
    /// read before the handler.
    @discardableResult
    func postStreaming(_ route: some SiteRoute, bodyLimit limit: ByteCount,
                       use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> RouteDeclaration {
        on(.POST, route, body: .stream, use: handler).each { $0.bodyLimit(limit.value).userInfo[BodyKeys.streams] = true }
    }
}

extension Route {
    /// The largest body the route accepts; nil for the application's default.
    var bodyLimit: Int? { userInfo[BodyKeys.limit] as? Int }

    /// Whether the route reads its body as a stream.
    var streamsBody: Bool { userInfo[BodyKeys.streams] as? Bool ?? false }

    @discardableResult
    fileprivate func bodyLimit(_ bytes: Int) -> Route {
        userInfo[BodyKeys.limit] = bytes
        return self
    }
}

private enum BodyKeys {
    static let limit = "lamtheo.bodyLimit"
    static let streams = "lamtheo.streamsBody"
}

extension Request {
    /// Waits for the whole body (up to the route's limit; 413 beyond it) so that it can be read before the
    /// handler. Does nothing for a body already collected or a route that streams it.
    func collectBody() async throws {
        guard body.data == nil, route?.streamsBody != true else { return }
        let limit = route?.bodyLimit ?? application.routes.defaultMaxBodySize.value
        _ = try await body.collect(max: limit).get()
    }
}
