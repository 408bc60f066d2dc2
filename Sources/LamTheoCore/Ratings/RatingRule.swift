import Foundation

/// The kinds of rule a rating is checked against. The rules themselves are data (table `rating_rules`:
/// parameter, text, active), seeded with `RatingRule.defaults` and edited by administrators.
public enum RatingRuleKind: String, Sendable, Codable, CaseIterable {
    /// The members rated "hoàn thành xuất sắc" in a grassroots organisation may not exceed a share
    /// (parameter, default 0.20) of those rated "hoàn thành tốt" there. Historically Hướng dẫn
    /// 21-HD/BTCTW (2017); 366-QĐ/TW leaves the share to the committees, hence a parameter.
    case excellentQuota = "excellent_quota"
    /// Members admitted less than `parameter` months (default 6) before the period's end are not rated.
    case minimumMonths = "minimum_months"
    /// A member disciplined during the period is rated at most "hoàn thành nhiệm vụ" (no parameter): the
    /// long-standing rule for members' ratings that 366-QĐ/TW keeps. The clause is deliberately not
    /// numbered here: it was not checked against the published text.
    case disciplineCap = "discipline_cap"
    /// Quy định 366-QĐ/TW, Điều 11: "hoàn thành tốt" and above need every task assigned in the period done
    /// on time; "hoàn thành" needs every task done, with at most a share (parameter, default 0.20) late.
    case tasksOnTime = "tasks_on_time"
    /// Quy định 366-QĐ/TW, Điều 11: "hoàn thành xuất sắc" needs at least a share (parameter, default 0.30)
    /// of the tasks done beyond what was required.
    case excellentExceeding = "excellent_exceeding"

    /// Whether the rule's parameter is a share from 0 to 1.
    public var takesShare: Bool { [.excellentQuota, .tasksOnTime, .excellentExceeding].contains(self) }
}

/// One rule as stored.
public struct RatingRule: Sendable, Hashable, Codable {
    public let kind: RatingRuleKind
    /// The share (0.20) or the months (6); nil for rules without one.
    public let parameter: Double?
    public let text: LocalizedText
    public let active: Bool

    public init(kind: RatingRuleKind, parameter: Double?, text: LocalizedText, active: Bool = true) {
        self.kind = kind
        self.parameter = parameter
        self.text = text
        self.active = active
    }

    /// The rules a new installation starts with.
    public static let defaults: [RatingRule] = [
        RatingRule(kind: .excellentQuota, parameter: 0.20, text: LocalizedText(
            vi: "Số đảng viên được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số đảng viên được xếp loại “Hoàn thành tốt nhiệm vụ” của đảng bộ, chi bộ cơ sở",
            en: "Members rated “excellent” may not exceed 20% of those rated “good” in the grassroots organisation")),
        RatingRule(kind: .minimumMonths, parameter: 6, text: LocalizedText(
            vi: "Không đánh giá, xếp loại đảng viên mới kết nạp chưa đủ 6 tháng và đảng viên được miễn công tác và sinh hoạt đảng",
            en: "Members admitted less than 6 months before the period's end and members exempt from Party activities are not rated")),
        RatingRule(kind: .disciplineCap, parameter: nil, text: LocalizedText(
            vi: "Đảng viên bị thi hành kỷ luật trong kỳ đánh giá thì không xếp loại “Hoàn thành tốt nhiệm vụ” trở lên",
            en: "A member disciplined during the period is rated no higher than “completed”")),
    ] + taskRules

    /// The task conditions of Quy định 366-QĐ/TW, Điều 11, added to installations after the first three.
    public static let taskRules: [RatingRule] = [
        RatingRule(kind: .tasksOnTime, parameter: 0.20, text: LocalizedText(
            vi: "Quy định 366-QĐ/TW: xếp loại “Hoàn thành tốt nhiệm vụ” trở lên cần hoàn thành 100% nhiệm vụ được giao đúng tiến độ; “Hoàn thành nhiệm vụ” cần hoàn thành 100% nhiệm vụ, số nhiệm vụ chậm tiến độ không quá 20%",
            en: "Regulation 366-QĐ/TW: “good” and above need every assigned task done on time; “completed” needs every task done, with at most 20% late")),
        RatingRule(kind: .excellentExceeding, parameter: 0.30, text: LocalizedText(
            vi: "Quy định 366-QĐ/TW: xếp loại “Hoàn thành xuất sắc nhiệm vụ” cần ít nhất 30% nhiệm vụ hoàn thành vượt yêu cầu",
            en: "Regulation 366-QĐ/TW: “excellent” needs at least 30% of the tasks done beyond what was required")),
    ]
}

/// How many "xuất sắc" a grassroots organisation has given and may give: "đã xếp 3/4 xuất sắc được phép".
public struct ExcellentQuota: Sendable, Hashable, Codable {
    public let excellent: Int
    public let good: Int
    public let share: Double

    public init(excellent: Int, good: Int, share: Double) {
        self.excellent = excellent
        self.good = good
        self.share = share
    }

    /// The most "xuất sắc" the share of "tốt" allows, rounded down (the rule says "không vượt quá").
    public var allowed: Int { Int((share * Double(good) + 1e-9).rounded(.down)) }

    public var isBroken: Bool { excellent > allowed }

    public var sharePercent: String { VietnameseFormat.percent(Int((share * 1000).rounded()), of: 1000) ?? "0%" }

    /// "Đã xếp 3/4 xuất sắc được phép"; over it (a "tốt" was corrected downward), what to do before closing.
    public var status: LocalizedText {
        let over = isBroken
            ? LocalizedText(vi: ": vượt \(excellent - allowed), cần hạ bớt xếp loại xuất sắc trước khi khóa sổ",
                            en: ": \(excellent - allowed) over, lower an excellent rating before closing")
            : LocalizedText(vi: "", en: "")
        return LocalizedText(vi: "Đã xếp \(excellent)/\(allowed) xuất sắc được phép (\(sharePercent) của \(good) hoàn thành tốt)" + over.vi,
                             en: "\(excellent) of \(allowed) excellent ratings allowed given (\(sharePercent) of \(good) good)" + over.en)
    }

    /// The refusal with the numbers: "Số đảng viên xếp loại hoàn thành xuất sắc (5) vượt 20% số hoàn thành tốt (20) của Đảng bộ …".
    public func breach(of rule: RatingRule, organization: String) -> LocalizedText {
        LocalizedText(
            vi: "\(rule.text.vi). Số đảng viên xếp loại hoàn thành xuất sắc (\(excellent)) vượt \(sharePercent) số hoàn thành tốt (\(good)) của \(organization): được tối đa \(allowed)",
            en: "\(rule.text.en). Members rated excellent (\(excellent)) exceed \(sharePercent) of those rated good (\(good)) in \(organization): at most \(allowed) allowed")
    }
}

extension RatingLevel {
    /// The level after the conditions that cap it: a disciplined member is rated at most "hoàn thành"
    /// when the `disciplineCap` rule is active.
    public func capped(disciplined: Bool, rules: [RatingRule]) -> RatingLevel {
        guard disciplined, rules.contains(where: { $0.kind == .disciplineCap && $0.active }) else { return self }
        return min(self, .completed)
    }
}
