/// The four levels of Quy định 366-QĐ/TW (2025), from a score out of 100.
public enum RatingLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// Hoàn thành xuất sắc nhiệm vụ: 90 and above.
    case excellent
    /// Hoàn thành tốt nhiệm vụ: 70–89.
    case good
    /// Hoàn thành nhiệm vụ: 50–69.
    case completed
    /// Không hoàn thành nhiệm vụ: below 50.
    case notCompleted = "not_completed"

    /// The level a score earns before any condition caps it.
    public init(score: Int) {
        switch score {
        case 90...: self = .excellent
        case 70..<90: self = .good
        case 50..<70: self = .completed
        default: self = .notCompleted
        }
    }

    /// Better levels compare greater.
    public static func < (lhs: RatingLevel, rhs: RatingLevel) -> Bool {
        allCases.firstIndex(of: lhs)! > allCases.firstIndex(of: rhs)!
    }

    public var label: LocalizedText {
        switch self {
        case .excellent: return LocalizedText(vi: "Hoàn thành xuất sắc nhiệm vụ", en: "Excellent")
        case .good: return LocalizedText(vi: "Hoàn thành tốt nhiệm vụ", en: "Good")
        case .completed: return LocalizedText(vi: "Hoàn thành nhiệm vụ", en: "Completed")
        case .notCompleted: return LocalizedText(vi: "Không hoàn thành nhiệm vụ", en: "Not completed")
        }
    }

    /// A score is a whole number from 0 to 100.
    public static let scores = 0...100
}

/// Why a member is not rated in a period ("không đánh giá"); nil when they are.
public enum NotRatedReason: String, Sendable, Codable, Hashable {
    /// Admitted less than the rule's months before the period's end.
    case recentlyAdmitted = "recently_admitted"
    /// Exempt from Party work and activities (miễn công tác và sinh hoạt đảng).
    case exempt

    public func text(months: Int) -> LocalizedText {
        switch self {
        case .recentlyAdmitted:
            return LocalizedText(vi: "Không đánh giá: kết nạp chưa đủ \(months) tháng tính đến cuối kỳ",
                                 en: "Not rated: admitted less than \(months) months before the period's end")
        case .exempt:
            return LocalizedText(vi: "Không đánh giá: được miễn công tác và sinh hoạt đảng", en: "Not rated: exempt from Party activities")
        }
    }

    /// Whether a member with `status`, admitted on `admittedOn`, is rated in a period ending on `periodEnd`.
    public static func of(status: MemberStatus, admittedOn: CalendarDate?, periodEnd: CalendarDate, minimumMonths: Int?) -> NotRatedReason? {
        if status == .exempt { return .exempt }
        if let minimumMonths, let admittedOn, admittedOn > periodEnd.adding(months: -minimumMonths) { return .recentlyAdmitted }
        return nil
    }
}

extension CalendarDate {
    /// The same day `months` later (or earlier), clamped to the month's last day (31 Aug − 6 months = 28/29 Feb).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))!
    }
}
