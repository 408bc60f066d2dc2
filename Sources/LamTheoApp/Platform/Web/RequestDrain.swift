import LamTheoCore
import NIOConcurrencyHelpers
import Vapor

/// The requests being answered, so that a stopping process lets them finish before it closes the databases they use:
/// without it, a request still running at shutdown (a sign-in waiting out its throttle, say) reached for a database
/// already closed, and the process ended on Fluent's fatal error instead of stopping cleanly.
final class RequestDrain: Sendable {
    private let state = NIOLockedValueBox((inFlight: 0, draining: false))

    /// Counts a request in; false once the process is stopping (the request is refused).
    func enter() -> Bool {
        state.withLockedValue { state in
            guard !state.draining else { return false }
            state.inFlight += 1
            return true
        }
    }

    func leave() {
        state.withLockedValue { $0.inFlight -= 1 }
    }

    /// Refuses new requests and waits, up to `limit`, for those in flight to finish.
    func drain(waitingUpTo limit: Duration) async {
        state.withLockedValue { $0.draining = true }
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while state.withLockedValue({ $0.inFlight }) > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Counts each request in and out of `RequestDrain`; a request arriving while the process stops gets 503.
struct RequestDrainMiddleware: AsyncMiddleware {
    let drain: RequestDrain

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard drain.enter() else {
            throw DomainError(.unavailable, title: LocalizedText(vi: "Máy chủ đang dừng, vui lòng thử lại sau ít giây.",
                                                                en: "The server is stopping; please try again in a few seconds."), retryAfter: 5)
        }
        defer { drain.leave() }
        return try await next.respond(to: request)
    }
}

/// At shutdown, before the databases close (lifecycle handlers stop in the reverse order of their registration, and
/// this one is registered after the databases), the requests in flight finish.
struct RequestDrainLifecycle: LifecycleHandler {
    let drain: RequestDrain

    func shutdownAsync(_ application: Application) async {
        await drain.drain(waitingUpTo: .seconds(10))
    }
}
