import Foundation

/// A legacy 8-bit font encoding of Vietnamese, as found in spreadsheets typed before Unicode.
public enum LegacyVietnameseEncoding: String, Sendable, Codable, CaseIterable {
    /// TCVN 5712:1993 VN3, the ABC font set (.VnTime, .VnArial and the uppercase .VnTimeH, .VnArialH).
    case tcvn3
    /// VNI-Windows (VNI-Times, VNI-Helve…): a base letter followed by a mark character.
    case vni
}

/// Detection and conversion of Vietnamese typed with a legacy font encoding (TCVN3/ABC, VNI) and read back as the
/// Windows characters that share its bytes: "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI) for "Nguyễn Văn An".
///
/// ## Which bytes a string stands for
/// A cell arrives as a Swift string decoded by a spreadsheet reader. It is turned back into the legacy bytes in one
/// of two ways (`SourceDecoding`):
/// - Windows-1252 / Latin-1 (XLSX, XLS, CSV read as Latin-1): every scalar up to U+00FF is its own byte, and the
///   Windows-1252 characters of 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ) are their bytes
///   too, so a raw C1 control U+0093 and “ are the same byte 0x93.
/// - Windows-1258 (how `CSVFile.decode` reads a CSV that is not UTF-8): the Windows-1258 characters, after NFC has
///   merged a letter with a following tone-mark byte ("x" + 0xEC became "x́", "o" + 0xCC became "ò"): such a letter is
///   split again into its base and tone-mark bytes.
///
/// Neither TCVN3 nor VNI puts a letter on 0x80–0x9F: both font sets keep the Windows-1252 punctuation there, so those
/// bytes come out as that punctuation (a raw C1 control becomes the Windows-1252 character of its byte; the five
/// bytes Windows-1252 leaves undefined stay as they are).
///
/// ## Detection rule (`detect`)
/// 1. Text without any non-ASCII scalar is never legacy.
/// 2. The text must stand for legacy bytes: every scalar maps to a Windows-1252 byte; or, when some does not,
///    every scalar maps to Windows-1258 bytes AND the text shows a sign of such a decoding that Unicode Vietnamese
///    never has: a Latin-1 symbol or non-Vietnamese letter (§ ¶ ¸ ¨ ä ü…), a letter Vietnamese does not use (ḥ ć),
///    a combining mark, an uppercase letter right after a lowercase one ("ChƯ"), or two vowels no Vietnamese
///    syllable puts side by side ("eă", "aê"). Proper Unicode Vietnamese ("Nguyễn Văn An") fails this at its first
///    ạ, ễ… and is not looked at further. (`detect(_:decodedAs:)` skips the guess and the sign.)
/// 3. The text is cut into words (runs of letters and of bytes 0xA1–0xFF). Each word with a non-ASCII character
///    is decoded in each encoding and checked as one Vietnamese syllable: onset, vowel group, final consonant
///    (only c ch m n ng nh p t, and c ch p t only with the sắc or nặng tone), at most one tone, the spelling rules
///    (k/gh/ngh before i e ê y; c g ng elsewhere; q only as qu), and a proper case (all lowercase, all uppercase or
///    capitalised; a VNI mark in the case of its letter; TCVN3 letters with lowercase-only codes may be either).
///    A word of consonants only ("§V" = ĐV) or of one letter ("ë" = ở) counts neither way. An encoding is
///    plausible when at least one word decodes to a syllable and none fails — or, in a longer text, at least four
///    succeed and at most one in five fails (a foreign name, a typo).
/// 4. When both encodings are plausible, the one with more valid words (less two per failed one) wins; a tie
///    goes to the one with more common syllables (`LegacyTables.commonSyllablesText`); still tied: nil.
/// 5. Conservative step: if the text as it stands is itself valid Unicode Vietnamese (every word with a non-ASCII
///    character a syllable in a proper case), it is kept as Unicode unless the legacy reading has no failed word
///    and strictly more common syllables. "Lê Vân Anh" stays (lê, vân against lờ, võn); "Chi bé Khu phè 3" is TCVN3
///    (bộ, phố against bé); "Chi bé" and VNI "Hoà Chí Minh" (= Hồ Chí Minh) stay, as the two readings tie.
///
/// Some short legacy texts are therefore left undetected: those that read as valid Unicode Vietnamese as well, or
/// equally well in both encodings (VNI "Hæn" = Hỉn, TCVN3 "Hæn" = Hổn), or whose only non-ASCII word is one
/// letter. For a whole file, `detect(in:)` and `repair(_:assuming:)` settle most of them.
///
/// ## TCVN3 and uppercase
/// VN3 has uppercase codes only for Ă Â Ê Ô Ơ Ư Đ; an uppercase vowel with a tone mark was typed with the lowercase
/// code in an uppercase font (.VnTimeH). Which font a cell used is lost, so `convert` infers the case: such letters
/// (and ă â ê ô ơ ư đ typed with the lowercase codes) are uppercase in a word whose other letters are all uppercase
/// with at least two of them ("§¶NG" → "ĐẢNG", "NGUYÔN" → "NGUYỄN"), and in a word with at most one uppercase
/// letter and no lowercase one ("Bé", "Hå") when the text has such an all-uppercase word and no lowercase letter at
/// all ("§¶NG Bé" → "ĐẢNG BỘ"). Everywhere else they are lowercase ("Bé Y TÕ" → "Bộ Y Tế", "Ên" → "ấn").
///
/// The positions TCVN 5712 VN1/VN2 give the other uppercase letters (0x01–0x17, 0x80–0x9F, 0xAF, 0xBA, 0xBF,
/// 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF) are not decoded: the ABC fonts and the keyboard drivers that
/// produced these files (ABC, Vietkey, UniKey) use VN3 only, and in VN3 text those bytes are Windows punctuation or
/// Latin-1 characters.
public enum LegacyVietnamese {
    /// How the spreadsheet reader turned the cell's bytes into a string.
    public enum SourceDecoding: String, Sendable, CaseIterable {
        /// Windows-1252 or Latin-1 (XLSX and XLS cells hold what Excel made of the typed bytes this way).
        case windows1252
        /// Windows-1258 followed by NFC (`CSVFile.decode` for a CSV that is not UTF-8).
        case windows1258
    }

