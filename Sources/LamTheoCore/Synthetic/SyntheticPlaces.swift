/// One of the 34 provinces and cities in force since 1 July 2025. Member and commune counts are approximate,
/// chosen so that the provinces plus the central blocks add up to the Party's ~5.6 million members and the
/// country's 3,321 commune-level units.
struct SyntheticProvince: Sendable {
    let code: String
    let name: String
    /// Thành phố trực thuộc Trung ương rather than tỉnh.
    let isCity: Bool
    /// The South says "khu phố" and "ấp" where the North and Centre say "tổ dân phố" and "thôn".
    let isSouth: Bool
    let members: Int
    let wards: Int
    let communes: Int
    let specialZones: [String]
    let wardNames: [String]
    let communeNames: [String]
    /// "Thành phố Hồ Chí Minh", "tỉnh Lâm Đồng": as written after "Đảng bộ" and in addresses.
    let fullName: String

    init(_ code: String, _ name: String, city: Bool = false, south: Bool = false, members: Int,
         wards: Int, communes: Int, specialZones: [String] = [],
         wardNames: [String] = SyntheticPlaces.commonWardNames,
         communeNames: [String] = SyntheticPlaces.commonCommuneNames) {
        self.code = code
        self.name = name
        self.isCity = city
        self.isSouth = south
        self.members = members
        self.wards = wards
        self.communes = communes
        self.specialZones = specialZones
        self.wardNames = wardNames
        self.communeNames = communeNames
        fullName = "\(city ? "Thành phố" : "tỉnh") \(name)"
    }

    /// "Thành phố" or "tỉnh", as in "Đảng bộ Công an Thành phố".
    var levelWord: String { isCity ? "Thành phố" : "tỉnh" }
    /// "Thành ủy" or "Tỉnh ủy".
    var committeeWord: String { isCity ? "Thành ủy" : "Tỉnh ủy" }
    var urbanNeighbourhood: String { isSouth ? "Khu phố" : "Tổ dân phố" }
    var village: String { isSouth ? "Ấp" : "Thôn" }
}

enum SyntheticPlaces {
    static let hanoi = province("HNI")
    static let hoChiMinhCity = province("HCM")
    /// The province of the province scale: about 150,000 members.
    static let lamDong = province("LDG")

    private static func province(_ code: String) -> SyntheticProvince {
        provinces.first { $0.code == code }!
    }

