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
        console.print(String(format: "%-48@ %10@ %10@ %12@ %12@ %8@", "figure" as NSString, "p50 ms" as NSString, "p95 ms" as NSString,
                             "base p50" as NSString, "base p95" as NSString, "ratio" as NSString))
    }

    static func report(_ console: any Console, _ label: String, _ samples: [Double], _ baseline: [Double]) {
        let ratio = percentile(samples, 0.5) / max(percentile(baseline, 0.5), 0.001)
        console.print(String(format: "%-48@ %10.2f %10.2f %12.2f %12.2f %7.3fx", label as NSString, percentile(samples, 0.5), percentile(samples, 0.95),
                             percentile(baseline, 0.5), percentile(baseline, 0.95), ratio))
    }
}