    // MARK: Public API

    /// Which legacy encoding `text` looks typed in, or nil when it is already Unicode Vietnamese, plain ASCII or
    /// anything else. See the type's documentation for the rule.
    public static func detect(_ text: String) -> LegacyVietnameseEncoding? {
        analyze(text, sources: nil)?.verdict(preferring: nil)?.encoding
    }

    /// `detect` for a string known to have been decoded with `source`.
    public static func detect(_ text: String, decodedAs source: SourceDecoding) -> LegacyVietnameseEncoding? {
        analyze(text, sources: [source])?.verdict(preferring: nil)?.encoding
    }

    /// The encoding of a whole column or file: the one most cells are detected in, when at least one is and the
    /// cells detected in the other are fewer than one in four of them; nil otherwise.
    ///
    /// Use it with `repair(_:assuming:)` for the cells that are too short to tell on their own ("Chi bé").
    public static func detect(in texts: some Sequence<String>) -> LegacyVietnameseEncoding? {
        var tcvn3 = 0
        var vni = 0
        for text in texts {
            switch detect(text) {
            case .tcvn3: tcvn3 += 1
            case .vni: vni += 1
            case nil: break
            }
        }
        if tcvn3 > 0 && vni * 4 < tcvn3 { return .tcvn3 }
        if vni > 0 && tcvn3 * 4 < vni { return .vni }
        return nil
    }

    /// Converts text typed in `encoding` to Unicode NFC. Characters that are not part of the encoding's special range
    /// pass through unchanged. The text is taken as Windows-1252 characters when it can be; when some scalar has no
    /// Windows-1252 byte, as Windows-1258 if its words then read better as `encoding`.
    public static func convert(_ text: String, from encoding: LegacyVietnameseEncoding) -> String {
        guard !isASCII(text) else { return text }
        let windows1252 = LegacySourceBytes(text, source: .windows1252)
        guard windows1252.foreignCount > 0 else { return LegacyConverter.convert(windows1252, from: encoding) }
        // Some scalars have no Windows-1252 byte: the text may have been read as Windows-1258, or be a mix of
        // legacy and Unicode characters. Take the decoding whose words read better (Windows-1252 on a tie).
        let windows1258 = LegacySourceBytes(text, source: .windows1258)
        let rank1252 = LegacyScorer.score(units: windows1252.units, encoding: encoding).rank
        let rank1258 = LegacyScorer.score(units: windows1258.units, encoding: encoding).rank
        return LegacyConverter.convert(rank1258 > rank1252 ? windows1258 : windows1252, from: encoding)
    }

    /// `convert` for a string known to have been decoded with `source`.
    public static func convert(
        _ text: String, from encoding: LegacyVietnameseEncoding, decodedAs source: SourceDecoding
    ) -> String {
        guard !isASCII(text) else { return text }
        return LegacyConverter.convert(LegacySourceBytes(text, source: source), from: encoding)
    }

    /// `detect` then `convert`: the repaired text and the encoding found, or nil when nothing needed repair.
    public static func repair(_ text: String) -> (text: String, encoding: LegacyVietnameseEncoding)? {
        guard let found = analyze(text, sources: nil)?.verdict(preferring: nil) else { return nil }
        return (LegacyConverter.convert(found.source, from: found.encoding), found.encoding)
    }

