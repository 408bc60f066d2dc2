/// How large a unit is, which decides its kind: a grassroots cell (chi bộ cơ sở), a grassroots committee
/// (đảng bộ cơ sở) made of cells, or a committee directly above grassroots whose units come from its own catalogue.
indirect enum SyntheticUnitSize: Sendable {
    case cell
    case committee(SyntheticCellStyle)
    case upper(SyntheticUnitCatalogue)
}

/// A unit to create: its name without "Đảng bộ"/"Chi bộ", which the size decides.
struct SyntheticUnitTemplate: Sendable {
    let name: String
    let size: SyntheticUnitSize

    init(_ name: String, _ size: SyntheticUnitSize) {
        self.name = name
        self.size = size
    }
}

/// Where further units come from once a catalogue's list is used up.
enum SyntheticUnitPattern: Sendable {
    /// "Trung đoàn" becomes "Trung đoàn 1", "Trung đoàn 2", …
    case numbered(String, SyntheticUnitSize)
    /// "Công ty Cổ phần Xây dựng Hòa Bình": a committee when large, a cell otherwise.
    case company
    /// "Trường THPT Nguyễn Du".
    case highSchool
    /// "Hợp tác xã Nông nghiệp Thành Công".
    case cooperative
}

/// The units found under one sort of committee: the ones every such committee has, in order of importance,
/// then, while its member budget lasts, units drawn from the patterns (none: the committee ends with its list).
struct SyntheticUnitCatalogue: Sendable {
    let listed: [SyntheticUnitTemplate]
    let more: SyntheticWeighted<SyntheticUnitPattern>?
}

/// Names of the cells inside a grassroots committee: the named ones first, then numbered ones; large
/// committees group some cells under sub-committees (đảng bộ bộ phận).
struct SyntheticCellStyle: Sendable {
    let named: [String]
    let numbered: String
    let subCommittee: String

    static let enterprise = SyntheticCellStyle(
        named: ["Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Kinh doanh", "Phòng Tài chính - Kế toán", "Phòng Kỹ thuật"],
        numbered: "Phân xưởng", subCommittee: "Xí nghiệp")
    static let hospital = SyntheticCellStyle(
        named: ["Khối Hành chính", "Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Cấp cứu",
                "Khoa Hồi sức tích cực - Chống độc", "Khoa Dược", "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh"],
        numbered: "Liên khoa", subCommittee: "Khối")
    static let education = SyntheticCellStyle(
        named: ["Khối Văn phòng", "Phòng Đào tạo", "Khoa Kinh tế", "Khoa Luật", "Khoa Công nghệ thông tin",
                "Khoa Ngoại ngữ", "Khoa Khoa học cơ bản"],
        numbered: "Sinh viên", subCommittee: "Khối")
    static let agency = SyntheticCellStyle(
        named: ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Thanh tra", "Phòng Pháp chế"],
        numbered: "Phòng Nghiệp vụ", subCommittee: "Khối")
    static let police = SyntheticCellStyle(named: ["Đội Tham mưu - Tổng hợp", "Đội Hậu cần"], numbered: "Đội", subCommittee: "Tiểu đoàn")
    static let military = SyntheticCellStyle(
        named: ["Cơ quan Tham mưu", "Cơ quan Chính trị", "Cơ quan Hậu cần - Kỹ thuật"],
        numbered: "Đại đội", subCommittee: "Tiểu đoàn")
}

/// A block directly under the Central Committee, beside the provinces.
struct SyntheticCentralBlock: Sendable {
    let code: String
    let name: String
    /// Approximate members; a block whose list of units ends first stays smaller.
    let members: Int
    let catalogue: SyntheticUnitCatalogue
}

/// One of the committees a province has beside its communes (the "đảng bộ trực thuộc" of its five blocks).
struct SyntheticProvincialBlock: Sendable {
    let code: String
    let name: String
    /// Relative share of the province's block members.
    let weight: Int
    let catalogue: SyntheticUnitCatalogue
}

enum SyntheticUnits {
    /// Cells of a commune's own apparatus, most important first; `word` is "phường", "xã" or "đặc khu".
    static func communeAgencies(_ word: String) -> [String] {
        ["Cơ quan Đảng ủy - Mặt trận Tổ quốc \(word)", "Cơ quan Ủy ban nhân dân \(word)", "Công an \(word)",
         "Quân sự \(word)", "Trạm Y tế \(word)"]
    }

