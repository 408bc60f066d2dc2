import Foundation
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

/// One column a file may have: the header the template writes, the other headers people type for it, and
/// the words by which a header of any other form is recognised.
///
/// Headers are compared as words without case, tones or marks ("SỐ THẺ ĐẢNG VIÊN", "so the dang vien").
/// A header equal to one of the column's headers or synonyms is that column. Any other header is the column
/// when it holds all the words of one of its `keys` ("họ tên" in "Họ và tên đảng viên") and none of the
/// words in `excluding`, which make it about something else (the date a card was issued, another person's
/// name).
struct SpreadsheetColumn: Sendable {
    let key: String
    let header: LocalizedText
    let synonyms: [String]
    let keys: [Set<String>]
    let excluding: Set<String>
    let required: Bool

    init(_ key: String, _ vi: String, _ en: String, synonyms: [String] = [], keys: [String], excluding: Set<String> = [],
         required: Bool = false) {
        self.key = key
        header = LocalizedText(vi: vi, en: en)
        self.synonyms = synonyms
        self.keys = keys.map { Set(HeaderWords($0).words) }
        self.excluding = Set(excluding.flatMap { HeaderWords($0).words })
        self.required = required
    }

    /// Whether `words` is one of the column's own headers.
    func isExactly(_ words: HeaderWords) -> Bool {
        ([header.vi, header.en, key] + synonyms).contains { HeaderWords($0) == words }
    }

    /// The largest of the column's keys that `words` holds; nil when none does or a word excludes the column.
    func matchingKey(_ words: HeaderWords) -> Set<String>? {
        let present = Set(words.words)
        guard present.isDisjoint(with: excluding) else { return nil }
        return keys.filter { $0.isSubset(of: present) }.max { $0.count < $1.count }
    }

    /// Words that make a header about another person than the member ("Họ tên cha", "Người giới thiệu").
    private static let anotherPerson: Set<String> = ["cha", "me", "vo", "chong", "con", "nguoi"]
    /// Words of a card's issue rather than its number ("Ngày cấp CCCD", "Nơi cấp thẻ đảng").
    private static let issue: Set<String> = ["ngay", "noi", "cap"]
    /// Words of the unit above rather than the unit itself ("Mã đơn vị cấp trên").
    private static let parent: Set<String> = ["cap", "tren", "truc", "thuoc", "parent"]

    static let organizations: [SpreadsheetColumn] = [
        SpreadsheetColumn("code", "Mã đơn vị", "Unit code", synonyms: ["mã", "code", "mã tổ chức"],
                          keys: ["mã", "unit code"], excluding: parent, required: true),
        SpreadsheetColumn("name", "Tên tổ chức", "Name", synonyms: ["tên", "tên đơn vị", "tên tổ chức đảng"],
                          keys: ["tên", "name"], excluding: parent, required: true),
        SpreadsheetColumn("kind", "Loại tổ chức", "Kind", synonyms: ["loại", "loại hình"], keys: ["loại", "kind", "type"], required: true),
        SpreadsheetColumn("parentCode", "Mã đơn vị cấp trên", "Parent unit code", synonyms: ["mã cấp trên", "cấp trên", "trực thuộc", "parent code"],
                          keys: ["mã cấp trên", "mã trực thuộc", "parent code"]),
        SpreadsheetColumn("validFrom", "Ngày thành lập", "Founded on", synonyms: ["thành lập", "founded"], keys: ["ngày thành lập", "founded"]),
    ]