    /// `repair` for a string known to have been decoded with `source`.
    public static func repair(
        _ text: String, decodedAs source: SourceDecoding
    ) -> (text: String, encoding: LegacyVietnameseEncoding)? {
        guard let found = analyze(text, sources: [source])?.verdict(preferring: nil) else { return nil }
        return (LegacyConverter.convert(found.source, from: found.encoding), found.encoding)
    }

    /// Repairs a cell of a file known to be typed in `encoding` (see `detect(in:)`): the converted text, or nil when
    /// the cell does not read as that encoding. Unlike `detect`, a tie with the Unicode reading goes to `encoding`
    /// ("Chi bé" becomes "Chi bộ"); a cell that reads better as Unicode ("Lê Vân Anh") is still left alone.
    public static func repair(_ text: String, assuming encoding: LegacyVietnameseEncoding) -> String? {
        guard let found = analyze(text, sources: nil)?.verdict(preferring: encoding), found.encoding == encoding else {
            return nil
        }
        return LegacyConverter.convert(found.source, from: encoding)
    }

    /// Unicode → legacy, as Windows-1252 characters (what a spreadsheet reader gives for such a cell), or nil when a
    /// character has no legacy form. In TCVN3 an uppercase vowel with a tone mark gets the lowercase code (VN3 has
    /// no other); punctuation and Latin-1 characters whose byte the encoding does not use are kept.
    public static func encode(_ unicode: String, to encoding: LegacyVietnameseEncoding) -> String? {
        guard let bytes = encodedBytes(unicode, to: encoding) else { return nil }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(LegacySourceBytes.cp1252Scalar(byte)) }
        return String(scalars)
    }

    /// Unicode → the legacy bytes (for building a CSV file as such offices save it), or nil when a character has
    /// no legacy form.
    public static func encodedBytes(_ unicode: String, to encoding: LegacyVietnameseEncoding) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unicode.utf8.count)
        for scalar in unicode.precomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if let letter = LegacyTables.letter(value) {
                switch encoding {
                case .tcvn3: bytes.append(LegacyTables.tcvn3Byte(letter))
                case .vni: LegacyTables.vniBytes(letter, into: &bytes)
                }
            } else if let byte = LegacyTables.cp1252Byte(value), !LegacyScorer.isSpecial(byte, in: encoding) {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    // MARK: Internals

    @inline(__always)
    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func analyze(_ text: String, sources: [SourceDecoding]?) -> LegacyAnalysis? {
        guard !isASCII(text) else { return nil }
        let candidates = LegacySourceBytes.candidates(for: text, allowed: sources)
        guard !candidates.isEmpty else { return nil }
        return LegacyAnalysis(text: text, sources: candidates)
    }
}

// MARK: - Source bytes

/// A string turned back into the legacy bytes it stands for. A unit below 0x100 is a byte; a scalar that has no
/// byte in the decoding is kept as `foreignFlag | scalar`.
struct LegacySourceBytes {
    static let foreignFlag: UInt32 = 0x8000_0000

    var decoding: LegacyVietnamese.SourceDecoding
    var units: [UInt32]
    var foreignCount = 0

    init(_ text: String, source: LegacyVietnamese.SourceDecoding) {
        decoding = source
        units = []
        units.reserveCapacity(text.unicodeScalars.count)
        switch source {
        case .windows1252:
            // Latin-1 text has no combining marks: any there belong to Unicode letters, which NFC puts together.
            let hasMarks = text.unicodeScalars.contains { $0.value >= 0x0300 && $0.value <= 0x036F }
            for scalar in (hasMarks ? text.precomposedStringWithCanonicalMapping : text).unicodeScalars {
                if let byte = LegacyTables.cp1252Byte(scalar.value) {
                    units.append(UInt32(byte))
                } else {
                    units.append(Self.foreignFlag | scalar.value)
                    foreignCount += 1
                }
            }
        case .windows1258:
            for scalar in text.unicodeScalars where !Self.append1258(scalar, to: &units) {
                units.append(Self.foreignFlag | scalar.value)
                foreignCount += 1
            }
        }
    }