    static let schoolLevels = SyntheticWeighted<String>([("Mầm non", 35), ("Tiểu học", 35), ("THCS", 30)])
    static let kindergartenNames = [
        "Hoa Sen", "Họa Mi", "Sơn Ca", "Hoa Mai", "Tuổi Thơ", "Măng Non", "Vàng Anh", "Hướng Dương", "Hoa Hồng",
        "Bình Minh", "Ánh Dương", "Sao Mai", "Hoa Cúc", "Rạng Đông",
    ]
    /// Historical figures that schools are named after.
    static let schoolPatrons = [
        "Nguyễn Du", "Lê Quý Đôn", "Chu Văn An", "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Nguyễn Bỉnh Khiêm",
        "Lương Thế Vinh", "Võ Thị Sáu", "Lê Văn Tám", "Kim Đồng", "Nguyễn Văn Trỗi", "Trần Quốc Toản",
        "Phan Bội Châu", "Nguyễn Đình Chiểu", "Nguyễn Thị Minh Khai", "Trưng Vương", "Ngô Quyền", "Đinh Tiên Hoàng",
        "Quang Trung", "Lê Hồng Phong", "Hoàng Hoa Thám", "Tô Hiến Thành", "Lý Thường Kiệt", "Trần Phú",
        "Phan Chu Trinh", "Võ Trường Toản", "Nguyễn Khuyến", "Hàm Nghi", "Lê Thánh Tông",
    ]

    static let companyFormsLarge = ["Tổng công ty", "Công ty TNHH MTV", "Công ty Cổ phần"]
    static let companyFormsSmall = ["Công ty Cổ phần", "Công ty TNHH", "Công ty TNHH MTV"]
    static let companyTrades = [
        "Xây dựng", "Thương mại", "Dịch vụ", "Cơ khí", "Dệt may", "Vận tải", "Du lịch", "Điện lực", "Cấp nước",
        "Môi trường đô thị", "Xuất nhập khẩu", "Thực phẩm", "Dược phẩm", "Công nghệ", "Bao bì", "Lương thực",
        "Cao su", "Thủy sản", "Phát triển nhà", "Đầu tư",
    ]
    static let companyBrands = [
        "Hòa Bình", "Thành Công", "Phú Thịnh", "Tân Tiến", "Việt Thắng", "Sao Mai", "Hồng Hà", "Bình Minh",
        "Phương Nam", "Đông Á", "Trường An", "Thăng Long", "Hoàng Long", "Nam Việt", "Đại Phát", "Sông Hồng",
        "Cửu Long", "Trường Sơn", "Hưng Thịnh", "An Phát",
    ]

    /// Enterprises, high schools and cooperatives located in a commune.
    static let communeLocal = SyntheticUnitCatalogue(listed: [], more: SyntheticWeighted([
        (.company, 60), (.highSchool, 15), (.cooperative, 15),
    ]))

