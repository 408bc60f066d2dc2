import Foundation

/// Normalisation, search keys and collation for Vietnamese text.
///
/// The keys accept any input, NFC or NFD or a mix (precomposed "ê" followed by a combining tone mark, as legacy
/// converters produce), with the tone mark on any vowel of the syllable (old style "hoà", new style "hòa").
/// Letters of other scripts are lowercased and stripped of their marks but otherwise kept.
public enum VietnameseText {
    /// NFC, trimmed, runs of whitespace (incl. NBSP, tabs, newlines) collapsed to one space.
    ///
    /// Whitespace means Unicode White_Space, which includes U+3000 and the line and paragraph separators but not
    /// the zero-width space U+200B.
    public static func normalized(_ text: String) -> String {
        if isTidy(text) { return text }
        var result = String.UnicodeScalarView()
        var spacePending = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                spacePending = !result.isEmpty
            } else {
                if spacePending {
                    result.append(" ")
                    spacePending = false
                }
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// True when `normalized` would return the text unchanged, decided without Foundation's NFC (the bulk
    /// of an import's time otherwise): no whitespace but single inner spaces, and only scalars that NFC
    /// leaves alone — Latin (below U+0370, and the precomposed letters of U+1E00–U+1EFF that Vietnamese
    /// uses), none of them combining. Anything else takes the full path.
    private static func isTidy(_ text: String) -> Bool {
        var previousWasSpace = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            if value < 0x80 {
                if value < 0x20 || value == 0x7F { return false }
                continue
            }
            // Latin-1 and Latin Extended letters (no combining marks before U+0300, no whitespace but U+0085 and
            // U+00A0) and the precomposed U+1E00–U+1EFF are tidy without looking up their Unicode properties.
            if (value < 0x0300 && value != 0x85 && value != 0xA0) || (0x1E00...0x1EFF).contains(value) { continue }
            if value >= 0x0370 || scalar.properties.isWhitespace || scalar.properties.canonicalCombiningClass != .notReordered {
                return false
            }
        }
        return !previousWasSpace || text.isEmpty
    }

    /// Search key: NFC-insensitive, lowercased, every diacritic (tones AND vowel marks ă â ê ô ơ ư) removed, đ/Đ -> d,
    /// punctuation turned into spaces, whitespace collapsed, trimmed. "Đảng ủy Phường Bến Nghé" -> "dang uy phuong ben nghe";
    /// "Nguyễn Văn A" -> "nguyen van a". Old and new tone placement ("uỷ"/"ủy", "hoà"/"hòa") fold the same. Digits kept.
    ///
    /// Latin letters come out as ASCII; letters of other scripts come out lowercased without their marks.
    public static func searchKey(_ text: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var spacePending = false
        for scalar in text.unicodeScalars {
            let output: Unicode.Scalar
            switch ScalarKind(scalar) {
            case .letter(let letter):
                output = letter.base
            case .digit(let digit):
                output = Unicode.Scalar(digit)
            case .mark:
                continue
            case .separator:
                spacePending = !key.isEmpty
                continue
            }
            if spacePending {
                key.append(UInt8(ascii: " "))
                spacePending = false
            }
            UTF8.encode(output) { key.append($0) }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// A String whose plain byte-wise (binary / C collation) order is the Vietnamese collation order, so the database can
    /// sort by it (stored column, ORDER BY with C collation). Rules: compared syllable by syllable (syllable = whitespace/
    /// punctuation-separated word); within a syllable letters first, then tone. Alphabet order: a ă â b c d đ e ê (f) g h i (j) k l m n
    /// o ô ơ p q r s t u ư v (w) x y (z) (foreign letters f j w z at their Latin places); tones ngang < huyền < hỏi < ngã < sắc < nặng.
    /// Case-insensitive. A shorter syllable that is a prefix sorts first ("an" < "anh"), and fewer syllables first when equal so far
    /// ("an" < "an bình"). Runs of digits compare numerically ("Chi bộ 2" < "Chi bộ 10") and sort before letters.
    /// Punctuation is ignored. The key uses only printable ASCII characters (so it is safe in any database text column).
    /// Must handle tone marks wherever they are placed (NFD input, old style "hoà" vs new style "hòa" give the same key).
    ///
    /// Further details: leading zeros do not count ("Tổ 02" and "Tổ 2" have the same key); a syllable with several
    /// tone marks (a typing error) takes the highest; other marks (ë, ç) are ignored; letters of other scripts sort
    /// after "z", by code point. The key contains no space, quote or backslash. Its layout is described in
    /// `CollationKey`.
    public static func sortKey(_ text: String) -> String {
        var key = CollationKey(reservingCapacity: text.utf8.count + 8)
        key.append(text)
        return key.string
    }

    /// areInIncreasingOrder by sortKey, then by the original string as a tie-break (usable with sorted(by:)).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (keyA, keyB) = (sortKey(a), sortKey(b))
        return keyA == keyB ? a < b : keyA < keyB
    }

    /// True if the String is acceptable as stored text: not containing control characters other than tab/newline,
    /// no unpaired surrogates / U+FFFD replacement character (sign of invalid UTF-8 upstream).
    ///
    /// "Newline" is LF only: a carriage return is a control character, so text from an HTML form, whose line breaks
    /// are CRLF, must have them turned into LF first. (A Swift String cannot hold an unpaired surrogate: decoding
    /// one from UTF-8 or UTF-16 already yields U+FFFD, which is what this rejects.)
    public static func isCleanText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "\t", "\n": true
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{FFFD}": false  // C0 and C1 controls, replacement character
            default: true
            }
        }
    }
}
