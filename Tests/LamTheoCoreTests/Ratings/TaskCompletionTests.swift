import LamTheoCore
import Testing

@Suite("Task conditions of 366-QĐ/TW")
struct TaskCompletionTests {
    let rules = RatingRule.defaults

    @Test("every task on time and 30% beyond requirements allow excellent; fewer beyond allow good")
    func excellent() {
        #expect(TaskCompletion(assigned: 10, onTime: 10, late: 0, exceeding: 3).limit(under: rules) == nil)
        let limit = TaskCompletion(assigned: 10, onTime: 10, late: 0, exceeding: 2).limit(under: rules)
        #expect(limit?.level == .good)
        #expect(limit?.rule.kind == .excellentExceeding)
    }

    @Test("a late task allows completed while at most 20% are late; more late, or a task not done, allow not completed")
    func late() {
        #expect(TaskCompletion(assigned: 5, onTime: 4, late: 1, exceeding: 5).limit(under: rules)?.level == .completed)
        #expect(TaskCompletion(assigned: 5, onTime: 3, late: 2, exceeding: 0).limit(under: rules)?.level == .notCompleted)
        #expect(TaskCompletion(assigned: 5, onTime: 4, late: 0, exceeding: 0).limit(under: rules)?.level == .notCompleted, "a task not done")
        #expect(TaskCompletion(assigned: 5, onTime: 4, late: 0, exceeding: 0).limit(under: rules)?.rule.kind == .tasksOnTime)
    }

    @Test("no task assigned, or the rules off, limit nothing")
    func off() {
        #expect(TaskCompletion(assigned: 0, onTime: 0, late: 0, exceeding: 0).limit(under: rules) == nil)
        let off = rules.map { RatingRule(kind: $0.kind, parameter: $0.parameter, text: $0.text, active: false) }
        #expect(TaskCompletion(assigned: 5, onTime: 0, late: 0, exceeding: 0).limit(under: off) == nil)
    }

    @Test("counts that cannot be are named")
    func inconsistent() {
        #expect(TaskCompletion(assigned: 2, onTime: 2, late: 1, exceeding: 0).inconsistency != nil)
        #expect(TaskCompletion(assigned: 2, onTime: 1, late: 0, exceeding: 2).inconsistency != nil)
        #expect(TaskCompletion(assigned: -1, onTime: 0, late: 0, exceeding: 0).inconsistency != nil)
        #expect(TaskCompletion(assigned: 2, onTime: 1, late: 1, exceeding: 1).inconsistency == nil)
    }
}
