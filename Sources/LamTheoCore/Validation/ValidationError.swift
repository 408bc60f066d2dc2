import Foundation

/// One thing wrong with one field of a form or a JSON body.
public struct FieldError: Sendable, Hashable, Codable {
    /// The field's name as the API spells it (`name`, `parentId`, `cardNumber`).
    public let field: String
    public let message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }
}

/// Why a command refused to write. Commands check everything before they write, so a thrown
/// DomainError always means nothing was changed.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The input is wrong; the fields say where.
        case invalid
        /// The request itself is malformed: a query parameter has a value it never takes.
        case malformed
        /// The input is fine but clashes with what is stored (a duplicate card number, a closed unit).
        case conflict
        /// The thing asked for does not exist (or is outside the caller's scope).
        case notFound
        /// The caller could not be identified (a wrong, expired or revoked token).
        case unauthorized
        /// The caller is known but may not do this (a missing anti-forgery token, a grant outside scope).
        case forbidden
        /// Too many attempts in a short time (password guessing).
        case tooManyAttempts
        /// The server is too busy to do this now (too many sign-ins being checked at once); try again shortly.
        case unavailable
    }

    public let kind: Kind
    public let title: LocalizedText
    public let fieldErrors: [FieldError]
    /// When to try again, in seconds (`Retry-After`), for `.tooManyAttempts` and `.unavailable`.
    public let retryAfter: Int?

    public init(_ kind: Kind, title: LocalizedText, fieldErrors: [FieldError] = [], retryAfter: Int? = nil) {
        self.kind = kind
        self.title = title
        self.fieldErrors = fieldErrors
        self.retryAfter = retryAfter
    }

    /// Both languages, for logs and the command line: "Dữ liệu chưa hợp lệ — name: Tên không được để trống / …".
    public var description: String {
        ([title.vi + " / " + title.en] + fieldErrors.map { "  \($0.field): \($0.message.vi) / \($0.message.en)" }).joined(separator: "\n")
    }

    public static func invalid(_ errors: [FieldError]) -> DomainError {
        DomainError(.invalid, title: LocalizedText(vi: "Dữ liệu chưa hợp lệ", en: "The input is not valid"), fieldErrors: errors)
    }

    public static func invalid(field: String, _ message: LocalizedText) -> DomainError {
        invalid([FieldError(field: field, message: message)])
    }

    public static func malformed(field: String, _ message: LocalizedText) -> DomainError {
        DomainError(.malformed, title: LocalizedText(vi: "Yêu cầu không hợp lệ", en: "Bad request"), fieldErrors: [FieldError(field: field, message: message)])
    }

    public static func conflict(field: String, _ message: LocalizedText) -> DomainError {
        DomainError(.conflict, title: message, fieldErrors: [FieldError(field: field, message: message)])
    }

    public static func notFound(_ what: LocalizedText) -> DomainError {
        DomainError(.notFound, title: what)
    }
}

/// Collects field errors while a command checks its input, so that the user sees every problem at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: LocalizedText) {
        errors.append(FieldError(field: field, message: message))
    }

    public mutating func check(_ condition: Bool, _ field: String, _ message: LocalizedText) {
        if !condition { add(field, message) }
    }

    /// Throws every collected error at once; does nothing when the input was clean.
    public func throwIfInvalid() throws {
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}