    /// The five blocks beside the communes; their names follow the province ("Đảng bộ Công an Thành phố").
    static func provincialBlocks(for province: SyntheticProvince) -> [SyntheticProvincialBlock] {
        let level = province.levelWord
        let committee = province.committeeWord
        let hospital = SyntheticUnitSize.committee(.hospital)
        let agency = SyntheticUnitSize.committee(.agency)
        let police = SyntheticUnitSize.committee(.police)
        let military = SyntheticUnitSize.committee(.military)

        let partyAgencies = SyntheticUnitCatalogue(listed: [
            .init("Văn phòng \(committee)", agency), .init("Ban Tổ chức \(committee)", .cell),
            .init("Ban Tuyên giáo và Dân vận \(committee)", .cell), .init("Ủy ban Kiểm tra \(committee)", .cell),
            .init("Ban Nội chính \(committee)", .cell), .init("Ban Chính sách, chiến lược \(committee)", .cell),
            .init("Trường Chính trị \(province.name)", .cell),
            .init("Báo và Phát thanh, Truyền hình \(province.name)", .committee(.enterprise)),
        ], more: nil)
        let government = SyntheticUnitCatalogue(listed: [
            .init("Văn phòng Ủy ban nhân dân \(level)", .cell), .init("Sở Tài chính", agency), .init("Sở Nội vụ", .cell),
            .init("Sở Tư pháp", .cell), .init("Sở Xây dựng", agency), .init("Sở Công Thương", .cell),
            .init("Sở Nông nghiệp và Môi trường", agency), .init("Sở Giáo dục và Đào tạo", agency),
            .init("Sở Y tế", agency), .init("Sở Khoa học và Công nghệ", .cell),
            .init("Sở Văn hóa, Thể thao và Du lịch", agency), .init("Sở Dân tộc và Tôn giáo", .cell),
            .init("Thanh tra \(level)", .cell), .init("Bệnh viện Đa khoa \(province.name)", hospital),
            .init("Bệnh viện Nhi đồng \(province.name)", hospital), .init("Bệnh viện Y học cổ truyền", .cell),
            .init("Trung tâm Kiểm soát bệnh tật", .cell),
            .init("Trường Đại học \(province.name)", .committee(.education)),
            .init("Trường Cao đẳng Y tế", .cell), .init("Ban Quản lý các khu công nghiệp", .cell),
            .init("Công ty TNHH MTV Xổ số kiến thiết \(province.name)", .cell),
        ], more: SyntheticWeighted([
            (.highSchool, 50), (.company, 35), (.numbered("Trung tâm Y tế khu vực", hospital), 15),
        ]))
        let front = SyntheticUnitCatalogue(listed: [
            .init("Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam \(level)", .cell),
            .init("Hội Liên hiệp Phụ nữ \(level)", .cell), .init(province.isCity ? "Thành đoàn" : "Tỉnh đoàn", .cell),
            .init("Hội Nông dân \(level)", .cell), .init("Hội Cựu chiến binh \(level)", .cell),
            .init("Liên đoàn Lao động \(level)", .cell), .init("Liên hiệp các Hội Khoa học và Kỹ thuật \(level)", .cell),
            .init("Hội Chữ thập đỏ \(level)", .cell), .init("Liên hiệp các tổ chức hữu nghị \(level)", .cell),
            .init("Hội Văn học Nghệ thuật \(level)", .cell),
        ], more: nil)
        let militaryCommand = SyntheticUnitCatalogue(listed: [
            .init("Cơ quan Bộ Chỉ huy Quân sự \(level)", military),
            .init("Bộ Chỉ huy Bộ đội Biên phòng \(level)", military), .init("Trường Quân sự \(level)", .cell),
        ], more: SyntheticWeighted([(.numbered("Ban Chỉ huy Phòng thủ khu vực", military), 1)]))
        let publicSecurity = SyntheticUnitCatalogue(listed: [
            .init("Phòng Tham mưu", .cell), .init("Phòng Công tác Đảng và công tác chính trị", .cell),
            .init("Phòng Tổ chức cán bộ", .cell), .init("Phòng Hậu cần", .cell),
            .init("Phòng An ninh chính trị nội bộ", .cell), .init("Phòng Cảnh sát hình sự", police),
            .init("Phòng Cảnh sát giao thông", police), .init("Phòng Cảnh sát cơ động", police),
            .init("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", police),
            .init("Phòng Cảnh sát điều tra tội phạm về ma túy", .cell), .init("Phòng Cảnh sát kinh tế", .cell),
            .init("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", .cell),
            .init("Phòng Cảnh sát quản lý hành chính về trật tự xã hội", police),
            .init("Phòng Quản lý xuất nhập cảnh", .cell), .init("Trại tạm giam", police),
        ], more: SyntheticWeighted([
            (.numbered("Đội Cảnh sát giao thông đường bộ số", .cell), 2), (.numbered("Tiểu đoàn Cảnh sát cơ động", police), 1),
        ]))

        // Weights: the government block (agencies, hospitals, schools, state companies) is by far the largest.
        return [
            SyntheticProvincialBlock(code: "CQD", name: "Đảng bộ Các cơ quan Đảng \(level)", weight: 4, catalogue: partyAgencies),
            SyntheticProvincialBlock(code: "UBND", name: "Đảng bộ Ủy ban nhân dân \(level)", weight: 52, catalogue: government),
            SyntheticProvincialBlock(code: "MTTQ", name: "Đảng bộ Mặt trận Tổ quốc, các đoàn thể \(level)", weight: 4, catalogue: front),
            SyntheticProvincialBlock(code: "QS", name: "Đảng bộ Quân sự \(level)", weight: 14, catalogue: militaryCommand),
            SyntheticProvincialBlock(code: "CA", name: "Đảng bộ Công an \(level)", weight: 26, catalogue: publicSecurity),
        ]
    }

