/// The kinds of Party organisation seeded into a new installation. The list is data (table
/// `organization_kinds`) and can be extended; these codes are the ones the product ships with.
public enum StandardOrganizationKind: String, Sendable, CaseIterable {
    case central = "central"                    // Ban Chấp hành Trung ương: the root of a national tree
    case province = "province"                  // Đảng bộ tỉnh, thành phố
    case commune = "commune"                    // Đảng bộ xã, phường, đặc khu
    case upperGrassroots = "upper-grassroots"   // Đảng bộ cấp trên trực tiếp cơ sở
    case grassroots = "grassroots"              // Đảng bộ cơ sở
    case grassrootsCell = "grassroots-cell"     // Chi bộ cơ sở
    case subCommittee = "sub-committee"         // Đảng bộ bộ phận
    case cell = "cell"                          // Chi bộ trực thuộc

    /// Members are enrolled only in cells (chi bộ); committees hold units, not people.
    public var holdsMembers: Bool { self == .grassrootsCell || self == .cell }

    public var vietnameseName: String {
        switch self {
        case .central: return "Trung ương"
        case .province: return "Đảng bộ tỉnh, thành phố"
        case .commune: return "Đảng bộ xã, phường, đặc khu"
        case .upperGrassroots: return "Đảng bộ cấp trên trực tiếp cơ sở"
        case .grassroots: return "Đảng bộ cơ sở"
        case .grassrootsCell: return "Chi bộ cơ sở"
        case .subCommittee: return "Đảng bộ bộ phận"
        case .cell: return "Chi bộ trực thuộc"
        }
    }

    public var englishName: String {
        switch self {
        case .central: return "Central Committee"
        case .province: return "Provincial / city committee"
        case .commune: return "Commune / ward committee"
        case .upperGrassroots: return "Committee directly above grassroots"
        case .grassroots: return "Grassroots committee"
        case .grassrootsCell: return "Grassroots cell"
        case .subCommittee: return "Sub-committee"
        case .cell: return "Cell"
        }
    }
}
