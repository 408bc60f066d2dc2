import Foundation
import Vapor

/// Timing for the benchmark commands: each figure is many requests, reported as p50 and p95 beside a
/// baseline measured in the same run, so that a noisy machine shows in both.
enum BenchmarkTiming {
    /// Milliseconds of each of `runs` calls after one warm-up call, sorted.
    static func measure(_ runs: Int, _ body: () async throws -> Void) async throws -> [Double] {
        try await body()
        var samples: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try await body()
            samples.append((ContinuousClock.now - started).milliseconds)
        }
        return samples.sorted()
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func header(_ console: any Console) {
        console.print(row("figure", ["p50 ms", "p95 ms", "base p50", "base p95", "ratio"]))
    }

    static func report(_ console: any Console, _ label: String, _ samples: [Double], _ baseline: [Double]) {
        let ratio = percentile(samples, 0.5) / max(percentile(baseline, 0.5), 0.001)
        let figures = [percentile(samples, 0.5), percentile(samples, 0.95), percentile(baseline, 0.5), percentile(baseline, 0.95)]
        console.print(row(label, figures.map { String(format: "%.2f", $0) } + [String(format: "%.3fx", ratio)]))
    }

    /// A label padded to a column, then right-aligned figures.
    private static func row(_ label: String, _ cells: [String]) -> String {
        label.padding(toLength: max(label.count, 48), withPad: " ", startingAt: 0)
            + cells.map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined()
    }
}