    /// The blocks directly under the Central Committee beside the provinces, with approximate member budgets.
    static let centralBlocks = [
        SyntheticCentralBlock(code: "TW-CQD", name: "Đảng bộ Các cơ quan Đảng Trung ương", members: 12_000,
                              catalogue: centralPartyAgencies),
        SyntheticCentralBlock(code: "TW-CP", name: "Đảng bộ Chính phủ", members: 110_000, catalogue: government),
        SyntheticCentralBlock(code: "TW-QH", name: "Đảng bộ Quốc hội", members: 4_000, catalogue: nationalAssembly),
        SyntheticCentralBlock(code: "TW-MT", name: "Đảng bộ Mặt trận Tổ quốc, các đoàn thể Trung ương", members: 6_000,
                              catalogue: centralFront),
        SyntheticCentralBlock(code: "TW-QD", name: "Đảng bộ Quân đội", members: 250_000, catalogue: army),
        SyntheticCentralBlock(code: "TW-CA", name: "Đảng bộ Công an Trung ương", members: 150_000,
                              catalogue: centralPublicSecurity),
    ]

    static let centralPartyAgencies = SyntheticUnitCatalogue(listed: [
        .init("Văn phòng Trung ương Đảng", .committee(.agency)), .init("Ban Tổ chức Trung ương", .committee(.agency)),
        .init("Ban Tuyên giáo và Dân vận Trung ương", .committee(.agency)),
        .init("Ủy ban Kiểm tra Trung ương", .committee(.agency)), .init("Ban Nội chính Trung ương", .committee(.agency)),
        .init("Ban Chính sách, chiến lược Trung ương", .committee(.agency)),
        .init("Ban Đối ngoại Trung ương", .committee(.agency)), .init("Báo Nhân Dân", .committee(.enterprise)),
        .init("Tạp chí Cộng sản", .cell), .init("Học viện Chính trị quốc gia Hồ Chí Minh", .upper(academy)),
        .init("Nhà xuất bản Chính trị quốc gia Sự thật", .cell), .init("Hội đồng Lý luận Trung ương", .cell),
    ], more: nil)

    /// Ministries, state groups, national universities and media.
    static let government = SyntheticUnitCatalogue(listed: [
        "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
        "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
        "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam",
        "Thanh tra Chính phủ", "Văn phòng Chính phủ", "Tập đoàn Điện lực Việt Nam",
        "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", "Tập đoàn Bưu chính Viễn thông Việt Nam",
        "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "Đại học Quốc gia Hà Nội",
        "Đại học Quốc gia Thành phố Hồ Chí Minh", "Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam",
        "Thông tấn xã Việt Nam",
    ].map { SyntheticUnitTemplate($0, .upper(ministry)) }, more: nil)

    static let nationalAssembly = SyntheticUnitCatalogue(listed: [
        .init("Văn phòng Quốc hội", .committee(.agency)), .init("Kiểm toán Nhà nước", .committee(.agency)),
        .init("Hội đồng Dân tộc", .cell), .init("Ủy ban Pháp luật và Tư pháp", .cell),
        .init("Ủy ban Kinh tế và Tài chính", .cell), .init("Ủy ban Văn hóa và Xã hội", .cell),
        .init("Ủy ban Khoa học, Công nghệ và Môi trường", .cell),
        .init("Ủy ban Quốc phòng, An ninh và Đối ngoại", .cell), .init("Ban Công tác đại biểu", .cell),
        .init("Báo Đại biểu Nhân dân", .cell), .init("Truyền hình Quốc hội", .cell),
        .init("Viện Nghiên cứu lập pháp", .cell),
    ], more: nil)

    static let centralFront = SyntheticUnitCatalogue(listed: [
        .init("Cơ quan Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", .committee(.agency)),
        .init("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", .committee(.agency)),
        .init("Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", .committee(.agency)),
        .init("Tổng Liên đoàn Lao động Việt Nam", .committee(.agency)),
        .init("Trung ương Hội Nông dân Việt Nam", .committee(.agency)),
        .init("Trung ương Hội Cựu chiến binh Việt Nam", .cell), .init("Báo Đại Đoàn Kết", .cell),
        .init("Báo Phụ nữ Việt Nam", .cell), .init("Báo Tiền Phong", .cell), .init("Báo Lao Động", .cell),
        .init("Trường Đại học Công đoàn", .committee(.education)), .init("Học viện Phụ nữ Việt Nam", .cell),
    ], more: nil)

