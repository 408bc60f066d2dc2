/// Why a file could not be read as a table. Every message names the line when there is one, Vietnamese first.
public struct TabularError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The bytes are not text: a ZIP/XLSX/DOCX, a legacy XLS/DOC, a PDF, an image, or anything with NUL bytes
        /// that is not UTF-16.
        case notText
        /// A quoted field is never closed; `line` is where its opening quote is.
        case unterminatedQuote
        /// A record has more fields than allowed; `line` is where the record starts, `limit` the maximum.
        case tooManyColumns
        /// The file is larger than allowed; `limit` is the maximum in bytes.
        case tooLarge
    }

    public let reason: Reason
    /// 1-based line of the file where the problem is, when it has one.
    public let line: Int?
    /// The limit that was exceeded: columns for `.tooManyColumns`, bytes for `.tooLarge`; nil otherwise.
    public let limit: Int?

    public init(_ reason: Reason, line: Int? = nil, limit: Int? = nil) {
        self.reason = reason
        self.line = line
        self.limit = limit
    }

    /// Human-readable, Vietnamese first then English: "Dòng 12: dấu ngoặc kép chưa đóng / Line 12: unterminated quote".
    public var description: String { vietnamese + " / " + english }

    /// The Vietnamese half alone.
    public var vietnamese: String {
        let message: String
        switch reason {
        case .notText:
            message = "tệp không phải là tệp văn bản CSV (có thể là tệp Excel .xlsx/.xls, PDF hoặc tệp nhị phân khác); "
                + "hãy mở tệp trong Excel và lưu lại dưới dạng \"CSV UTF-8\""
        case .unterminatedQuote:
            message = "dấu ngoặc kép chưa đóng"
        case .tooManyColumns:
            message = limit.map { "có hơn \($0) cột" } ?? "có quá nhiều cột"
        case .tooLarge:
            message = limit.map { "tệp quá lớn (tối đa \(Self.size($0, bytes: "byte")))" } ?? "tệp quá lớn"
        }
        return line.map { "Dòng \($0): " + message } ?? Self.capitalized(message)
    }

    /// The English half alone.
    public var english: String {
        let message: String
        switch reason {
        case .notText:
            message = "the file is not a CSV text file (it may be an Excel .xlsx/.xls, a PDF or another binary file); "
                + "open it in Excel and save it as \"CSV UTF-8\""
        case .unterminatedQuote:
            message = "unterminated quote"
        case .tooManyColumns:
            message = limit.map { "more than \($0) columns" } ?? "too many columns"
        case .tooLarge:
            message = limit.map { "the file is too large (at most \(Self.size($0, bytes: "bytes")))" } ?? "the file is too large"
        }
        return line.map { "Line \($0): " + message } ?? Self.capitalized(message)
    }

    private static func size(_ count: Int, bytes unit: String) -> String {
        let mebibyte = 1 << 20
        return count >= mebibyte && count % mebibyte == 0 ? "\(count / mebibyte) MB" : "\(count) \(unit)"
    }

    private static func capitalized(_ message: String) -> String {
        guard let first = message.first else { return message }
        return first.uppercased() + message.dropFirst()
    }
}
