import Foundation

/// The message as it goes over the wire (RFC 5322 with MIME), in ASCII only since LamTheo does not ask
/// for SMTPUTF8: Vietnamese in the Subject and the display names as RFC 2047 encoded-words (UTF-8, B),
/// the body as UTF-8 in quoted-printable, every line at most 76 characters.
enum MailFormat {
    /// The header and body, lines ending in CRLF, not yet dot-stuffed.
    static func message(_ message: MailMessage, from: Mailbox, date: Date, messageID: String) -> String {
        let headers = [
            "Date: \(rfc5322Date(date))",
            "From: \(mailbox(from))",
            "To: \(mailbox(Mailbox(address: message.to, name: message.toName)))",
            "Subject: \(headerText(message.subject))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + quotedPrintable(message.text)
    }

    /// A new Message-ID (without the angle brackets), under the sender's domain.
    static func newMessageID(domain: String) -> String {
        "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// `Sat, 05 Dec 2026 22:00:00 +0700`: Vietnam's time, where the readers are.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    static func mailbox(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.name.map(singleLine), !name.isEmpty else { return mailbox.address }
        // Plain words go as they are; anything else (accents, quotes, commas…) as encoded-words, which
        // also keeps a name from breaking the header, with the address on a line of its own.
        let plain = name.utf8.allSatisfy { $0 == UInt8(ascii: " ") || isASCIIAlphanumeric($0) } && name.count <= 40
        return plain ? "\(name) <\(mailbox.address)>" : "\(encodedWords(name))\r\n <\(mailbox.address)>"
    }

    /// A header's free text: as it is when it is short printable ASCII, otherwise encoded-words.
    static func headerText(_ text: String) -> String {
        let line = singleLine(text)
        let plain = line.utf8.allSatisfy { (0x20...0x7E).contains($0) } && line.utf8.count <= 60 && !line.contains("=?")
        return plain ? line : encodedWords(line)
    }

    /// `=?UTF-8?B?…?=` words of at most 39 bytes of text each (64 characters), folded onto continuation
    /// lines; a character is never split between two words.
    static func encodedWords(_ text: String) -> String {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045) of the text's UTF-8, its line breaks as CRLF, soft breaks keeping
    /// each line at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { quotedPrintableLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            // Room for the token and, unless it ends the line, a soft break "=" after it.
            if lineLength + token.count > (isLast ? 76 : 75) {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return output
    }

    /// The DATA section: a line starting with "." gets another, and the message ends with CRLF "." CRLF.
    static func dotStuffed(_ message: String) -> String {
        let lines = message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
