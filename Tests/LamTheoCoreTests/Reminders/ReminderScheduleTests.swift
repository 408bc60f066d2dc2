import LamTheoCore
import Testing

@Suite("Reminder schedules")
struct ReminderScheduleTests {
    let due = CalendarDate(year: 2026, month: 12, day: 20)!

    func step(_ schedule: ReminderSchedule, daysLeft: Int) -> String? {
        schedule.step(dueOn: due, today: due.adding(days: -daysLeft))?.description
    }

    @Test("the standard series: nothing before 7 days out, 7 and 1 days before, on the day, then every 3 days late")
    func standard() {
        let schedule = ReminderSchedule.standard
        #expect(step(schedule, daysLeft: 30) == nil)
        #expect(step(schedule, daysLeft: 8) == nil)
        #expect((2...7).map { step(schedule, daysLeft: $0) } == Array(repeating: "before-7", count: 6), "caught up until the next step")
        #expect(step(schedule, daysLeft: 1) == "before-1")
        #expect(step(schedule, daysLeft: 0) == "due")
        #expect(step(schedule, daysLeft: -1) == "due" && step(schedule, daysLeft: -2) == "due")
        #expect(step(schedule, daysLeft: -3) == "late-3" && step(schedule, daysLeft: -5) == "late-3")
        #expect(step(schedule, daysLeft: -6) == "late-6" && step(schedule, daysLeft: -31) == "late-30")
    }

    @Test("a schedule without the day or repeats: the last reminder before stands; none when nothing is due")
    func sparse() {
        let beforeOnly = ReminderSchedule(daysBefore: [3], onTheDay: false, repeatEvery: 0, escalateAfter: 0, escalateAgainAfter: 0)
        #expect(step(beforeOnly, daysLeft: 4) == nil)
        #expect(step(beforeOnly, daysLeft: 3) == "before-3" && step(beforeOnly, daysLeft: -10) == "before-3")
        let lateOnly = ReminderSchedule(daysBefore: [], onTheDay: false, repeatEvery: 2, escalateAfter: 0, escalateAgainAfter: 0)
        #expect(step(lateOnly, daysLeft: 0) == nil && step(lateOnly, daysLeft: -1) == nil)
        #expect(step(lateOnly, daysLeft: -2) == "late-2" && step(lateOnly, daysLeft: -5) == "late-4")
    }

    @Test("escalation: the parent after 5 days late, the grandparent too after 10 more; never when 0")
    func escalation() {
        let schedule = ReminderSchedule.standard
        #expect(schedule.escalationLevels(dueOn: due, today: due.adding(days: 4)) == 0)
        #expect(schedule.escalationLevels(dueOn: due, today: due.adding(days: 5)) == 1)
        #expect(schedule.escalationLevels(dueOn: due, today: due.adding(days: 14)) == 1)
        #expect(schedule.escalationLevels(dueOn: due, today: due.adding(days: 15)) == 2)
        #expect(schedule.escalationLevels(dueOn: due, today: due.adding(days: -3)) == 0)
        let never = ReminderSchedule(daysBefore: [1], onTheDay: true, repeatEvery: 1, escalateAfter: 0, escalateAgainAfter: 0)
        #expect(never.escalationLevels(dueOn: due, today: due.adding(days: 100)) == 0)
    }

    @Test("refused: negative or zero days before, days beyond a year, negative intervals, the second level without the first, a schedule that sends nothing")
    func problems() {
        func fields(_ schedule: ReminderSchedule) -> [String] { schedule.problems.map(\.field) }
        #expect(ReminderSchedule.standard.problems.isEmpty)
        #expect(fields(ReminderSchedule(daysBefore: [-3, 1], onTheDay: true, repeatEvery: 3, escalateAfter: 5, escalateAgainAfter: 0)) == ["daysBefore"])
        #expect(fields(ReminderSchedule(daysBefore: [0], onTheDay: true, repeatEvery: 3, escalateAfter: 5, escalateAgainAfter: 0)) == ["daysBefore"])
        #expect(fields(ReminderSchedule(daysBefore: [400], onTheDay: true, repeatEvery: 3, escalateAfter: 5, escalateAgainAfter: 0)) == ["daysBefore"])
        #expect(fields(ReminderSchedule(daysBefore: [7], onTheDay: true, repeatEvery: -1, escalateAfter: -5, escalateAgainAfter: 0))
                == ["repeatEvery", "escalateAfter"])
        #expect(fields(ReminderSchedule(daysBefore: [7], onTheDay: true, repeatEvery: 3, escalateAfter: 0, escalateAgainAfter: 4)) == ["escalateAgainAfter"])
        #expect(fields(ReminderSchedule(daysBefore: [], onTheDay: false, repeatEvery: 0, escalateAfter: 0, escalateAgainAfter: 0)) == ["daysBefore"])
    }

    @Test("days before as a form writes them: commas or spaces, repeats and order ignored; a word is not a number")
    func parsing() {
        #expect(ReminderSchedule.daysBefore(parsing: "7, 1") == [7, 1])
        #expect(ReminderSchedule.daysBefore(parsing: "1 7;7") == [1, 7, 7])
        #expect(ReminderSchedule.daysBefore(parsing: "") == [])
        #expect(ReminderSchedule.daysBefore(parsing: "-3") == [-3])
        #expect(ReminderSchedule.daysBefore(parsing: "bảy") == nil)
        #expect(ReminderSchedule(daysBefore: [1, 7, 7], onTheDay: true, repeatEvery: 0, escalateAfter: 0, escalateAgainAfter: 0).daysBeforeText == "7,1")
    }
}
