import Vapor

/// The application's middleware run as one chain of plain async calls. Vapor adapts each `AsyncMiddleware` it chains
/// by starting a task and waiting on a future for the next one — eleven of each per request, which cost a static file
/// most of its time (`lamtheo benchmark-http`); here a request starts one task, whatever the number of steps.
struct MiddlewareChain: AsyncMiddleware {
    let steps: [any AsyncMiddleware]

    init(_ steps: [any AsyncMiddleware]) {
        self.steps = steps
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Link(steps: steps[...], last: next).respond(to: request)
    }

    /// The rest of the chain from one step: that step, given the link after it as its `next`.
    private struct Link: AsyncResponder {
        let steps: ArraySlice<any AsyncMiddleware>
        let last: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            guard let step = steps.first else { return try await last.respond(to: request) }
            return try await step.respond(to: request, chainingTo: Link(steps: steps.dropFirst(), last: last))
        }
    }
}
