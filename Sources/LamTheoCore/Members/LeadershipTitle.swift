/// Which positions make their holder a leader (người đứng đầu, cấp phó) whose commitments are shown as
/// exemplary-responsibility commitments (trách nhiệm nêu gương). A title is a leader's when it starts with
/// one of `prefixes`, compared without case, tones or marks ("Bí thư Chi bộ", "PHÓ BÍ THƯ Đảng ủy"…).
public enum LeadershipTitle {
    public static let prefixes = [
        "Bí thư", "Phó Bí thư", "Thủ trưởng", "Phó Thủ trưởng", "Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch",
    ]

    /// The heads (người đứng đầu) among `prefixes`: the same titles without their deputies.
    public static let headPrefixes = prefixes.filter { !$0.hasPrefix("Phó ") }

    private static let keys = prefixes.map(VietnameseText.searchKey)
    private static let headKeys = headPrefixes.map(VietnameseText.searchKey)

    public static func marksLeader(_ title: String) -> Bool {
        starts(title, with: keys)
    }

    /// Whether the title's holder heads the unit where it is held ("Bí thư Chi bộ", not "Phó Bí thư").
    public static func marksHead(_ title: String) -> Bool {
        starts(title, with: headKeys)
    }

    private static func starts(_ title: String, with keys: [String]) -> Bool {
        let key = VietnameseText.searchKey(title)
        return keys.contains { key == $0 || key.hasPrefix($0 + " ") }
    }
}
