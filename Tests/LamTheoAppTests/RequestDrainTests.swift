@testable import LamTheoApp
import Testing

@Suite("Request drain")
struct RequestDrainTests {
    @Test("a stopping process refuses new requests and waits for those in flight, no longer than they take")
    func drain() async throws {
        let drain = RequestDrain()
        #expect(drain.enter())
        let clock = ContinuousClock()
        let started = clock.now
        async let drained: Void = drain.drain(waitingUpTo: .seconds(5))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!drain.enter(), "a request arriving while the process stops is refused")
        drain.leave()
        await drained
        let waited = clock.now - started
        #expect(waited >= .milliseconds(200) && waited < .seconds(5), "it waited for the request in flight, and only until it left: \(waited)")
    }

    @Test("a request that never ends does not hold the process past the limit")
    func limit() async {
        let drain = RequestDrain()
        #expect(drain.enter())
        let clock = ContinuousClock()
        let started = clock.now
        await drain.drain(waitingUpTo: .milliseconds(100))
        #expect(clock.now - started < .seconds(2))
    }
}
