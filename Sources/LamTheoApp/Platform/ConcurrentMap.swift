import Foundation

extension Array where Element: Sendable {
    /// `map` over slices transformed at the same time on every core, keeping the order: for CPU-bound work
    /// on elements independent of each other. Each slice runs as `BlockingWork`, never on an event loop.
    /// `progress` is told how many elements are done after each slice.
    func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T,
                                    progress: @escaping @Sendable (Int) -> Void = { _ in }) async -> [T] {
        // Several slices per core, so that a slow one does not leave a core idle at the end.
        let slices = chunked(into: Swift.max(1_000, count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for (index, slice) in slices.enumerated() {
                group.addTask { (index, await BlockingWork.run { slice.map(transform) }) }
            }
            var results = [[T]](repeating: [], count: slices.count)
            var done = 0
            for await (index, mapped) in group {
                results[index] = mapped
                done += mapped.count
                progress(done)
            }
            return results.flatMap { $0 }
        }
    }
}
