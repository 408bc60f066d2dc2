/// An XML part being written: markup the writer spells out, and text from users escaped.
///
/// Parts are small (a report of a few dozen pages is a few hundred kilobytes of XML), so unlike the XLSX writer's
/// streamed sheets they are built whole in memory.
struct DocxXML {
    private(set) var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n".utf8)

    /// Markup the writer spells out, never user text.
    mutating func markup(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// User text as character data, or (with `attribute`) inside a double-quoted attribute value: `&`, `<`, `>`
    /// escaped (and `"` in attributes, with tab, line feed and carriage return as references so they are not
    /// turned into spaces); characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
    /// dropped. Word has no `_xHHHH_` decoding in `w:t`, so, unlike a spreadsheet cell, "_x0041_" needs nothing.
    mutating func text(_ text: String, attribute: Bool = false) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": markup("&amp;")
            case "<": markup("&lt;")
            case ">": markup("&gt;")
            case "\"" where attribute: markup("&quot;")
            case "\t" where attribute: markup("&#9;")
            case "\n" where attribute: markup("&#10;")
            case "\r": markup("&#13;")
            case "\t", "\n": bytes.append(UInt8(scalar.value))
            case "\u{00}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// `name="value"` with a leading space, the value escaped.
    mutating func attribute(_ name: String, _ value: String) {
        markup(" \(name)=\"")
        text(value, attribute: true)
        markup("\"")
    }
}
