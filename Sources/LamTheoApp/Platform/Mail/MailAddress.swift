import Foundation

/// The e-mail address check that the transport applies before connecting and that forms use.
///
/// Accepted: `local@domain` with an ASCII local part (letters, digits, ``!#$%&'*+/=?^_`{|}~-`` and
/// single dots inside, at most 64 characters) and an ASCII domain of at least two labels (letters,
/// digits, inner hyphens, at most 63 each, the last not all digits), 254 characters in all. Not
/// accepted: quoted local parts, IP literals, and internationalised domains written in Unicode
/// (`thànhủy.vn`): LamTheo sends without SMTPUTF8, so such a domain must be given in its ASCII form
/// (`xn--…`), which is accepted. No surrounding spaces: forms trim first.
enum MailAddress {
    static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        return isValidLocalPart(bytes[..<at]) && isValidDomain(bytes[(at + 1)...])
    }

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    private static func isValidLocalPart(_ local: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(local.count) else { return false }
        return local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isASCIILetterOrDigit($0) || localSymbols.contains($0) }
        }
    }

    private static func isValidDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        guard (1...253).contains(domain.count) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, !last.allSatisfy(isASCIIDigit) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count)
                && label.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") }
                && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
        }
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        isASCIIDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

/// An address with an optional display name: `Thành ủy <no-reply@example.vn>` or a bare address
/// (`LAMTHEO_SMTP_FROM`).
struct Mailbox: Sendable, Equatable {
    var address: String
    var name: String?

    init(address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// nil unless the address inside is valid. A display name in double quotes has them removed.
    init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var display = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if display.count >= 2, display.hasPrefix("\""), display.hasSuffix("\"") {
                display = String(display.dropFirst().dropLast())
            }
            name = display.isEmpty ? nil : display
        } else {
            address = trimmed
            name = nil
        }
        guard MailAddress.isValid(address), !(name ?? "").contains(where: \.isNewline) else { return nil }
    }

    var domain: String {
        String(address[address.index(after: address.lastIndex(of: "@")!)...])
    }
}