    /// Appends the Windows-1258 bytes of a scalar, splitting a letter NFC composed from a base and a tone mark.
    private static func append1258(_ scalar: Unicode.Scalar, to units: inout [UInt32]) -> Bool {
        let value = scalar.value
        if let byte = LegacyTables.cp1258ByScalar[value] {
            units.append(UInt32(byte))
            return true
        }
        if let letter = LegacyTables.letter(value), letter.isVowel, letter.tone != 0 {
            var base = letter
            base.tone = 0
            guard let byte = LegacyTables.cp1258ByScalar[base.scalar.value] else { return false }
            units.append(UInt32(byte))
            units.append(UInt32(LegacyTables.cp1258ToneMark[Int(letter.tone)]))
            return true
        }
        guard value >= 0xC0 else { return false }
        var bytes: [UInt32] = []
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            guard let byte = LegacyTables.cp1258ByScalar[part.value] else { return false }
            bytes.append(UInt32(byte))
        }
        guard bytes.count > 1 else { return false }
        units.append(contentsOf: bytes)
        return true
    }

    /// The Windows-1252 character of a byte (a byte Windows-1252 leaves undefined stays a C1 control).
    @inline(__always)
    static func cp1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte < 0xA0 {
            let value = LegacyTables.cp1252High[Int(byte) - 0x80]
            if value != 0 { return Unicode.Scalar(value)! }
        }
        return Unicode.Scalar(byte)
    }

    /// The character the decoding gave a byte.
    @inline(__always)
    func sourceScalar(_ byte: UInt8) -> Unicode.Scalar {
        switch decoding {
        case .windows1252:
            return Self.cp1252Scalar(byte)
        case .windows1258:
            guard byte >= 0x80 else { return Unicode.Scalar(byte) }
            return Unicode.Scalar(Windows1258.high[Int(byte) - 0x80])!
        }
    }

    /// The decodings worth trying for a text. Without `allowed`: Windows-1252 when it covers every scalar, else
    /// Windows-1258 when it covers every scalar and the text shows a sign of it (see `LegacyVietnamese`, rule 2).
    /// With `allowed`: each allowed decoding that covers every scalar.
    static func candidates(for text: String, allowed: [LegacyVietnamese.SourceDecoding]?) -> [LegacySourceBytes] {
        var result: [LegacySourceBytes] = []
        if allowed?.contains(.windows1252) ?? true {
            let bytes = LegacySourceBytes(text, source: .windows1252)
            if bytes.foreignCount == 0 { result.append(bytes) }
        }
        if allowed?.contains(.windows1258) ?? (result.isEmpty && showsWindows1258Sign(text)) {
            let bytes = LegacySourceBytes(text, source: .windows1258)
            if bytes.foreignCount == 0 { result.append(bytes) }
        }
        return result
    }

    /// Whether a text that Windows-1252 does not cover shows a character or sequence that Unicode Vietnamese never
    /// has but legacy bytes read as Windows-1258 do.
    static func showsWindows1258Sign(_ text: String) -> Bool {
        var previous: LegacyLetter?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                previous = LegacyTables.letter(value)
                continue
            }
            guard let letter = LegacyTables.letter(value) else {
                if value >= 0x0300 && value <= 0x036F { return true }
                if value >= 0xA1 && value <= 0xFF { return true }
                if scalar.properties.isAlphabetic { return true }
                previous = nil
                continue
            }
            if let previous {
                if letter.isUpper && !previous.isUpper { return true }
                if previous.isVowel && letter.isVowel
                    && !LegacyTables.vowelPairs.contains(UInt32(previous.base) | UInt32(letter.base) << 8) {
                    return true
                }
            }
            previous = letter
        }
        return false
    }
}

// MARK: - Reading words

/// How many words of a text read as Vietnamese syllables in one reading.
struct LegacyScore {
    var valid = 0
    var invalid = 0

    var isPlausible: Bool { valid >= 1 && (invalid == 0 || (valid >= 4 && invalid * 5 <= valid)) }
    var rank: Int { valid - 2 * invalid }
}

enum LegacyScorer {
    /// Whether an encoding gives a byte a meaning of its own (a letter or a mark).
    static func isSpecial(_ byte: UInt8, in encoding: LegacyVietnameseEncoding) -> Bool {
        switch encoding {
        case .tcvn3: LegacyTables.tcvn3ByByte[Int(byte)] != nil
        case .vni: LegacyTables.vniByByte[Int(byte)].kind != .none
        }
    }

    @inline(__always)
    static func isWordUnit(_ unit: UInt32) -> Bool {
        if unit & LegacySourceBytes.foreignFlag != 0 {
            guard let scalar = Unicode.Scalar(unit & ~LegacySourceBytes.foreignFlag) else { return false }
            return LegacyUnicodeReading.isWordScalar(scalar)
        }
        return LegacyTables.isWordByte[Int(unit)]
    }

    /// Calls `body` with the range of every word holding a non-ASCII unit.
    static func forEachWord(_ units: [UInt32], _ body: (Range<Int>) -> Void) {
        var start = -1
        var nonASCII = false
        for index in 0...units.count {
            if index < units.count && isWordUnit(units[index]) {
                if start < 0 {
                    start = index
                    nonASCII = false
                }
                if units[index] >= 0x80 { nonASCII = true }
            } else if start >= 0 {
                if nonASCII { body(start..<index) }
                start = -1
            }
        }
    }

