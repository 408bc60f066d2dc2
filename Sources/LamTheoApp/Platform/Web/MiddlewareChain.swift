import NIOConcurrencyHelpers
import Vapor

/// The application's middleware and the route's handler run as one task on the request's own event loop.
///
/// Vapor adapts each `AsyncMiddleware` it chains by starting a task and waiting on a future for the next one, and an
/// async handler by starting one more. A task started so runs on whichever thread the global executor picks (one of the
/// event loops, `LamTheoMain.runTasksOnEventLoops`; Swift's pool in tests), so a request's work went from its loop's
/// thread to another and back several times, each hop waking a thread. Here a request is one task bound to its loop:
/// what it does in memory stays on that thread, and it leaves only to wait (a database's answer comes back to it). Work
/// that would hold the thread long goes to `BlockingWork` or NIO's thread pool, as before.
///
/// When the chain is the innermost middleware (as `configure` adds it), what comes after it is the route's async handler,
/// which it calls itself in that task.
struct MiddlewareChain: Middleware {
    let steps: [any AsyncMiddleware]

    init(_ steps: [any AsyncMiddleware]) {
        self.steps = steps
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // A file made in memory needs nothing the steps give a page (a caller, a session, a form's checks) and waits for
        // nothing: it is answered here, with the headers every answer carries. A request the limits refuse goes the usual
        // way, which answers the refusal as any other.
        if let file = next as? StylesheetFile, RequestLimitsMiddleware.refusal(of: request) == nil {
            let response = file.response(for: request)
            SecurityHeadersMiddleware.add(to: response)
            return request.eventLoop.makeSucceededFuture(response)
        }
        let promise = request.eventLoop.makePromise(of: Response.self)
        let link = Link(chain: Chain(steps: steps, last: next), index: 0)
        Task(executorPreference: EventLoopTaskExecutor.running(on: request.eventLoop)) {
            do {
                promise.succeed(try await link.respond(to: request))
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }

    /// One request's steps and what follows them, shared by every link of its chain.
    private final class Chain: Sendable {
        let steps: [any AsyncMiddleware]
        let last: any Responder

        init(steps: [any AsyncMiddleware], last: any Responder) {
            self.steps = steps
            self.last = last
        }
    }

    /// The rest of the chain from one step: that step, given the link after it as its `next`. Two words, so that passed
    /// as `any AsyncResponder` it is held inline rather than boxed on the heap at every step.
    private struct Link: AsyncResponder {
        let chain: Chain
        let index: Int

        func respond(to request: Request) async throws -> Response {
            guard index < chain.steps.count else {
                // An async handler is called in this task, not in one more (Vapor's adapter); middleware added after the
                // chain, or Vapor's answer when no route matched, through its future.
                if let handler = chain.last as? any AsyncResponder { return try await handler.respond(to: request) }
                return try await chain.last.respond(to: request).get()
            }
            return try await chain.steps[index].respond(to: request, chainingTo: Link(chain: chain, index: index + 1))
        }
    }
}

/// Runs a task's jobs on one event loop: one executor per loop, kept for the process (the loops are).
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    private init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    static func running(on loop: any EventLoop) -> EventLoopTaskExecutor {
        executors.withLockedValue { executors in
            if let executor = executors[ObjectIdentifier(loop)] { return executor }
            let executor = EventLoopTaskExecutor(loop)
            executors[ObjectIdentifier(loop)] = executor
            return executor
        }
    }

    private static let executors = NIOLockedValueBox<[ObjectIdentifier: EventLoopTaskExecutor]>([:])
}
