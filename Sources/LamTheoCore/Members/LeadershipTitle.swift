/// Which positions make their holder a leader (người đứng đầu, cấp phó) whose commitments are shown as
/// exemplary-responsibility commitments (trách nhiệm nêu gương). A title is a leader's when it starts with
/// one of `prefixes`, compared without case, tones or marks ("Bí thư Chi bộ", "PHÓ BÍ THƯ Đảng ủy"…).
public enum LeadershipTitle {
    public static let prefixes = [
        "Bí thư", "Phó Bí thư", "Thủ trưởng", "Phó Thủ trưởng", "Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch",
    ]

    private static let keys = prefixes.map(VietnameseText.searchKey)

    public static func marksLeader(_ title: String) -> Bool {
        let key = VietnameseText.searchKey(title)
        return keys.contains { key == $0 || key.hasPrefix($0 + " ") }
    }
}