    /// Decodes one word in `encoding`; false when a unit is not a letter there or a VNI mark has no letter to go on.
    static func decode(
        _ units: ArraySlice<UInt32>, in encoding: LegacyVietnameseEncoding, into letters: inout [LegacyLetter]
    ) -> Bool {
        letters.removeAll(keepingCapacity: true)
        for unit in units {
            guard unit < 0x100 else { return false }
            if unit < 0x80 {
                guard let letter = LegacyTables.letter(unit) else { return false }
                letters.append(letter)
                continue
            }
            switch encoding {
            case .tcvn3:
                guard let letter = LegacyTables.tcvn3ByByte[Int(unit)] else { return false }
                letters.append(letter)
            case .vni:
                let vni = LegacyTables.vniByByte[Int(unit)]
                switch vni.kind {
                case .none:
                    return false
                case .letter:
                    letters.append(vni.letter)
                case .mark:
                    // A VNI driver writes uppercase marks (0xC0–0xDF) after uppercase letters only.
                    guard let last = letters.last, last.isUpper == (unit < 0xE0),
                        attach(vni, to: &letters[letters.count - 1])
                    else { return false }
                }
            }
        }
        return true
    }

    /// Puts a VNI mark on the letter before it, if it can go there.
    @inline(__always)
    static func attach(_ mark: LegacyTables.VNIUnit, to letter: inout LegacyLetter) -> Bool {
        guard letter.isVowel else { return false }
        if mark.modifier == 0 {
            guard letter.tone == 0 else { return false }
            letter.tone = mark.tone
            return true
        }
        let base: UInt8
        switch (mark.modifier, letter.base) {
        case (1, UInt8(ascii: "a")): base = LegacyLetter.aCircumflex
        case (1, UInt8(ascii: "e")): base = LegacyLetter.eCircumflex
        case (1, UInt8(ascii: "o")): base = LegacyLetter.oCircumflex
        case (2, UInt8(ascii: "a")): base = LegacyLetter.aBreve
        default: return false
        }
        if mark.tone != 0 {
            guard letter.tone == 0 else { return false }
            letter.tone = mark.tone
        }
        letter.base = base
        return true
    }

    /// Valid, invalid or neither (no vowel: an abbreviation such as "ĐV").
    enum Verdict { case valid, invalid, neutral }

    /// A word must also be in a proper case: all lowercase, all uppercase or capitalised. In TCVN3 the letters
    /// typed with a lowercase-only code (ă, ạ…) may be either.
    static func judge(_ decoded: Bool, _ letters: [LegacyLetter], in encoding: LegacyVietnameseEncoding) -> Verdict {
        guard decoded else { return .invalid }
        // A word of consonants only ("ĐV") or of one letter ("ở", but also ₫ read as TCVN3 ỵ) proves nothing.
        guard letters.count > 1, letters.contains(where: \.isVowel) else { return .neutral }
        let caseOK = switch encoding {
        case .tcvn3: LegacyUnicodeReading.hasWordCase(letters) { !$0.isUpper && ($0.tone != 0 || $0.base < 8) }
        case .vni: LegacyUnicodeReading.hasWordCase(letters) { _ in false }
        }
        return caseOK && LegacySyllable.isValid(letters[...]) ? .valid : .invalid
    }

    static func score(units: [UInt32], encoding: LegacyVietnameseEncoding) -> LegacyScore {
        var score = LegacyScore()
        var letters: [LegacyLetter] = []
        forEachWord(units) { range in
            switch judge(decode(units[range], in: encoding, into: &letters), letters, in: encoding) {
            case .valid: score.valid += 1
            case .invalid: score.invalid += 1
            case .neutral: break
            }
        }
        return score
    }

    static func commonSyllableCount(units: [UInt32], encoding: LegacyVietnameseEncoding) -> Int {
        var count = 0
        var letters: [LegacyLetter] = []
        forEachWord(units) { range in
            if decode(units[range], in: encoding, into: &letters), let key = LegacySyllable.key(letters[...]),
                LegacyTables.commonSyllables.contains(key)
            {
                count += 1
            }
        }
        return count
    }
}

// MARK: - Analysis

/// The readings of one text: as Unicode, and in each encoding from each candidate decoding.
struct LegacyAnalysis {
    struct Candidate {
        var source: LegacySourceBytes
        var encoding: LegacyVietnameseEncoding
        var score: LegacyScore
        var common = -1
    }

    var text: String
    var candidates: [Candidate] = []

    init(text: String, sources: [LegacySourceBytes]) {
        self.text = text
        for source in sources {
            for encoding in LegacyVietnameseEncoding.allCases {
                let score = LegacyScorer.score(units: source.units, encoding: encoding)
                if score.isPlausible { candidates.append(Candidate(source: source, encoding: encoding, score: score)) }
            }
        }
    }