    static let members: [SpreadsheetColumn] = [
        SpreadsheetColumn("cardNumber", "Số thẻ đảng viên", "Party card number", synonyms: ["số thẻ", "số thẻ đv", "card number", "card"],
                          keys: ["thẻ đảng", "thẻ đv", "party card"], excluding: issue, required: true),
        SpreadsheetColumn("fullName", "Họ và tên", "Full name", synonyms: ["họ tên", "name"],
                          keys: ["họ tên", "họ chữ đệm tên", "full name"], excluding: anotherPerson),
        SpreadsheetColumn("familyName", "Họ", "Family name", keys: ["họ", "family name", "surname"], excluding: anotherPerson),
        SpreadsheetColumn("middleName", "Chữ đệm", "Middle name", synonyms: ["tên đệm", "đệm"],
                          keys: ["đệm", "tên đệm", "chữ đệm", "middle name"], excluding: anotherPerson),
        SpreadsheetColumn("givenName", "Tên", "Given name", keys: ["tên", "given name"], excluding: anotherPerson),
        SpreadsheetColumn("gender", "Giới tính", "Gender", synonyms: ["giới", "nam/nữ", "phái"], keys: ["giới tính", "nam nữ", "gender", "sex"],
                          required: true),
        SpreadsheetColumn("birthDate", "Ngày sinh", "Date of birth", synonyms: ["sinh ngày", "birth date"], keys: ["ngày sinh", "birth"]),
        SpreadsheetColumn("admittedOn", "Ngày vào Đảng", "Date admitted", synonyms: ["ngày kết nạp", "admitted"],
                          keys: ["vào đảng", "kết nạp", "admitted"]),
        SpreadsheetColumn("fullMemberOn", "Ngày chính thức", "Full member since", synonyms: ["ngày công nhận chính thức"],
                          keys: ["ngày chính thức", "full member"]),
        SpreadsheetColumn("status", "Tình trạng", "Status", synonyms: ["trạng thái"], keys: ["tình trạng", "trạng thái", "status"]),
        SpreadsheetColumn("cellCode", "Mã chi bộ", "Cell code", synonyms: ["mã đơn vị", "chi bộ (mã)"],
                          keys: ["mã chi bộ", "mã đơn vị", "cell code"], required: true),
        SpreadsheetColumn("cellName", "Tên chi bộ", "Cell", synonyms: ["chi bộ"], keys: ["chi bộ", "tên đơn vị", "cell"]),
        SpreadsheetColumn("idNumber", "Số CCCD", "ID number", synonyms: ["cccd", "số căn cước", "số định danh", "cmnd"],
                          keys: ["số cccd", "số cmnd", "số căn cước", "căn cước công dân", "số định danh", "id number"], excluding: issue),
        SpreadsheetColumn("phone", "Điện thoại", "Phone", synonyms: ["số điện thoại", "sđt", "di động"], keys: ["điện thoại", "di động", "sđt", "phone"]),
        SpreadsheetColumn("address", "Địa chỉ", "Address", synonyms: ["nơi ở", "chỗ ở hiện nay"],
                          keys: ["địa chỉ", "nơi ở", "chỗ ở", "thường trú", "address"], excluding: ["email", "mail", "thư"]),
    ]
}

/// A header's words, folded for comparison: without case, tones or marks, with punctuation and the joining
/// words "và", "của" left out ("Họ và tên" reads as "họ tên").
struct HeaderWords: Hashable, Sendable {
    let words: [String]
    /// The running number offices put first ("STT", "Số TT", "Số thứ tự", "#"): never imported.
    let isRunningNumber: Bool

    init(_ text: String) {
        words = VietnameseText.searchKey(text).split(separator: " ").map(String.init).filter { !Self.joining.contains($0) }
        isRunningNumber = Self.runningNumbers.contains(words) || text.trimmingCharacters(in: .whitespaces) == "#"
    }

    private static let joining: Set<String> = ["va", "cua"]
    private static let runningNumbers: Set<[String]> = [["stt"], ["tt"], ["so", "tt"], ["so", "thu", "tu"], ["thu", "tu"], ["no"]]
}

/// What one header of a file names, by the column's key.
enum HeaderMatch: Sendable, Equatable {
    case blank
    case runningNumber
    /// Spelled as the template or a synonym spells it.
    case exact(String)
    /// Holding the column's words.
    case words(String)
    case unknown
    /// Holding the words of each of these columns, none within another's.
    case ambiguous([String])
}

extension SpreadsheetKind {
    func match(_ header: String) -> HeaderMatch {
        guard !header.allSatisfy(\.isWhitespace) else { return .blank }
        let words = HeaderWords(header)
        if words.isRunningNumber { return .runningNumber }
        if let column = columns.first(where: { $0.isExactly(words) }) { return .exact(column.key) }
        let candidates = columns.compactMap { column in column.matchingKey(words).map { (column: column, key: $0) } }
        // A column whose words lie within another's ("họ" within "họ tên") gives way to it.
        let chosen = candidates.filter { candidate in !candidates.contains { candidate.key.isStrictSubset(of: $0.key) } }.map(\.column.key)
        switch chosen.count {
        case 0: return .unknown
        case 1: return .words(chosen[0])
        default: return .ambiguous(chosen)
        }
    }
}

