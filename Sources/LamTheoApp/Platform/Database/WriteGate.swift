import Fluent
import Vapor

/// Lets one write transaction at a time into an SQLite database.
///
/// SQLite has a single writer. Two deferred transactions on different connections that both try to
/// write fail with SQLITE_BUSY instead of waiting, so writes from this process queue here. PostgreSQL
/// handles concurrent writers itself and passes straight through.
final class WriteGate: Sendable {
    private let serialises: Bool
    private let queue = WaitQueue()

    init(serialises: Bool) {
        self.serialises = serialises
    }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard serialises else { return try await body() }
        await queue.acquire()
        do {
            let result = try await body()
            await queue.release()
            return result
        } catch {
            await queue.release()
            throw error
        }
    }

    /// A FIFO async mutex.
    private actor WaitQueue {
        private var busy = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if !busy {
                busy = true
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty {
                busy = false
            } else {
                waiters.removeFirst().resume()
            }
        }
    }
}