    /// The reading to convert with, if any. `preferring` lets that encoding win ties with the Unicode reading.
    func verdict(preferring: LegacyVietnameseEncoding?) -> Candidate? {
        guard !candidates.isEmpty else { return nil }
        var ranked = candidates
        for index in ranked.indices {
            ranked[index].common = LegacyScorer.commonSyllableCount(
                units: ranked[index].source.units, encoding: ranked[index].encoding)
        }
        ranked.sort { a, b in
            if (a.encoding == preferring) != (b.encoding == preferring) { return a.encoding == preferring }
            if a.score.rank != b.score.rank { return a.score.rank > b.score.rank }
            if a.common != b.common { return a.common > b.common }
            return a.source.decoding == .windows1252 && b.source.decoding != .windows1252
        }
        let best = ranked[0]
        // Two encodings that read equally well: no way to tell.
        if best.encoding != preferring, let rival = ranked.first(where: { $0.encoding != best.encoding }),
            rival.score.rank == best.score.rank && rival.common == best.common
        {
            return nil
        }
        let unicode = LegacyUnicodeReading(text)
        if unicode.isPlausible {
            guard best.score.invalid == 0 else { return nil }
            if best.encoding == preferring {
                if unicode.common > best.common { return nil }
            } else if best.common <= unicode.common {
                return nil
            }
        }
        return best
    }
}

/// The text read as the Unicode it is.
struct LegacyUnicodeReading {
    /// Every word with a non-ASCII letter is a Vietnamese syllable, in lowercase, uppercase or capitalised.
    var isPlausible = true
    var common = 0

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.contains(where: { $0.value >= 0x0300 && $0.value <= 0x036F }) {
            scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        }
        var letters: [LegacyLetter] = []
        var start = -1
        var nonASCII = false
        var sawWord = false
        for index in 0...scalars.count {
            let isWord = index < scalars.count && Self.isWordScalar(scalars[index])
            if isWord {
                if start < 0 {
                    start = index
                    nonASCII = false
                }
                if scalars[index].value >= 0x80 { nonASCII = true }
                continue
            }
            guard start >= 0 else { continue }
            defer { start = -1 }
            guard nonASCII else { continue }
            sawWord = true
            letters.removeAll(keepingCapacity: true)
            var decoded = true
            for scalar in scalars[start..<index] {
                guard let letter = LegacyTables.letter(scalar.value) else {
                    decoded = false
                    break
                }
                letters.append(letter)
            }
            guard decoded, Self.hasWordCase(letters), LegacySyllable.isValid(letters[...]) else {
                isPlausible = false
                return
            }
            if let key = LegacySyllable.key(letters[...]), LegacyTables.commonSyllables.contains(key) { common += 1 }
        }
        if !sawWord { isPlausible = false }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x100 { return LegacyTables.isWordByte[Int(value)] }
        if let byte = LegacyTables.cp1252Byte(value) { return LegacyTables.isWordByte[Int(byte)] }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.properties.isAlphabetic
        }
    }

    /// All lowercase, all uppercase, or uppercase then lowercase, not counting the letters `isEitherCase` accepts.
    static func hasWordCase(_ letters: [LegacyLetter], isEitherCase: (LegacyLetter) -> Bool = { _ in false }) -> Bool {
        var sawLower = false
        var sawUpper = false
        for (index, letter) in letters.enumerated() where !isEitherCase(letter) {
            if letter.isUpper {
                // An uppercase letter after a lowercase one, or after the first letter in a word that has lowercase.
                if sawLower { return false }
                if index > 0 { sawUpper = true }
            } else {
                if sawUpper { return false }
                sawLower = true
            }
        }
        return true
    }
}

// MARK: - Syllables

/// The shape of a Vietnamese syllable, for telling a decoded word from noise.
enum LegacySyllable {
    @inline(__always)
    private static func isConsonant(_ base: UInt8) -> Bool {
        switch base {
        case LegacyLetter.dStroke: true
        case UInt8(ascii: "b"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "g"), UInt8(ascii: "h"),
             UInt8(ascii: "k"), UInt8(ascii: "l"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "p"),
             UInt8(ascii: "q"), UInt8(ascii: "r"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "v"),
             UInt8(ascii: "x"):
            true
        default: false
        }
    }

