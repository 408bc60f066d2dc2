/// Words about a unit that fit the unit: its name already says "Đảng bộ" or "Chi bộ", and a cell has nothing under it.
public enum UnitWording {
    /// The heading of a unit's figures over its whole subtree: "Toàn Đảng bộ Thành phố Hồ Chí Minh" (not "Toàn đảng bộ
    /// Đảng bộ…"), "Toàn đảng bộ Phường Bến Nghé" for a name without its kind, and a cell's name alone, since a cell
    /// has nothing under it.
    public static func whole(_ name: String, isCell: Bool) -> LocalizedText {
        if isCell { return LocalizedText(vi: name, en: name) }
        let vi = startsWithPartyWord(name) ? "Toàn \(name)" : "Toàn đảng bộ \(name)"
        return LocalizedText(vi: vi, en: "\(name) and everything under it")
    }

    /// Whether the name begins with the word for a Party organisation ("Đảng bộ …", "Chi bộ …", "Đảng ủy …"),
    /// whatever its case and marks.
    public static func startsWithPartyWord(_ name: String) -> Bool {
        let folded = VietnameseText.searchKey(name)
        return ["dang bo ", "chi bo ", "dang uy "].contains { folded.hasPrefix($0) }
    }

    /// "2/91 chi bộ đã báo cáo" ("2 of 91 cells reported"), or a sentence when there is no cell with members below:
    /// never "1/0".
    public static func reporting(_ reported: Int, of cells: Int, language: UILanguage) -> String {
        guard cells > 0 else { return LocalizedText(vi: "Chưa có chi bộ nào có đảng viên", en: "No cell with members yet")(language) }
        let numbers = NumberFormat(language)
        return LocalizedText(vi: "\(numbers.integer(reported))/\(numbers.integer(cells)) chi bộ đã báo cáo",
                             en: "\(numbers.integer(reported)) of \(numbers.integer(cells)) cells reported")(language)
    }
}
