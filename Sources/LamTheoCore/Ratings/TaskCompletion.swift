import Foundation

/// What a member did of the tasks assigned in a period, as a decision records it: Quy định 366-QĐ/TW
/// (Điều 11) asks each level for a score and, besides it, tasks done on time and beyond what was required.
public struct TaskCompletion: Sendable, Hashable, Codable {
    public let assigned: Int
    /// Done by their deadline.
    public let onTime: Int
    /// Done, but after their deadline.
    public let late: Int
    /// Done beyond what was required (counted among those done).
    public let exceeding: Int

    public init(assigned: Int, onTime: Int, late: Int, exceeding: Int) {
        self.assigned = assigned
        self.onTime = onTime
        self.late = late
        self.exceeding = exceeding
    }

    public var done: Int { onTime + late }

    /// What is wrong with the counts themselves, if anything.
    public var inconsistency: LocalizedText? {
        if [assigned, onTime, late, exceeding].contains(where: { $0 < 0 }) {
            return LocalizedText(vi: "Số nhiệm vụ không được âm", en: "Task counts must not be negative")
        }
        if done > assigned {
            return LocalizedText(vi: "Số nhiệm vụ hoàn thành (\(onTime) đúng hạn, \(late) chậm) vượt số được giao (\(assigned))",
                                 en: "Tasks done (\(onTime) on time, \(late) late) exceed those assigned (\(assigned))")
        }
        if exceeding > done {
            return LocalizedText(vi: "Số nhiệm vụ vượt yêu cầu (\(exceeding)) vượt số đã hoàn thành (\(done))",
                                 en: "Tasks done beyond requirements (\(exceeding)) exceed those done (\(done))")
        }
        return nil
    }

    /// The best level these tasks allow under the active rules, with the rule that sets it; nil when no
    /// rule limits it (no task was assigned, or the rules are off).
    public func limit(under rules: [RatingRule]) -> (level: RatingLevel, rule: RatingRule)? {
        guard assigned > 0 else { return nil }
        let onTimeRule = rules.first { $0.kind == .tasksOnTime && $0.active }
        if let rule = onTimeRule {
            let lateShare = rule.parameter ?? 0
            if done < assigned || Double(late) > lateShare * Double(assigned) + 1e-9 { return (.notCompleted, rule) }
            if late > 0 { return (.completed, rule) }
        }
        if let rule = rules.first(where: { $0.kind == .excellentExceeding && $0.active }),
           Double(exceeding) + 1e-9 < (rule.parameter ?? 0) * Double(assigned) {
            return (.good, rule)
        }
        return nil
    }

    /// "5 nhiệm vụ được giao: 4 đúng hạn, 1 chậm, 1 vượt yêu cầu".
    public var summary: LocalizedText {
        LocalizedText(vi: "\(assigned) nhiệm vụ được giao: \(onTime) đúng hạn, \(late) chậm tiến độ, \(exceeding) vượt yêu cầu",
                      en: "\(assigned) tasks assigned: \(onTime) on time, \(late) late, \(exceeding) beyond requirements")
    }
}
