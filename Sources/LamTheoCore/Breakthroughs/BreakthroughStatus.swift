/// Where a breakthrough stands. Only check-ins are stored; the status follows from the latest one, the
/// dates and today, so it is never stale.
public enum BreakthroughStatus: String, Sendable, Codable, CaseIterable {
    case late
    case atRisk = "at_risk"
    case onTrack = "on_track"
    case done

    /// Late: past the end and not done. At risk: from `atRiskFrom` on (see `BreakthroughProgress`).
    public init(done: Bool, endsOn: CalendarDate, atRiskFrom: CalendarDate, today: CalendarDate) {
        if done {
            self = .done
        } else if endsOn < today {
            self = .late
        } else if atRiskFrom <= today {
            self = .atRisk
        } else {
            self = .onTrack
        }
    }
}

/// When "at risk" starts: the time elapsed runs ahead of the progress made by more than `margin`
/// percentage points, or nothing has been reported for `staleDays`.
public struct BreakthroughRiskRule: Sendable, Hashable {
    public let margin: Double
    public let staleDays: Int

    public init(margin: Double, staleDays: Int) {
        self.margin = margin
        self.staleDays = staleDays
    }

    /// Stored breakthroughs carry the day this rule gives them: changing it needs a recount of every row.
    public static let standard = BreakthroughRiskRule(margin: 20, staleDays: 90)
}

/// Progress from the latest check-in, and the day a breakthrough becomes at risk if nothing more is reported.
public enum BreakthroughProgress {
    /// How far `value` has come from `baseline` to `target`, in percent, 0…100: lower-is-better targets
    /// (poor households down from 120 to 0) count the same way as higher-is-better ones.
    public static func percent(baseline: Double, target: Double, value: Double) -> Double {
        guard target != baseline else { return value == target ? 100 : 0 }
        return min(100, max(0, (value - baseline) / (target - baseline) * 100))
    }

    /// The first day on which the breakthrough is at risk, given its progress so far (nil: nothing
    /// reported). The share of time elapsed on day t is (t − start) / (end − start); it is at risk once that
    /// exceeds `percent + margin` — a share that applies to numeric targets only, a deliverable being
    /// either done or not — or once `staleDays` have passed since the last check-in (or the start).
    public static func atRiskFrom(startsOn: CalendarDate, endsOn: CalendarDate, percent: Double?, measuresShare: Bool,
                                  lastCheckIn: CalendarDate?, rule: BreakthroughRiskRule = .standard) -> CalendarDate {
        let stale = (lastCheckIn ?? startsOn).adding(days: rule.staleDays)
        let threshold = (percent ?? 0) + rule.margin
        guard measuresShare, threshold < 100 else { return stale }
        let duration = Double(endsOn.daysSinceEpoch - startsOn.daysSinceEpoch)
        let behind = startsOn.adding(days: Int((threshold * duration / 100).rounded(.down)) + 1)
        return min(behind, stale)
    }
}
