/// Where a member stands in the Party. Only members on the roll count in a cell's figures.
public enum MemberStatus: String, Sendable, Codable, CaseIterable {
    case probationary      // đảng viên dự bị
    case full              // đảng viên chính thức
    case exempt            // miễn công tác và sinh hoạt đảng
    case transferredOut    // đã chuyển sinh hoạt ra khỏi đảng bộ
    case deceased          // từ trần
    case struckOff         // xóa tên
    case expelled          // khai trừ

    /// On the roll of their cell: counted in membership figures, expected to study and to commit.
    public var isOnRoll: Bool {
        switch self {
        case .probationary, .full, .exempt: return true
        case .transferredOut, .deceased, .struckOff, .expelled: return false
        }
    }
}

public enum Gender: String, Sendable, Codable, CaseIterable {
    case male
    case female
}