    static let provinces: [SyntheticProvince] = [
        .init("HNI", "Hà Nội", city: true, members: 480_000, wards: 51, communes: 75,
              wardNames: hanoiWards, communeNames: hanoiCommunes),
        .init("HCM", "Hồ Chí Minh", city: true, south: true, members: 366_000, wards: 113, communes: 54,
              specialZones: ["Côn Đảo"], wardNames: hoChiMinhCityWards, communeNames: hoChiMinhCityCommunes),
        .init("HPG", "Hải Phòng", city: true, members: 200_000, wards: 45, communes: 67, specialZones: ["Cát Hải", "Bạch Long Vĩ"]),
        .init("DNG", "Đà Nẵng", city: true, members: 140_000, wards: 23, communes: 70, specialZones: ["Hoàng Sa"]),
        .init("CTO", "Cần Thơ", city: true, south: true, members: 170_000, wards: 31, communes: 72),
        .init("HUE", "Huế", city: true, members: 60_000, wards: 21, communes: 19),
        .init("TQG", "Tuyên Quang", members: 100_000, wards: 7, communes: 117),
        .init("CBG", "Cao Bằng", members: 45_000, wards: 3, communes: 53),
        .init("LCU", "Lai Châu", members: 30_000, wards: 2, communes: 36),
        .init("LCI", "Lào Cai", members: 110_000, wards: 10, communes: 89),
        .init("TNN", "Thái Nguyên", members: 140_000, wards: 15, communes: 77),
        .init("DBN", "Điện Biên", members: 45_000, wards: 3, communes: 42),
        .init("LSN", "Lạng Sơn", members: 60_000, wards: 4, communes: 61),
        .init("SLA", "Sơn La", members: 80_000, wards: 8, communes: 67),
        .init("PTO", "Phú Thọ", members: 250_000, wards: 15, communes: 133),
        .init("BNH", "Bắc Ninh", members: 180_000, wards: 33, communes: 66),
        .init("QNH", "Quảng Ninh", members: 120_000, wards: 30, communes: 22, specialZones: ["Vân Đồn", "Cô Tô"]),
        .init("HYN", "Hưng Yên", members: 190_000, wards: 11, communes: 93),
        .init("NBH", "Ninh Bình", members: 220_000, wards: 32, communes: 97),
        .init("THA", "Thanh Hóa", members: 230_000, wards: 19, communes: 147),
        .init("NAN", "Nghệ An", members: 230_000, wards: 11, communes: 119),
        .init("HTH", "Hà Tĩnh", members: 100_000, wards: 9, communes: 60),
        .init("QTR", "Quảng Trị", members: 110_000, wards: 8, communes: 69, specialZones: ["Cồn Cỏ"]),
        .init("QNG", "Quảng Ngãi", members: 100_000, wards: 9, communes: 86, specialZones: ["Lý Sơn"]),
        .init("GLI", "Gia Lai", members: 130_000, wards: 25, communes: 110),
        .init("KHA", "Khánh Hòa", members: 90_000, wards: 16, communes: 48, specialZones: ["Trường Sa"]),
        .init("LDG", "Lâm Đồng", members: 150_000, wards: 20, communes: 103, specialZones: ["Phú Quý"]),
        .init("DLK", "Đắk Lắk", members: 110_000, wards: 14, communes: 88),
        .init("DNI", "Đồng Nai", south: true, members: 160_000, wards: 23, communes: 72),
        .init("TNH", "Tây Ninh", south: true, members: 120_000, wards: 14, communes: 82),
        .init("VLG", "Vĩnh Long", south: true, members: 140_000, wards: 19, communes: 105),
        .init("DTP", "Đồng Tháp", south: true, members: 140_000, wards: 20, communes: 82),
        .init("AGG", "An Giang", south: true, members: 150_000, wards: 14, communes: 85,
              specialZones: ["Phú Quốc", "Kiên Hải", "Thổ Châu"]),
        .init("CMU", "Cà Mau", south: true, members: 100_000, wards: 9, communes: 55),
    ]

    static let hoChiMinhCityWards = [
        "Sài Gòn", "Tân Định", "Bến Thành", "Cầu Ông Lãnh", "Bàn Cờ", "Xuân Hòa", "Nhiêu Lộc", "Xóm Chiếu",
        "Khánh Hội", "Vĩnh Hội", "Chợ Quán", "An Đông", "Chợ Lớn", "Bình Tây", "Bình Tiên", "Bình Phú", "Phú Lâm",
        "Tân Thuận", "Phú Thuận", "Tân Mỹ", "Tân Hưng", "Chánh Hưng", "Phú Định", "Bình Đông", "Diên Hồng",
        "Vườn Lài", "Hòa Hưng", "Minh Phụng", "Bình Thới", "Hòa Bình", "Phú Thọ", "Đông Hưng Thuận",
        "Trung Mỹ Tây", "Tân Thới Hiệp", "Thới An", "An Phú Đông", "An Lạc", "Tân Tạo", "Bình Tân",
        "Bình Trị Đông", "Bình Hưng Hòa", "Gia Định", "Bình Thạnh", "Bình Lợi Trung", "Thạnh Mỹ Tây",
        "Bình Quới", "Hạnh Thông", "An Nhơn", "Gò Vấp", "An Hội Đông", "Thông Tây Hội", "An Hội Tây",
        "Đức Nhuận", "Cầu Kiệu", "Phú Nhuận", "Tân Sơn Hòa", "Tân Sơn Nhất", "Tân Hòa", "Bảy Hiền", "Tân Bình",
        "Tân Sơn", "Tây Thạnh", "Tân Sơn Nhì", "Phú Thọ Hòa", "Tân Phú", "Phú Thạnh", "Hiệp Bình", "Thủ Đức",
        "Tam Bình", "Linh Xuân", "Tăng Nhơn Phú", "Long Bình", "Long Phước", "Long Trường", "Cát Lái",
        "Bình Trưng", "Phước Long", "An Khánh", "Thủ Dầu Một", "Dĩ An", "Thuận An", "Vũng Tàu", "Bà Rịa",
    ]

