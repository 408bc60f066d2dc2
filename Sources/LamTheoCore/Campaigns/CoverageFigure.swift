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

    /// "231.700/245.200 (94,5%)" (numbers in vi-VN in both languages, as the reports write them), or "chưa báo cáo" / "not reported".
    public func text(_ language: UILanguage) -> String {
        guard let count else { return Self.notReported(language) }
        let share = VietnameseFormat.percent(count, of: total).map { " (\($0))" } ?? ""
        return "\(VietnameseFormat.integer(count))/\(VietnameseFormat.integer(total))\(share)"
    }

    public static func notReported(_ language: UILanguage) -> String {
        LocalizedText(vi: "chưa báo cáo", en: "not reported")(language)
    }
}