    /// Whether the letters (any case) make one Vietnamese syllable.
    static func isValid(_ letters: ArraySlice<LegacyLetter>) -> Bool {
        let count = letters.count
        guard count > 0 && count <= 8 else { return false }
        var tone: UInt8 = 0
        for letter in letters {
            guard letter.isVowel || isConsonant(letter.base) else { return false }
            if letter.tone != 0 {
                guard tone == 0 else { return false }
                tone = letter.tone
            }
        }
        let s = letters.startIndex
        func base(_ offset: Int) -> UInt8 { offset < count ? letters[s + offset].base : 0 }
        let n = UInt8(ascii: "n"), g = UInt8(ascii: "g"), h = UInt8(ascii: "h")

        // Onset, with the letters it may stand before.
        enum Before { case any, front, notFront, notFrontNorY, frontOrY, notE }
        var onsets: [(length: Int, before: Before, medial: Bool)] = []
        switch base(0) {
        case n:
            if base(1) == g && base(2) == h {
                onsets = [(3, .front, false)]
            } else if base(1) == g {
                onsets = [(2, .notFront, false)]
            } else if base(1) == h {
                onsets = [(2, .any, false)]
            } else {
                onsets = [(1, .any, false)]
            }
        case UInt8(ascii: "c"):
            onsets = base(1) == h ? [(2, .any, false)] : [(1, .notFrontNorY, false)]
        case g:
            if base(1) == h {
                onsets = [(2, .front, false)]
            } else if base(1) == UInt8(ascii: "i") {
                onsets = [(1, .notE, false)]
                if count > 2 && letters[s + 1].tone == 0 && letters[s + 2].isVowel { onsets.append((2, .any, false)) }
            } else {
                onsets = [(1, .notE, false)]
            }
        case UInt8(ascii: "k"):
            onsets = base(1) == h ? [(2, .any, false)] : [(1, .frontOrY, false)]
        case UInt8(ascii: "p"), UInt8(ascii: "t"):
            let pair = base(1) == h || (base(0) == UInt8(ascii: "t") && base(1) == UInt8(ascii: "r"))
            onsets = pair ? [(2, .any, false)] : [(1, .any, false)]
        case UInt8(ascii: "q"):
            guard base(1) == UInt8(ascii: "u"), letters[s + 1].tone == 0 else { return false }
            onsets = [(2, .any, true)]
        default:
            if letters[s].isVowel {
                onsets = [(0, .any, false)]
            } else {
                guard isConsonant(base(0)) else { return false }
                onsets = [(1, .any, false)]
            }
        }
        for onset in onsets {
            let first = base(onset.length)
            guard onset.length < count, letters[s + onset.length].isVowel else { continue }
            let front = first == UInt8(ascii: "e") || first == LegacyLetter.eCircumflex || first == UInt8(ascii: "i")
            switch onset.before {
            case .any: break
            case .front: guard front else { continue }
            case .notFront: guard !front else { continue }
            case .notFrontNorY: guard !front && first != UInt8(ascii: "y") else { continue }
            case .frontOrY: guard front || first == UInt8(ascii: "y") else { continue }
            case .notE: guard first != UInt8(ascii: "e") && first != LegacyLetter.eCircumflex else { continue }
            }
            if onset.medial {
                if isRhyme(letters, from: s + onset.length, medial: UInt8(ascii: "o"), tone: tone)
                    || isRhyme(letters, from: s + onset.length, medial: UInt8(ascii: "u"), tone: tone)
                {
                    return true
                }
            } else if isRhyme(letters, from: s + onset.length, medial: nil, tone: tone) {
                return true
            }
        }
        return false
    }

    /// Vowel group (with the medial of qu, if any) and final consonant from `start` to the end.
    private static func isRhyme(
        _ letters: ArraySlice<LegacyLetter>, from start: Int, medial: UInt8?, tone: UInt8
    ) -> Bool {
        var key: UInt32 = 0
        var vowels = 0
        if let medial {
            key = UInt32(medial)
            vowels = 1
        }
        var index = start
        while index < letters.endIndex && letters[index].isVowel {
            guard vowels < 3 else { return false }
            key |= UInt32(letters[index].base) << (8 * UInt32(vowels))
            vowels += 1
            index += 1
        }
        guard index > start else { return false }
        let coda: Int
        switch letters.endIndex - index {
        case 0:
            coda = 0
        case 1:
            switch letters[index].base {
            case UInt8(ascii: "c"): coda = 1
            case UInt8(ascii: "m"): coda = 3
            case UInt8(ascii: "n"): coda = 4
            case UInt8(ascii: "p"): coda = 7
            case UInt8(ascii: "t"): coda = 8
            default: return false
            }
        case 2:
            switch (letters[index].base, letters[index + 1].base) {
            case (UInt8(ascii: "c"), UInt8(ascii: "h")): coda = 2
            case (UInt8(ascii: "n"), UInt8(ascii: "g")): coda = 5
            case (UInt8(ascii: "n"), UInt8(ascii: "h")): coda = 6
            default: return false
            }
        default:
            return false
        }
        guard let mask = LegacyTables.rhymes[key], mask & (1 << UInt16(coda)) != 0 else { return false }
        // A syllable closed by c, ch, p or t takes only the sắc or nặng tone.
        if coda == 1 || coda == 2 || coda == 7 || coda == 8 { return tone == 4 || tone == 5 }
        return true
    }