    static let hoChiMinhCityCommunes = [
        "Bình Chánh", "Hưng Long", "Bình Hưng", "Tân Nhựt", "Vĩnh Lộc", "Bình Lợi", "Củ Chi", "Tân An Hội",
        "Thái Mỹ", "An Nhơn Tây", "Nhuận Đức", "Phú Hòa Đông", "Bình Mỹ", "Hóc Môn", "Bà Điểm", "Xuân Thới Sơn",
        "Đông Thạnh", "Nhà Bè", "Hiệp Phước", "Cần Giờ", "Bình Khánh", "An Thới Đông", "Thạnh An", "Long Điền",
        "Đất Đỏ", "Xuyên Mộc", "Hòa Hội", "Châu Đức", "Ngãi Giao", "Dầu Tiếng", "Bàu Bàng", "Phú Giáo",
    ]

    static let hanoiWards = [
        "Hoàn Kiếm", "Cửa Nam", "Ba Đình", "Ngọc Hà", "Giảng Võ", "Hai Bà Trưng", "Vĩnh Tuy", "Bạch Mai",
        "Đống Đa", "Kim Liên", "Văn Miếu - Quốc Tử Giám", "Láng", "Ô Chợ Dừa", "Hồng Hà", "Lĩnh Nam", "Hoàng Mai",
        "Vĩnh Hưng", "Tương Mai", "Định Công", "Hoàng Liệt", "Yên Sở", "Thanh Xuân", "Khương Đình",
        "Phương Liệt", "Cầu Giấy", "Nghĩa Đô", "Yên Hòa", "Tây Hồ", "Phú Thượng", "Long Biên", "Bồ Đề",
        "Việt Hưng", "Phúc Lợi", "Hà Đông", "Dương Nội", "Yên Nghĩa", "Phú Lương", "Kiến Hưng", "Tây Mỗ",
        "Đại Mỗ", "Từ Liêm", "Xuân Phương", "Thượng Cát", "Đông Ngạc", "Xuân Đỉnh", "Phú Diễn", "Sơn Tây",
        "Tùng Thiện", "Tây Tựu", "Chương Mỹ",
    ]

    static let hanoiCommunes = [
        "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Ba Vì", "Phúc Thọ", "Đan Phượng", "Hoài Đức",
        "Quốc Oai", "Thạch Thất", "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức", "Bát Tràng",
        "Phù Đổng", "Thư Lâm", "Yên Xuân", "Hồng Vân", "Minh Châu", "Vân Đình", "Đại Thanh", "Nội Bài",
        "Kim Anh", "Đa Phúc", "Trung Giã", "Tiến Thắng", "Quang Minh",
    ]

    /// Ward names that recur across many provinces, for provinces without a list of their own.
    static let commonWardNames = [
        "Quang Trung", "Trần Phú", "Hoàng Văn Thụ", "Lê Lợi", "Nguyễn Trãi", "Bắc Sơn", "Trung Sơn", "Nam Sơn",
        "Đông Sơn", "Tân Phong", "Tân An", "Hòa Bình", "Thống Nhất", "Tân Lập", "Quyết Thắng", "Hòa Thuận",
        "An Phú", "An Bình", "Phú Lợi", "Tân Thành", "Hưng Phú", "Minh Khai", "Đông Thành", "Tây Sơn",
        "Bình Minh", "Phú Mỹ", "Tân Hiệp", "Long Bình", "Hòa Phú", "Xuân Hòa", "Tân Tiến", "Chiến Thắng",
        "Thành Công", "Đồng Tâm", "Hùng Vương", "Nguyễn Du", "Lê Hồng Phong", "Phan Đình Phùng", "Hoàng Diệu",
        "Ngô Quyền", "Thắng Lợi", "Độc Lập", "Hưng Thịnh", "Vĩnh Quang", "Thanh Bình", "An Khánh",
    ]

