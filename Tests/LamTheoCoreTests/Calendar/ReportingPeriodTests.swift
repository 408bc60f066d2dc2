import LamTheoCore
import Testing

@Suite("Reporting periods")
struct ReportingPeriodTests {
    private func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test("the period a day falls in, from its first to its last day")
    func bounds() {
        #expect(ReportingPeriod.month.start(of: day("2026-02-17")) == day("2026-02-01"))
        #expect(ReportingPeriod.month.end(of: day("2028-02-17")) == day("2028-02-29"))
        #expect(ReportingPeriod.quarter.start(of: day("2026-11-25")) == day("2026-10-01"))
        #expect(ReportingPeriod.quarter.end(of: day("2026-11-25")) == day("2026-12-31"))
        #expect(ReportingPeriod.halfYear.start(of: day("2026-06-30")) == day("2026-01-01"))
        #expect(ReportingPeriod.halfYear.start(of: day("2026-07-01")) == day("2026-07-01"))
        #expect(ReportingPeriod.year.end(of: day("2026-03-01")) == day("2026-12-31"))
    }

    @Test("the same day of the period before, the 31st becoming a shorter month's last day")
    func sameDayBefore() {
        #expect(ReportingPeriod.month.sameDayBefore(day("2026-03-31")) == day("2026-02-28"))
        #expect(ReportingPeriod.month.sameDayBefore(day("2026-01-15")) == day("2025-12-15"))
        #expect(ReportingPeriod.quarter.sameDayBefore(day("2026-11-25")) == day("2026-08-25"))
        #expect(ReportingPeriod.year.sameDayBefore(day("2028-02-29")) == day("2027-02-28"))
    }

    @Test("names as the reports write them")
    func names() {
        #expect(ReportingPeriod.quarter.name(of: day("2026-11-25")).vi == "Quý IV/2026")
        #expect(ReportingPeriod.halfYear.name(of: day("2026-11-25")).vi == "6 tháng cuối năm 2026")
        #expect(ReportingPeriod.month.name(of: day("2026-11-25")).vi == "Tháng 11/2026")
    }

    @Test("at the ends of the supported years nothing fails: the day before the first is held at the first")
    func extremes() {
        #expect(ReportingPeriod.year.sameDayBefore(day("1800-06-15")) == day("1800-01-01"))
        #expect(ReportingPeriod.month.end(of: day("2200-12-15")) <= day("2200-12-31"))
        #expect(day("2200-12-31").addingMonths(1) == day("2200-12-31"))
        for period in ReportingPeriod.allCases {
            _ = period.end(of: day("2200-12-31"))
            _ = period.sameDayBefore(day("1800-01-01"))
        }
    }
}
