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
    }

    public let kind: Kind
    public let title: LocalizedText
    public let fieldErrors: [FieldError]

    public init(_ kind: Kind, title: LocalizedText, fieldErrors: [FieldError] = []) {
        self.kind = kind
        self.title = title
        self.fieldErrors = fieldErrors
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
    /// with no control characters or U+FFFD (what invalid UTF-8 turns into on the way in).
    public mutating func requiredText(_ raw: String?, field: String, label: LocalizedText, maxLength: Int = 255) -> String {
        let text = VietnameseText.normalized(raw ?? "")
        if text.isEmpty {
            add(field, LocalizedText(vi: "\(label.vi) không được để trống", en: "\(label.en) must not be empty"))
        } else if !VietnameseText.isCleanText(text) {
            add(field, LocalizedText(vi: "\(label.vi) chứa ký tự không hợp lệ (có thể do sai bảng mã)",
                                     en: "\(label.en) contains invalid characters (possibly a wrong encoding)"))
        } else if text.utf8.count > maxLength, text.count > maxLength {  // bytes bound characters: count them only when it matters
            add(field, LocalizedText(vi: "\(label.vi) dài quá \(maxLength) ký tự", en: "\(label.en) is longer than \(maxLength) characters"))
        }
        return text
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
            add(field, LocalizedText(vi: "\(label.vi) không phải ngày hợp lệ (dd/mm/yyyy)", en: "\(label.en) is not a valid date (dd/mm/yyyy)"))
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
