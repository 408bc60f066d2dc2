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

    /// True if the String is acceptable as stored text (`textProblem` finds nothing): no control characters other
    /// than tab and newline, no U+FFFD replacement character (sign of invalid UTF-8 upstream), no bidi controls, no
    /// invisible format characters, no pile of combining marks.
    ///
    /// "Newline" is LF only: a carriage return is a control character, so text from an HTML form, whose line breaks
    /// are CRLF, must have them turned into LF first. (A Swift String cannot hold an unpaired surrogate: decoding
    /// one from UTF-8 or UTF-16 already yields U+FFFD, which is what this rejects.)
    public static func isCleanText(_ text: String) -> Bool {
        textProblem(text) == nil
    }

    /// What makes a text unfit to store, and the first character at fault.
    public enum TextProblem: Sendable, Hashable {
        /// A C0 or C1 control character other than tab and LF, or U+FFFD: usually a wrong encoding upstream.
        case control(Unicode.Scalar)
        /// A bidi control (U+200E/F, U+061C, U+202A–202E, U+2066–2069): it reorders what is shown, so the text reads
        /// differently from what is stored ("Trojan Source").
        case bidi(Unicode.Scalar)
        /// An invisible format character (zero-width space, joiner and non-joiner, word joiner, BOM, soft hyphen,
        /// tags…): "Nguy\u{200B}ễn" looks like "Nguyễn" but escapes search and duplicate checks. A zero-width joiner
        /// between two emoji (a family, a flag) is part of the emoji and allowed.
        case invisible(Unicode.Scalar)
        /// More than `maximumMarks` combining marks on one character ("Zalgo" text). Vietnamese needs at most two
        /// (a vowel mark and a tone), and NFC leaves none.
        case stackedMarks
    }

    public static let maximumMarks = 3

    /// The first thing that makes `text` unfit to store, or nil. Cheap for plain Latin and Vietnamese text: only
    /// characters from U+0300 up, outside the precomposed Vietnamese letters, have their Unicode properties read.
    public static func textProblem(_ text: String) -> TextProblem? {
        var marks = 0
        var previous: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            defer { previous = scalar }
            let value = scalar.value
            if value < 0x300 || (0x1E00...0x1EFF).contains(value) {
                marks = 0
                switch value {
                case 0x09, 0x0A: continue
                case 0x00...0x1F, 0x7F...0x9F: return .control(scalar)
                case 0xAD: return .invisible(scalar)  // soft hyphen
                default: continue
                }
            }
            switch value {
            case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return .bidi(scalar)
            case 0xFFFD: return .control(scalar)
            case 0x200D:
                // A zero-width joiner inside an emoji sequence (after an emoji, its variation selector or skin tone).
                if let previous, let next, isEmojiPart(previous), next.properties.isEmoji, next.value > 0xFF { continue }
                return .invisible(scalar)
            default: break
            }
            switch scalar.properties.generalCategory {
            case .format:
                // Tags (U+E0020–E007F) spell the subdivision flags after a black flag; U+E0001 and the rest are refused.
                if (0xE0020...0xE007F).contains(value), let previous, previous.value == 0x1F3F4 || (0xE0020...0xE007F).contains(previous.value) { continue }
                return .invisible(scalar)
            case .nonspacingMark, .enclosingMark:
                // Variation selectors are marks too, but one per character: they count like the rest.
                marks += 1
                if marks > maximumMarks { return .stackedMarks }
            case .control:
                return .control(scalar)
            default:
                marks = 0
            }
        }
        return nil
    }

    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(scalar.value) || (scalar.properties.isEmoji && scalar.value > 0xFF)
    }
}
