import LamTheoCore
import Testing

@Suite("Rating levels and rules")
struct RatingRuleTests {
    @Test("a score maps to the four levels of 366-QĐ/TW at 90, 70 and 50",
          arguments: [(100, RatingLevel.excellent), (90, .excellent), (89, .good), (70, .good), (69, .completed), (50, .completed), (49, .notCompleted), (0, .notCompleted)])
    func boundaries(score: Int, level: RatingLevel) {
        #expect(RatingLevel(score: score) == level)
    }

    @Test("levels order best last, and a disciplined member is capped at completed only while the rule is active")
    func cap() {
        #expect(RatingLevel.excellent > RatingLevel.good && RatingLevel.good > RatingLevel.completed && RatingLevel.completed > RatingLevel.notCompleted)
        let rules = RatingRule.defaults
        #expect(RatingLevel.excellent.capped(disciplined: true, rules: rules) == .completed)
        #expect(RatingLevel.notCompleted.capped(disciplined: true, rules: rules) == .notCompleted)
        #expect(RatingLevel.excellent.capped(disciplined: false, rules: rules) == .excellent)
        let off = rules.map { RatingRule(kind: $0.kind, parameter: $0.parameter, text: $0.text, active: $0.kind != .disciplineCap) }
        #expect(RatingLevel.excellent.capped(disciplined: true, rules: off) == .excellent)
    }

    @Test("the quota allows 20% of the good ratings, rounded down, and explains a breach with the numbers")
    func quota() {
        #expect(ExcellentQuota(excellent: 4, good: 20, share: 0.2).isBroken == false)
        let over = ExcellentQuota(excellent: 5, good: 20, share: 0.2)
        #expect(over.allowed == 4)
        #expect(over.isBroken)
        #expect(ExcellentQuota(excellent: 1, good: 4, share: 0.2).isBroken, "20% of 4 is 0.8: none allowed")
        #expect(ExcellentQuota(excellent: 29, good: 100, share: 0.29).isBroken == false, "no floating-point loss at the boundary")
        let rule = RatingRule.defaults[0]
        let text = over.breach(of: rule, organization: "Đảng bộ phường Bến Nghé")
        #expect(text.vi.contains("Số đảng viên xếp loại hoàn thành xuất sắc (5) vượt 20% số hoàn thành tốt (20) của Đảng bộ phường Bến Nghé"))
        #expect(text.vi.hasPrefix(rule.text.vi))
        #expect(text.en.contains("(5) exceed 20% of those rated good (20)"))
        #expect(ExcellentQuota(excellent: 3, good: 20, share: 0.2).status.vi.hasPrefix("Đã xếp 3/4 xuất sắc được phép"))
    }

    @Test("members admitted less than six months before the period's end and exempt members are not rated")
    func notRated() {
        let end = CalendarDate(year: 2026, month: 12, day: 31)!
        #expect(NotRatedReason.of(status: .full, admittedOn: CalendarDate(year: 2026, month: 7, day: 1), periodEnd: end, minimumMonths: 6) == .recentlyAdmitted)
        #expect(NotRatedReason.of(status: .probationary, admittedOn: CalendarDate(year: 2026, month: 6, day: 30), periodEnd: end, minimumMonths: 6) == nil,
                "exactly six months is enough")
        #expect(NotRatedReason.of(status: .exempt, admittedOn: nil, periodEnd: end, minimumMonths: 6) == .exempt)
        #expect(NotRatedReason.of(status: .full, admittedOn: CalendarDate(year: 2026, month: 12, day: 1), periodEnd: end, minimumMonths: nil) == nil)
        #expect(CalendarDate(year: 2026, month: 8, day: 31)!.adding(months: -6) == CalendarDate(year: 2026, month: 2, day: 28))
        #expect(CalendarDate(year: 2026, month: 3, day: 15)!.adding(months: -6) == CalendarDate(year: 2025, month: 9, day: 15))
    }
}
