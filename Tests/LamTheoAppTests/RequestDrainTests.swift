@testable import LamTheoApp
import NIOConcurrencyHelpers
import Testing

@Suite("Request drain")
struct RequestDrainTests {
    @Test("a stopping process refuses new requests and waits for those in flight: it ends only once the last one has left")
    func drain() async throws {
        let drain = RequestDrain()
        #expect(drain.enter())
        let finished = NIOLockedValueBox(false)
        let stopping = Task {
            await drain.drain(waitingUpTo: .seconds(600))
            finished.withLockedValue { $0 = true }
        }
        // Once a request is refused, the drain has begun.
        while drain.enter() {
            drain.leave()
            await Task.yield()
        }
        #expect(!finished.withLockedValue { $0 }, "a request is still in flight")
        drain.leave()
        await stopping.value
        #expect(finished.withLockedValue { $0 })
    }

    @Test("a request that never ends does not hold the process past the limit")
    func limit() async {
        let drain = RequestDrain()
        #expect(drain.enter())
        await drain.drain(waitingUpTo: .milliseconds(50))
        #expect(!drain.enter(), "still stopping: the request in flight was given up on, not finished")
    }
}
