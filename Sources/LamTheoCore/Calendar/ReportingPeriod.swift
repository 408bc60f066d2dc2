/// The periods committees report on (báo cáo tháng, quý, sơ kết 6 tháng, tổng kết năm): which one a day falls in,
/// and the same day of the period before, what a figure is compared with ("so với cùng kỳ").
public enum ReportingPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case month
    case quarter
    case halfYear = "half-year"
    case year

    public var months: Int {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .halfYear: return 6
        case .year: return 12
        }
    }

    public var label: LocalizedText {
        switch self {
        case .month: return LocalizedText(vi: "Tháng", en: "Month")
        case .quarter: return LocalizedText(vi: "Quý", en: "Quarter")
        case .halfYear: return LocalizedText(vi: "6 tháng", en: "Half-year")
        case .year: return LocalizedText(vi: "Năm", en: "Year")
        }
    }

    /// The first day of the period holding `day`: quarters and halves start in January, April, July, October.
    public func start(of day: CalendarDate) -> CalendarDate {
        let month = (day.month - 1) / months * months + 1
        return CalendarDate(year: day.year, month: month, day: 1)!
    }

    /// The last day of the period holding `day`.
    public func end(of day: CalendarDate) -> CalendarDate {
        let next = start(of: day).addingMonths(months)
        return next.adding(days: -1)
    }

    /// The same day in the period before ("cùng kỳ"): as many months back as the period is long, the 31st becoming
    /// the last day of a shorter month.
    public func sameDayBefore(_ day: CalendarDate) -> CalendarDate {
        day.addingMonths(-months)
    }

    /// "Tháng 11/2026", "Quý IV/2026", "6 tháng cuối năm 2026", "Năm 2026".
    public func name(of day: CalendarDate) -> LocalizedText {
        let start = start(of: day)
        switch self {
        case .month:
            return LocalizedText(vi: "Tháng \(start.month)/\(start.year)", en: "\(start.month)/\(start.year)")
        case .quarter:
            let quarter = ["I", "II", "III", "IV"][(start.month - 1) / 3]
            return LocalizedText(vi: "Quý \(quarter)/\(start.year)", en: "Q\((start.month - 1) / 3 + 1) \(start.year)")
        case .halfYear:
            return start.month == 1 ? LocalizedText(vi: "6 tháng đầu năm \(start.year)", en: "First half of \(start.year)")
                                    : LocalizedText(vi: "6 tháng cuối năm \(start.year)", en: "Second half of \(start.year)")
        case .year:
            return LocalizedText(vi: "Năm \(start.year)", en: "\(start.year)")
        }
    }
}

extension CalendarDate {
    /// The same day `count` months later (earlier when negative), the last day of the month when it is shorter; held
    /// at the first or last day of the supported years (a day typed into a page may be 01/01/1800).
    public func addingMonths(_ count: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + count
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        if newYear < CalendarDate.supportedYears.lowerBound { return CalendarDate(year: CalendarDate.supportedYears.lowerBound, month: 1, day: 1)! }
        if newYear > CalendarDate.supportedYears.upperBound { return CalendarDate(year: CalendarDate.supportedYears.upperBound, month: 12, day: 31)! }
        return CalendarDate(year: newYear, month: newMonth, day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))!
    }
}
