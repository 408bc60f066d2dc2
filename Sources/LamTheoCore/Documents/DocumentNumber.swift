/// A Party document's number and symbol (số, ký hiệu): `05-CT/TW` is number 5, type `CT` (chỉ thị),
/// issued by `TW`. Read permissively — "Số 05-CT/TW", "05 - CT / TW", "05-ct/tw", "02-DA/TU" — and
/// always shown canonically, with the list's spelling of each abbreviation and the number written with
/// at least two digits, as Party practice does (01–09).
public struct DocumentNumber: Sendable, Hashable, CustomStringConvertible {
    public let number: Int
    public let typeCode: String
    public let issuerCode: String

    public init(number: Int, typeCode: String, issuerCode: String) {
        self.number = number
        self.typeCode = typeCode
        self.issuerCode = issuerCode
    }

    public static let maximumNumber = 99_999

    /// `05`, `138`.
    public var numberText: String {
        number < 10 ? "0\(number)" : String(number)
    }

    /// `05-CT/TW`.
    public var symbol: String { "\(numberText)-\(typeCode)/\(issuerCode)" }

    public var description: String { symbol }

    /// Reads `text` against the abbreviation lists. An abbreviation matches the list ignoring case; "D"
    /// for "Đ" (keyboards without Vietnamese input) and "Ư" for "W" ("60-NQ/TƯ", Trung ương as people
    /// write it) are accepted when only one entry of the list fits.
    public init(parsing text: String, types: [DocumentAbbreviation], issuers: [DocumentAbbreviation]) throws(DocumentNumberError) {
        var tokens = Self.tokens(of: text)
        if let first = tokens.first, ["so", "no"].contains(VietnameseText.searchKey(first)) {
            tokens.removeFirst()
        }
        guard !tokens.isEmpty else { throw .empty }
        guard let number = Int(tokens[0]) else {
            // "CT/TW": a symbol without its number; anything else is not a symbol at all.
            throw tokens.count == 2 && !tokens[0].first!.isNumber ? .missingNumber : .malformed(text)
        }
        guard (1...Self.maximumNumber).contains(number) else { throw .numberOutOfRange(number) }
        guard tokens.count == 3 else { throw .malformed(text) }
        guard let type = Self.match(tokens[1], in: types) else { throw .unknownType(tokens[1]) }
        guard let issuer = Self.match(tokens[2], in: issuers) else { throw .unknownIssuer(tokens[2]) }
        self.init(number: number, typeCode: type.code, issuerCode: issuer.code)
    }

    /// Runs of digits and runs of letters, whatever separates them ("Số 05 - CT / TW" → Số, 05, CT, TW).
    private static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsDigits = false
        for character in VietnameseText.normalized(text) {
            let isDigit = character.isASCII && character.isNumber
            guard isDigit || character.isLetter else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, isDigit != currentIsDigits {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentIsDigits = isDigit
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func match(_ token: String, in list: [DocumentAbbreviation]) -> DocumentAbbreviation? {
        let upper = token.uppercased()
        if let exact = list.first(where: { $0.code.uppercased() == upper }) { return exact }
        let folded = fold(upper)
        let candidates = list.filter { fold($0.code.uppercased()) == folded }
        return candidates.count == 1 ? candidates[0] : nil
    }

    private static func fold(_ code: String) -> String {
        code.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "Ư", with: "W")
    }
}

/// Why a number and symbol could not be read; `message` says it in both languages.
public enum DocumentNumberError: Error, Sendable, Hashable {
    case empty
    case missingNumber
    case numberOutOfRange(Int)
    case malformed(String)
    case unknownType(String)
    case unknownIssuer(String)

    public var message: LocalizedText {
        let example = "05-CT/TW"
        switch self {
        case .empty:
            return LocalizedText(vi: "Số, ký hiệu không được để trống", en: "The number and symbol must not be empty")
        case .missingNumber:
            return LocalizedText(vi: "Thiếu số văn bản trước ký hiệu, ví dụ \(example)", en: "The number is missing before the symbol, e.g. \(example)")
        case .numberOutOfRange(let number):
            return LocalizedText(vi: "Số văn bản phải từ 1 đến \(DocumentNumber.maximumNumber) (nhận được \(number))",
                                 en: "The number must be from 1 to \(DocumentNumber.maximumNumber) (got \(number))")
        case .malformed(let text):
            return LocalizedText(vi: "“\(text)” không phải số, ký hiệu văn bản; cần dạng số-loại/cơ quan ban hành, ví dụ \(example)",
                                 en: "“\(text)” is not a document number; expected number-type/issuer, e.g. \(example)")
        case .unknownType(let code):
            return LocalizedText(vi: "Không có loại văn bản viết tắt “\(code)” trong danh mục (CT, KL, NQ, QĐ, KH…)",
                                 en: "“\(code)” is not a document type in the list (CT, KL, NQ, QĐ, KH…)")
        case .unknownIssuer(let code):
            return LocalizedText(vi: "Không có cơ quan ban hành viết tắt “\(code)” trong danh mục (TW, TU, ĐU…)",
                                 en: "“\(code)” is not an issuing body in the list (TW, TU, ĐU…)")
        }
    }
}