extension Validator {
    /// A required piece of text such as a name: stored NFC with whitespace tidied, not empty, not too long,
    /// and clean (`VietnameseText.textProblem`): no control characters or U+FFFD (what invalid UTF-8 turns into on
    /// the way in), no bidi controls, no invisible characters, no pile of combining marks. The message names the
    /// field and the character.
    ///
    /// Zero-width spaces, word joiners and BOMs at either end are taken off like spaces (text pasted from the web or
    /// a file keeps them there, and nothing is lost); inside the text they are refused, never removed silently,
    /// because they change what search and duplicate checks see and the user should know.
    public mutating func requiredText(_ raw: String?, field: String, label: LocalizedText, maxLength: Int = 255) -> String {
        let text = VietnameseText.normalized(Validator.trimmingInvisibleEnds(raw ?? ""))
        if text.isEmpty {
            add(field, LocalizedText(vi: "\(label.vi) không được để trống", en: "\(label.en) must not be empty"))
        } else if let problem = VietnameseText.textProblem(text) {
            add(field, Validator.message(problem, label: label))
        } else if text.utf8.count > maxLength, text.count > maxLength {  // bytes bound characters: count them only when it matters
            add(field, LocalizedText(vi: "\(label.vi) dài quá \(maxLength) ký tự", en: "\(label.en) is longer than \(maxLength) characters"))
        }
        return text
    }

    /// What to tell the user about unclean text in the field called `label`.
    public static func message(_ problem: VietnameseText.TextProblem, label: LocalizedText) -> LocalizedText {
        func code(_ scalar: Unicode.Scalar) -> String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        switch problem {
        case .control:
            return LocalizedText(vi: "\(label.vi) chứa ký tự không hợp lệ (có thể do sai bảng mã)",
                                 en: "\(label.en) contains invalid characters (possibly a wrong encoding)")
        case .bidi(let scalar):
            return LocalizedText(vi: "\(label.vi) chứa ký tự ẩn đảo chiều hiển thị chữ (\(code(scalar))); hãy gõ lại",
                                 en: "\(label.en) contains a hidden character that reverses how text is shown (\(code(scalar))); please retype it")
        case .invisible(let scalar):
            return LocalizedText(vi: "\(label.vi) chứa ký tự vô hình (\(code(scalar))), thường do dán từ nơi khác; hãy gõ lại",
                                 en: "\(label.en) contains an invisible character (\(code(scalar))), usually from pasting; please retype it")
        case .stackedMarks:
            return LocalizedText(vi: "\(label.vi) có quá nhiều dấu chồng lên một chữ",
                                 en: "\(label.en) has too many marks stacked on one letter")
        }
    }

    /// The text without whitespace, zero-width spaces, word joiners and BOMs at its ends. Only the two end
    /// characters are looked at when there is nothing to take off.
    static func trimmingInvisibleEnds(_ text: String) -> String {
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\u{200B}" || scalar == "\u{2060}" || scalar == "\u{FEFF}"
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isTrimmed(first) || isTrimmed(last) else { return text }
        let trimmed = scalars.drop { isTrimmed($0) || $0.properties.isWhitespace }.reversed().drop { isTrimmed($0) || $0.properties.isWhitespace }.reversed()
        var result = String.UnicodeScalarView()
        result.append(contentsOf: trimmed)
        return String(result)
    }

    /// Optional text: nil when blank, otherwise checked like `requiredText`.
    public mutating func optionalText(_ raw: String?, field: String, label: LocalizedText, maxLength: Int = 255) -> String? {
        let text = VietnameseText.normalized(raw ?? "")
        guard !text.isEmpty else { return nil }
        return requiredText(text, field: field, label: label, maxLength: maxLength)
    }

    /// A date typed as `dd/MM/yyyy`, `d/M/yyyy` or ISO; nil when blank.
    public mutating func optionalDate(_ raw: String?, field: String, label: LocalizedText) -> CalendarDate? {
        // Not Foundation's trimming: this runs for every date of every imported row. Parsing trims.
        guard let raw, raw.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
        guard let date = CalendarDate(parsing: raw) else {
            add(field, LocalizedText(vi: "\(label.vi) không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)", en: "\(label.en) is not a valid date (yyyy-mm-dd or dd/mm/yyyy)"))
            return nil
        }
        return date
    }

    public mutating func requiredDate(_ raw: String?, field: String, label: LocalizedText) -> CalendarDate? {
        if (raw ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            add(field, LocalizedText(vi: "\(label.vi) không được để trống", en: "\(label.en) must not be empty"))
            return nil
        }
        return optionalDate(raw, field: field, label: label)
    }
}