    /// A key for a syllable that ignores case and where the tone mark sits ("hoà" = "hòa"); nil past 8 letters.
    static func key(_ letters: ArraySlice<LegacyLetter>) -> UInt64? {
        guard letters.count <= 8 else { return nil }
        var key: UInt64 = 0
        var tone: UInt64 = 0
        for letter in letters {
            let index = letter.base < 8 ? 26 + UInt64(letter.base) : UInt64(letter.base &- 0x60)
            key = key << 6 | index
            if letter.tone != 0 { tone = UInt64(letter.tone) }
        }
        return key << 3 | tone
    }
}

// MARK: - Conversion

enum LegacyConverter {
    static func convert(_ source: LegacySourceBytes, from encoding: LegacyVietnameseEncoding) -> String {
        var output = String.UnicodeScalarView()
        var needsNFC = false
        switch encoding {
        case .tcvn3: convertTCVN3(source, into: &output, needsNFC: &needsNFC)
        case .vni: convertVNI(source, into: &output, needsNFC: &needsNFC)
        }
        let text = String(output)
        return needsNFC ? text.precomposedStringWithCanonicalMapping : text
    }

    /// The scalar a unit that is not an encoded letter comes out as.
    @inline(__always)
    private static func passThrough(_ unit: UInt32, _ source: LegacySourceBytes, needsNFC: inout Bool) -> Unicode.Scalar {
        let scalar: Unicode.Scalar
        if unit & LegacySourceBytes.foreignFlag != 0 {
            scalar = Unicode.Scalar(unit & ~LegacySourceBytes.foreignFlag)!
        } else {
            scalar = source.sourceScalar(UInt8(unit))
        }
        if scalar.value >= 0x0300 { needsNFC = true }
        return scalar
    }

    private static func convertTCVN3(
        _ source: LegacySourceBytes, into output: inout String.UnicodeScalarView, needsNFC: inout Bool
    ) {
        let units = source.units
        // Pass 1: the case evidence of every word.
        var wordOf = [Int32](repeating: -1, count: units.count)
        var wordLower: [Int] = []
        var wordUpper: [Int] = []
        var inWord = false
        for (index, unit) in units.enumerated() {
            guard LegacyScorer.isWordUnit(unit) else {
                inWord = false
                continue
            }
            if !inWord {
                wordLower.append(0)
                wordUpper.append(0)
                inWord = true
            }
            let word = wordLower.count - 1
            wordOf[index] = Int32(word)
            if unit < 0x100, let letter = LegacyTables.tcvn3ByByte[Int(unit)] {
                if letter.isUpper { wordUpper[word] += 1 }
                continue
            }
            let scalar = unit & LegacySourceBytes.foreignFlag != 0
                ? Unicode.Scalar(unit & ~LegacySourceBytes.foreignFlag)! : source.sourceScalar(UInt8(unit))
            if scalar.properties.isLowercase {
                wordLower[word] += 1
            } else if scalar.properties.isUppercase {
                wordUpper[word] += 1
            }
        }
        let anyLower = wordLower.contains { $0 > 0 }
        let anyCapsWord = wordLower.indices.contains { wordLower[$0] == 0 && wordUpper[$0] >= 2 }
        let capsText = anyCapsWord && !anyLower

        // Pass 2.
        for (index, unit) in units.enumerated() {
            if unit < 0x100, var letter = LegacyTables.tcvn3ByByte[Int(unit)] {
                if !letter.isUpper {
                    let word = Int(wordOf[index])
                    letter.isUpper = wordLower[word] == 0 && (wordUpper[word] >= 2 || capsText)
                }
                output.append(letter.scalar)
            } else {
                output.append(passThrough(unit, source, needsNFC: &needsNFC))
            }
        }
    }

    private static func convertVNI(
        _ source: LegacySourceBytes, into output: inout String.UnicodeScalarView, needsNFC: inout Bool
    ) {
        // The letter before the current unit, still open to a mark.
        var pending: LegacyLetter?
        for unit in source.units {
            if unit < 0x100 {
                if unit < 0x80, let letter = LegacyTables.letter(unit) {
                    if let open = pending { output.append(open.scalar) }
                    pending = letter
                    continue
                }
                let vni = LegacyTables.vniByByte[Int(unit)]
                switch vni.kind {
                case .letter:
                    if let open = pending { output.append(open.scalar) }
                    pending = vni.letter
                    continue
                case .mark:
                    if var open = pending, LegacyScorer.attach(vni, to: &open) {
                        pending = open
                        continue
                    }
                case .none:
                    break
                }
            }
            if let open = pending {
                output.append(open.scalar)
                pending = nil
            }
            output.append(passThrough(unit, source, needsNFC: &needsNFC))
        }
        if let open = pending { output.append(open.scalar) }
    }
}