/// Where each known column is in a file's header row, and the columns the import passes over.
struct ColumnMap: Sendable {
    let kind: SpreadsheetKind
    private let positions: [String: Int]
    /// A note for each column of the file that is not imported, for the report: one the template does not
    /// have, or a second column for something an earlier one already gives. A running number is passed over
    /// without a note.
    let ignored: [ImportReport.RowError]

    /// - Throws: `DomainError` naming every header that could be either of two columns, and every required
    ///   column the header lacks (a name may stand in for the three name parts, and the parts for the name).
    init(kind: SpreadsheetKind, header: [String]) throws {
        let titles = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let matches = titles.map(kind.match)
        var positions: [String: Int] = [:]
        var ignored: [(index: Int, note: ImportReport.RowError)] = []
        var problems: [LocalizedText] = []
        func column(_ key: String) -> SpreadsheetColumn { kind.columns.first { $0.key == key }! }
        func place(_ key: String, at index: Int) {
            guard let first = positions[key] else {
                positions[key] = index
                return
            }
            ignored.append((index, Self.note(at: index, titles[index], LocalizedText(
                vi: "cũng là cột \(column(key).header.vi) như cột \(Self.letter(first)) “\(titles[first])”: đã bỏ qua, dùng cột \(Self.letter(first))",
                en: "is also the column \(column(key).header.en), like column \(Self.letter(first)) “\(titles[first])”: ignored, column \(Self.letter(first)) is used"))))
        }
        // A header spelled as the template or a synonym spells it comes first, wherever it stands.
        for (index, match) in matches.enumerated() {
            if case .exact(let key) = match { place(key, at: index) }
        }
        for (index, match) in matches.enumerated() {
            switch match {
            case .blank, .runningNumber, .exact:
                break
            case .words(let key):
                place(key, at: index)
            case .unknown:
                ignored.append((index, Self.note(at: index, titles[index], LocalizedText(
                    vi: "không phải cột nào của mẫu nhập: đã bỏ qua", en: "is not a column of the template: ignored"))))
            case .ambiguous(let keys):
                let names = keys.map { column($0).header }
                problems.append(LocalizedText(
                    vi: "Cột \(Self.letter(index)) “\(titles[index])” có thể là \(names.map(\.vi).joined(separator: " hoặc ")): hãy đổi tiêu đề cho rõ",
                    en: "Column \(Self.letter(index)) “\(titles[index])” could be \(names.map(\.en).joined(separator: " or ")): make the header say which"))
            }
        }
        var missing = kind.columns.filter { $0.required && positions[$0.key] == nil }.map(\.header)
        if kind == .members, positions["fullName"] == nil, positions["familyName"] == nil || positions["givenName"] == nil {
            missing.append(LocalizedText(vi: "Họ và tên (hoặc Họ, Chữ đệm, Tên)", en: "Full name (or family, middle and given names)"))
        }
        if !missing.isEmpty {
            problems.append(LocalizedText(vi: "Dòng tiêu đề thiếu cột bắt buộc: " + missing.map(\.vi).joined(separator: ", "),
                                          en: "The header row lacks required columns: " + missing.map(\.en).joined(separator: ", ")))
        }
        if !problems.isEmpty {
            throw DomainError.invalid(field: "file", LocalizedText(vi: problems.map(\.vi).joined(separator: "; "),
                                                                  en: problems.map(\.en).joined(separator: "; ")))
        }
        self.kind = kind
        self.positions = positions
        self.ignored = ignored.sorted { $0.index < $1.index }.map(\.note)
    }

    /// "Cột D “Quê quán” …", on the header's line.
    private static func note(at index: Int, _ title: String, _ what: LocalizedText) -> ImportReport.RowError {
        ImportReport.RowError(line: 1, column: title, message: LocalizedText(vi: "Cột \(letter(index)) “\(title)” \(what.vi)",
                                                                         en: "Column \(letter(index)) “\(title)” \(what.en)"))
    }

    /// The column's name in a spreadsheet: A…Z, AA…
    static func letter(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
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
