import LamTheoCore

/// What a file holds: units or members.
enum SpreadsheetKind: String, Sendable, Codable, CaseIterable {
    case organizations = "orgs"
    case members

    var columns: [SpreadsheetColumn] {
        switch self {
        case .organizations: return SpreadsheetColumn.organizations
        case .members: return SpreadsheetColumn.members
        }
    }

    var label: LocalizedText {
        switch self {
        case .organizations: return LocalizedText(vi: "tổ chức đảng", en: "organisations")
        case .members: return LocalizedText(vi: "đảng viên", en: "members")
        }
    }
}

/// One column a file may have: the header the template writes, and the other headers people type for it
/// (matched without case, tones or marks, so "SỐ THẺ ĐẢNG VIÊN", "so the dang vien" and "Card number" all match).
struct SpreadsheetColumn: Sendable {
    let key: String
    let header: LocalizedText
    let synonyms: [String]
    let required: Bool

    init(_ key: String, _ vi: String, _ en: String, synonyms: [String] = [], required: Bool = false) {
        self.key = key
        header = LocalizedText(vi: vi, en: en)
        self.synonyms = synonyms
        self.required = required
    }

    func matches(_ header: String) -> Bool {
        let folded = VietnameseText.searchKey(header)
        return ([self.header.vi, self.header.en, key] + synonyms).contains { VietnameseText.searchKey($0) == folded }
    }

    static let organizations: [SpreadsheetColumn] = [
        SpreadsheetColumn("code", "Mã đơn vị", "Unit code", synonyms: ["mã", "code", "mã tổ chức"], required: true),
        SpreadsheetColumn("name", "Tên tổ chức", "Name", synonyms: ["tên", "tên đơn vị", "tên tổ chức đảng"], required: true),
        SpreadsheetColumn("kind", "Loại tổ chức", "Kind", synonyms: ["loại", "loại hình"], required: true),
        SpreadsheetColumn("parentCode", "Mã đơn vị cấp trên", "Parent unit code", synonyms: ["mã cấp trên", "trực thuộc", "parent code"]),
        SpreadsheetColumn("validFrom", "Ngày thành lập", "Founded on", synonyms: ["thành lập", "founded"]),
    ]

    static let members: [SpreadsheetColumn] = [
        SpreadsheetColumn("cardNumber", "Số thẻ đảng viên", "Party card number", synonyms: ["số thẻ", "số thẻ đv", "card number", "card"], required: true),
        SpreadsheetColumn("fullName", "Họ và tên", "Full name", synonyms: ["họ tên", "name"]),
        SpreadsheetColumn("familyName", "Họ", "Family name"),
        SpreadsheetColumn("middleName", "Chữ đệm", "Middle name", synonyms: ["tên đệm", "đệm"]),
        SpreadsheetColumn("givenName", "Tên", "Given name"),
        SpreadsheetColumn("gender", "Giới tính", "Gender", synonyms: ["nam/nữ", "phái"], required: true),
        SpreadsheetColumn("birthDate", "Ngày sinh", "Date of birth", synonyms: ["sinh ngày", "birth date"]),
        SpreadsheetColumn("admittedOn", "Ngày vào Đảng", "Date admitted", synonyms: ["ngày kết nạp", "admitted"]),
        SpreadsheetColumn("fullMemberOn", "Ngày chính thức", "Full member since", synonyms: ["ngày công nhận chính thức"]),
        SpreadsheetColumn("status", "Tình trạng", "Status", synonyms: ["trạng thái"]),
        SpreadsheetColumn("cellCode", "Mã chi bộ", "Cell code", synonyms: ["mã đơn vị", "chi bộ (mã)"], required: true),
        SpreadsheetColumn("cellName", "Tên chi bộ", "Cell", synonyms: ["chi bộ"]),
        SpreadsheetColumn("idNumber", "Số CCCD", "ID number", synonyms: ["cccd", "số căn cước", "số định danh", "cmnd"]),
        SpreadsheetColumn("phone", "Điện thoại", "Phone", synonyms: ["số điện thoại", "sđt", "di động"]),
        SpreadsheetColumn("address", "Địa chỉ", "Address", synonyms: ["nơi ở", "chỗ ở hiện nay"]),
    ]
}

/// Where each known column is in a file's header row.
struct ColumnMap: Sendable {
    let kind: SpreadsheetKind
    private let positions: [String: Int]

    /// - Throws: `DomainError` naming every required column the header lacks (a name may stand in for the
    ///   three name parts, and the parts for the name).
    init(kind: SpreadsheetKind, header: [String]) throws {
        var positions: [String: Int] = [:]
        for (index, title) in header.enumerated() where !title.trimmingCharacters(in: .whitespaces).isEmpty {
            if let column = kind.columns.first(where: { $0.matches(title) }), positions[column.key] == nil {
                positions[column.key] = index
            }
        }
        var missing = kind.columns.filter { $0.required && positions[$0.key] == nil }.map(\.header)
        if kind == .members, positions["fullName"] == nil, positions["familyName"] == nil || positions["givenName"] == nil {
            missing.append(LocalizedText(vi: "Họ và tên (hoặc Họ, Chữ đệm, Tên)", en: "Full name (or family, middle and given names)"))
        }
        if !missing.isEmpty {
            throw DomainError.invalid(field: "file", LocalizedText(
                vi: "Dòng tiêu đề thiếu cột bắt buộc: " + missing.map(\.vi).joined(separator: ", "),
                en: "The header row lacks required columns: " + missing.map(\.en).joined(separator: ", ")))
        }
        self.kind = kind
        self.positions = positions
    }

    /// The cell of `row` in the column `key`, trimmed; nil when the file has no such column or the cell is empty.
    func value(_ key: String, in row: [String]) -> String? {
        guard let index = positions[key], index < row.count else { return nil }
        let scalars = row[index].unicodeScalars
        // Trimmed by hand: Foundation's trimming is a large share of an import's time, and so are Unicode
        // property lookups, which an ASCII scalar does not need.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return row[index] }
        return String(scalars[first...last])
    }

    func header(for key: String) -> String {
        kind.columns.first { $0.key == key }?.header.vi ?? key
    }
}
