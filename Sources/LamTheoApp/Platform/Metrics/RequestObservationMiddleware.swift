import Vapor

/// Every request, timed once (one clock read before, one after): counted in the metrics under its route pattern and
/// written as one structured access-log line after the response. With the access log off nothing is formatted; the
/// metrics' series are made once and looked up afterwards.
///
/// It also answers `GET /metrics` bearing the metrics token, before any other middleware: the token is not an API
/// token (authentication would refuse it) and the scrape is no user's request. Anything else at that address gets
/// the ordinary 404.
struct RequestObservationMiddleware: Middleware {
    let metrics: AppMetrics?
    let accessLog: Logger.Level?

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.route == nil, let metrics, request.url.path == AppMetrics.path {
            if metrics.authorises(request) { return request.eventLoop.makeFutureWithTask { try await metrics.scrape(request) } }
            // Not an API token either: without it the request meets the 404 of any unknown address, not a 401.
            request.headers.remove(name: .authorization)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        return next.respond(to: request).always { result in
            let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
            switch result {
            case .success(let response):
                observe(request, status: response.status, bytes: response.body.count, nanoseconds: nanoseconds)
            case .failure(let error):
                observe(request, status: (error as? any AbortError)?.status ?? .internalServerError, bytes: 0, nanoseconds: nanoseconds)
            }
        }
    }

    private func observe(_ request: Request, status: HTTPResponseStatus, bytes: Int, nanoseconds: UInt64) {
        let series = metrics?.series(of: request, status: status)
        if let series {
            series.requests.increment()
            series.duration.recordNanoseconds(Int64(nanoseconds))
        }
        guard let accessLog else { return }
        request.logger.log(level: accessLog, "\(request.method.rawValue) \(request.url.path)", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(series?.route ?? AppMetrics.routeLabel(of: request)),
            "status": .stringConvertible(status.code),
            "duration_ms": .stringConvertible(Double(nanoseconds / 1_000) / 1_000),
            "bytes": .stringConvertible(bytes),
        ])
    }
}
