/// A figure such as "231.700/245.200 đảng viên đã học tập, đạt 94,5%": a count out of a whole, or
/// nothing at all when no unit under it has reported. Missing data must read "chưa báo cáo", never 0%.
public struct CoverageFigure: Sendable, Hashable, Codable {
    /// nil: no unit counted here has reported anything for this figure.
    public let count: Int?
    public let total: Int

    public init(count: Int?, total: Int) {
        self.count = count
        self.total = total
    }

    public var isReported: Bool { count != nil }

    /// The share in [0, 1]; nil when not reported or when the whole is empty.
    public var ratio: Double? {
        guard let count, total > 0 else { return nil }
        return Double(count) / Double(total)
    }

    /// The percentage the page writes, as a number: `VietnameseFormat.percentValue` of the counts (201 of 400 is
    /// 50.3, as its text says "50,3%"). nil when not reported or when the whole is empty.
    public var percent: Double? {
        count.flatMap { VietnameseFormat.percentValue($0, of: total) }
    }

    /// "231.700/245.200 (94,5%)" ("231,700/245,200 (94.5%)" in English), with what it counts after the whole when
    /// `counting` is given ("30/2.180 đảng viên (1,4%)"), so that a figure beside another says what it is out of;
    /// "chưa báo cáo" / "not reported"; "—" when there is nothing to count (no member, no obligation).
    public func text(_ language: UILanguage, counting noun: LocalizedText? = nil) -> String {
        guard let count else { return Self.notReported(language) }
        guard total != 0 else { return "—" }
        let numbers = NumberFormat(language)
        let share = numbers.percent(count, of: total).map { " (\($0))" } ?? ""
        let counted = noun.map { " " + $0(language) } ?? ""
        return "\(numbers.integer(count))/\(numbers.integer(total))\(counted)\(share)"
    }

    public static func notReported(_ language: UILanguage) -> String {
        LocalizedText(vi: "chưa báo cáo", en: "not reported")(language)
    }
}
