import Dispatch

/// Work that holds a thread for long — parsing a large file, mapping its rows on every core — runs on Dispatch's threads:
/// tasks run on the event loops that serve the sockets (`LamTheoMain.runTasksOnEventLoops`), which must not stop for
/// seconds, and SQLite's queries run on NIO's thread pool, which must not wait behind an import.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result(catching: work)) }
        }
    }

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
