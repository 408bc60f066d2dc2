/// When a dated thing is chased: reminders before its deadline, on the day, then again every few days while
/// it is late; and when its lateness is told to the level above ("kiểm tra, đôn đốc"), then to the next.
///
/// A kind has a default schedule; a committee may set its own for its subtree.
public struct ReminderSchedule: Sendable, Hashable, Codable {
    /// Days before the deadline a reminder goes out, e.g. [7, 1]; each at least 1.
    public var daysBefore: [Int]
    /// A reminder on the deadline itself.
    public var onTheDay: Bool
    /// Once late, a reminder every this many days; 0 for none.
    public var repeatEvery: Int
    /// Days late after which the parent unit's officers hear of it; 0 for never.
    public var escalateAfter: Int
    /// Further days late after which the next level up hears of it too; 0 for never.
    public var escalateAgainAfter: Int

    public init(daysBefore: [Int], onTheDay: Bool, repeatEvery: Int, escalateAfter: Int, escalateAgainAfter: Int) {
        self.daysBefore = Array(Set(daysBefore)).sorted(by: >)
        self.onTheDay = onTheDay
        self.repeatEvery = repeatEvery
        self.escalateAfter = escalateAfter
        self.escalateAgainAfter = escalateAgainAfter
    }

    /// Seven days and one day before, on the day, every three days late; the level above after five days late,
    /// the next after ten more.
    public static let standard = ReminderSchedule(daysBefore: [7, 1], onTheDay: true, repeatEvery: 3, escalateAfter: 5, escalateAgainAfter: 10)

    /// The largest number of days ahead of a deadline that anything happens: items due later need not be read.
    public var lookahead: Int { daysBefore.max() ?? 0 }

    /// The latest step of the series reached on `today`, if any. A day the reminders were not generated (the
    /// server was down) is caught up: the step reached is still sent, once, on the next run.
    public func step(dueOn: CalendarDate, today: CalendarDate) -> ReminderStep? {
        let daysLate = today.daysSinceEpoch - dueOn.daysSinceEpoch
        if daysLate > 0 {
            if repeatEvery > 0, daysLate >= repeatEvery { return .late(days: daysLate - daysLate % repeatEvery) }
            if onTheDay { return .due }
        } else if daysLate == 0, onTheDay {
            return .due
        }
        let daysLeft = -daysLate
        // The nearest reminder before the deadline whose day has come (daysBefore is sorted, largest first).
        return daysBefore.last { $0 >= daysLeft }.map { .before(days: $0) }
    }

    /// How many levels above the item's unit hear of it on `today`: 0, 1 (the parent) or 2 (also the grandparent).
    public func escalationLevels(dueOn: CalendarDate, today: CalendarDate) -> Int {
        let daysLate = today.daysSinceEpoch - dueOn.daysSinceEpoch
        guard escalateAfter > 0, daysLate >= escalateAfter else { return 0 }
        return escalateAgainAfter > 0 && daysLate >= escalateAfter + escalateAgainAfter ? 2 : 1
    }

    /// Each rule the schedule breaks, by field: no negative or zero days before, no negative intervals, at most a
    /// year, and something to send.
    public var problems: [(field: String, problem: ReminderScheduleProblem)] {
        var found: [(String, ReminderScheduleProblem)] = []
        if daysBefore.contains(where: { $0 < 1 || $0 > 365 }) { found.append(("daysBefore", .outOfRange)) }
        if daysBefore.count > 10 { found.append(("daysBefore", .tooMany)) }
        if !(0...365).contains(repeatEvery) { found.append(("repeatEvery", .outOfRange)) }
        if !(0...365).contains(escalateAfter) { found.append(("escalateAfter", .outOfRange)) }
        if !(0...365).contains(escalateAgainAfter) { found.append(("escalateAgainAfter", .outOfRange)) }
        if escalateAgainAfter > 0 && escalateAfter == 0 { found.append(("escalateAgainAfter", .needsFirstEscalation)) }
        if daysBefore.isEmpty && !onTheDay && repeatEvery == 0 && escalateAfter == 0 { found.append(("daysBefore", .nothingSent)) }
        return found
    }
}

public enum ReminderScheduleProblem: Sendable, Hashable {
    case outOfRange
    case tooMany
    case needsFirstEscalation
    case nothingSent
}

/// One step of a reminder series: what a delivery is recorded under, so that each goes out once.
public enum ReminderStep: Sendable, Hashable, CustomStringConvertible {
    case before(days: Int)
    case due
    case late(days: Int)

    /// "before-7", "due", "late-3": the delivery's key.
    public var description: String {
        switch self {
        case .before(let days): return "before-\(days)"
        case .due: return "due"
        case .late(let days): return "late-\(days)"
        }
    }
}

extension ReminderSchedule {
    /// "7,1": how a form and the table write the days before.
    public var daysBeforeText: String { daysBefore.map(String.init).joined(separator: ",") }

    /// Reads "7, 1" or "7 1"; nil when a part is not a whole number (a minus sign included: "-3" is a number,
    /// refused by `problems`).
    public static func daysBefore(parsing text: String) -> [Int]? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        var days: [Int] = []
        for part in parts {
            guard let value = Int(part) else { return nil }
            days.append(value)
        }
        return days
    }
}