    /// Commune names that recur across many provinces.
    static let commonCommuneNames = [
        "Tân Lập", "Hòa Bình", "Thanh Sơn", "Phú Xuân", "Tân Phú", "Hưng Đạo", "Quang Trung", "Đồng Tâm",
        "Minh Khai", "Yên Bình", "Tân Hiệp", "Bình Minh", "Xuân Lộc", "Phước Long", "Thạnh Phú", "Vĩnh Thạnh",
        "An Lạc", "Tân Thành", "Đại Đồng", "Hồng Phong", "Nam Hòa", "Trung Hòa", "Đông Hưng", "Tây Hòa",
        "Phú Lộc", "Kim Sơn", "Tân Tiến", "Xuân Sơn", "Vĩnh Lộc", "An Hòa", "Bình Thạnh", "Tân Hòa", "Long Hưng",
        "Mỹ Hòa", "Phước Thành", "Thạnh Lộc", "Hòa An", "Cao Sơn", "Đồng Lạc", "Tiên Phong", "Quyết Tiến",
        "Thống Nhất", "Hợp Thành", "Nghĩa Hưng", "Yên Thành", "Quỳnh Lưu", "Đức Thọ", "Can Lộc", "Hương Sơn",
        "Thạch Hà", "Kỳ Anh", "Cẩm Xuyên", "Nghi Lộc", "Diễn Châu", "Hưng Nguyên", "Nam Đàn", "Thanh Chương",
        "Đô Lương", "Nông Cống", "Triệu Sơn", "Thọ Xuân", "Hậu Lộc", "Hoằng Hóa", "Nga Sơn", "Bình Lục",
        "Lý Nhân", "Ý Yên", "Hải Hậu", "Giao Thủy", "Xuân Trường", "Trực Ninh", "Phù Cừ", "Ân Thi", "Kim Động",
        "Tiên Lữ", "Văn Lâm", "Mỹ Lộc", "Lục Yên", "Văn Chấn", "Trấn Yên",
    ]

    /// Auspicious Sino-Vietnamese syllables that most place names are made of ("Tân Phú", "Vĩnh Hưng"), for
    /// provinces with more communes than their list of names.
    static let placeSyllables = [
        "Tân", "An", "Phú", "Hòa", "Bình", "Thạnh", "Vĩnh", "Long", "Xuân", "Hưng", "Đông", "Tây", "Nam", "Bắc",
        "Minh", "Quang", "Thanh", "Yên", "Đức", "Hải", "Lộc", "Thịnh", "Sơn", "Phong", "Thuận", "Hiệp", "Mỹ",
        "Khánh", "Lâm", "Phước",
    ]

    /// Streets found in most Vietnamese towns, for addresses.
    static let streets = [
        "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Nguyễn Trãi", "Lê Duẩn",
        "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai", "Võ Văn Tần", "Nam Kỳ Khởi Nghĩa",
        "Phan Đình Phùng", "Quang Trung", "Hùng Vương", "Trần Phú", "Lê Thánh Tông", "Nguyễn Du", "Bà Triệu",
        "Hoàng Diệu", "Phan Chu Trinh", "Ngô Quyền", "Lý Tự Trọng", "Tôn Đức Thắng", "Nguyễn Văn Cừ",
        "Trường Chinh", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Lạc Long Quân", "Âu Cơ", "Nguyễn Chí Thanh",
        "Hoàng Văn Thụ", "Nguyễn Văn Linh", "Lê Hồng Phong", "Trần Quốc Toản", "Nguyễn Đình Chiểu",
        "Phan Bội Châu", "Chu Văn An", "Lê Văn Sỹ", "Nguyễn Thái Học", "Đinh Tiên Hoàng", "Lê Quý Đôn",
        "Hoàng Hoa Thám", "Tô Hiến Thành", "Nguyễn Văn Trỗi", "Võ Thị Sáu", "Kim Đồng", "Nguyễn Bỉnh Khiêm",
        "Bạch Đằng", "Ba Tháng Hai", "30 Tháng 4", "Độc Lập", "Thống Nhất", "Trần Nhân Tông", "Yết Kiêu",
    ]

    /// First three digits of a citizen ID: the province of birth registration, in the 63-province coding.
    static let citizenIDProvinceCodes = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
        "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
        "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
        "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    ]

    /// Mobile prefixes of Viettel, VinaPhone, MobiFone, Vietnamobile and Gmobile.
    static let mobilePrefixes = [
        "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
        "081", "082", "083", "084", "085", "088", "091", "094",
        "070", "076", "077", "078", "079", "089", "090", "093",
        "052", "056", "058", "092", "099",
    ]
}