    /// Military regions, services, corps, arms, academies and defence enterprises; then divisions.
    static let army = SyntheticUnitCatalogue(listed: [
        "Quân khu 1", "Quân khu 2", "Quân khu 3", "Quân khu 4", "Quân khu 5", "Quân khu 7", "Quân khu 9",
        "Bộ Tư lệnh Thủ đô Hà Nội", "Quân chủng Phòng không - Không quân", "Quân chủng Hải quân",
        "Bộ đội Biên phòng", "Cảnh sát biển Việt Nam", "Quân đoàn 12", "Quân đoàn 34", "Binh chủng Pháo binh",
        "Binh chủng Công binh", "Binh chủng Thông tin liên lạc", "Binh chủng Tăng thiết giáp",
        "Binh chủng Hóa học", "Binh chủng Đặc công", "Tổng cục Chính trị", "Tổng cục Hậu cần - Kỹ thuật",
        "Tổng cục Công nghiệp quốc phòng", "Học viện Quốc phòng", "Học viện Lục quân", "Học viện Chính trị",
        "Học viện Quân y", "Tập đoàn Công nghiệp - Viễn thông Quân đội", "Tổng công ty Tân Cảng Sài Gòn",
    ].map { SyntheticUnitTemplate($0, .upper(militaryCommand)) },
        more: SyntheticWeighted([(.numbered("Sư đoàn", .upper(militaryCommand)), 1)]))

    /// Commands, academies and departments of the Ministry of Public Security.
    static let centralPublicSecurity = SyntheticUnitCatalogue(listed: [
        .init("Bộ Tư lệnh Cảnh sát cơ động", .upper(policeDepartment)), .init("Bộ Tư lệnh Cảnh vệ", .upper(policeDepartment)),
        .init("Học viện An ninh nhân dân", .committee(.education)), .init("Học viện Cảnh sát nhân dân", .committee(.education)),
        .init("Trường Đại học Phòng cháy chữa cháy", .committee(.education)), .init("Bệnh viện 19-8", .committee(.hospital)),
        .init("Báo Công an nhân dân", .committee(.enterprise)),
    ] + [
        "Văn phòng Bộ Công an", "Cục Tổ chức cán bộ", "Cục Công tác đảng và công tác chính trị",
        "Cục An ninh chính trị nội bộ", "Cục Cảnh sát hình sự", "Cục Cảnh sát giao thông",
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Cục Quản lý xuất nhập cảnh", "Cục Hậu cần",
        "Cục Kỹ thuật nghiệp vụ", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "Cục Cảnh sát điều tra tội phạm về ma túy", "Cục Cảnh sát kinh tế",
        "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "Cục Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    ].map { SyntheticUnitTemplate($0, .upper(policeDepartment)) },
        more: SyntheticWeighted([(.numbered("Trung đoàn Cảnh sát cơ động", .upper(policeDepartment)), 1)]))

    /// Inside a ministry, a state group or a national broadcaster.
    static let ministry = SyntheticUnitCatalogue(listed: [
        .init("Văn phòng", .committee(.agency)), .init("Vụ Tổ chức cán bộ", .cell),
        .init("Vụ Kế hoạch - Tài chính", .cell), .init("Vụ Pháp chế", .cell), .init("Vụ Hợp tác quốc tế", .cell),
        .init("Thanh tra", .cell),
    ], more: SyntheticWeighted([(.company, 1)]))

    static let academy = SyntheticUnitCatalogue(listed: [
        .init("Học viện Chính trị khu vực I", .committee(.education)),
        .init("Học viện Chính trị khu vực II", .committee(.education)),
        .init("Học viện Chính trị khu vực III", .committee(.education)),
        .init("Học viện Chính trị khu vực IV", .committee(.education)),
        .init("Học viện Báo chí và Tuyên truyền", .committee(.education)),
        .init("Cơ quan Học viện", .committee(.agency)),
    ], more: nil)

    /// Inside a military region, corps, arm or academy.
    static let militaryCommand = SyntheticUnitCatalogue(listed: [
        .init("Cơ quan Bộ Tư lệnh", .committee(.military)),
    ], more: SyntheticWeighted([
        (.numbered("Trung đoàn", .committee(.military)), 3), (.numbered("Lữ đoàn", .committee(.military)), 1),
    ]))

    /// Inside a department or command of the Ministry of Public Security.
    static let policeDepartment = SyntheticUnitCatalogue(listed: [
        .init("Văn phòng", .cell), .init("Phòng Tham mưu", .cell), .init("Phòng Chính trị", .cell), .init("Phòng Hậu cần", .cell),
    ], more: SyntheticWeighted([(.numbered("Phòng Nghiệp vụ", .committee(.police)), 1)]))
}
