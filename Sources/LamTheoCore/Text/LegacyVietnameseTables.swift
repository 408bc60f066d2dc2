import Foundation

// Tables for `LegacyVietnamese`: the Unicode letters, the two legacy font encodings, the two Windows code pages
// a spreadsheet reader decodes their bytes with, Vietnamese syllable structure and a list of common syllables.
//
// Sources:
// - TCVN3: TCVN 5712:1993 VN3, the ABC font set (.VnTime, .VnArial; the uppercase fonts .VnTimeH, .VnArialH use the
//   same codes). Checked against glibc's TCVN5712-1 charmap and UniKey's vnconv TCVN3 table (which, like VN3, gives an
//   uppercase letter with a tone mark the code of the lowercase one).
// - VNI: VNI-Windows as in UniKey's vnconv "VNI-WIN" table: a base letter followed by a mark byte, both in
//   0xC0–0xFF; ơ ư đ and i with a tone are single bytes.
// - Windows-1252 and Windows-1258: Microsoft's mappings (unicode.org MAPPINGS/VENDORS/MICSFT/WINDOWS).
// Neither TCVN3 nor VNI-Windows assigns a letter to 0x80–0x9F; in both font sets these codes keep the Windows-1252
// punctuation (UniKey lists them as "western symbols" for both).

/// One letter as the legacy decoders, the encoder and the syllable check see it.
struct LegacyLetter: Equatable, Sendable {
    /// A lowercase ASCII letter, or one of the constants below for ă â ê ô ơ ư đ.
    var base: UInt8
    /// The tone, in table order: 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng.
    var tone: UInt8 = 0
    var isUpper = false

    static let aBreve: UInt8 = 1
    static let aCircumflex: UInt8 = 2
    static let eCircumflex: UInt8 = 3
    static let oCircumflex: UInt8 = 4
    static let oHorn: UInt8 = 5
    static let uHorn: UInt8 = 6
    static let dStroke: UInt8 = 7

    /// The row of `LegacyTables.lowerVowels` for a vowel, -1 for a consonant.
    @inline(__always) var vowelRow: Int { Int(LegacyTables.vowelRowByBase[Int(base)]) }
    @inline(__always) var isVowel: Bool { LegacyTables.vowelRowByBase[Int(base)] >= 0 }

    /// The Unicode scalar of this letter (NFC: one precomposed scalar).
    var scalar: Unicode.Scalar {
        let value: UInt32
        let row = vowelRow
        if row >= 0 {
            value = (isUpper ? LegacyTables.upperVowels : LegacyTables.lowerVowels)[row][Int(tone)]
        } else if base == LegacyLetter.dStroke {
            value = isUpper ? 0x0110 : 0x0111
        } else {
            value = UInt32(isUpper ? base &- 0x20 : base)
        }
        return Unicode.Scalar(value)!
    }
}

enum LegacyTables {
    // MARK: Unicode letters

    /// The twelve vowels of Vietnamese by row (a ă â e ê i o ô ơ u ư y), each with the six tones in `LegacyLetter`
    /// order (ngang, huyền, hỏi, ngã, sắc, nặng).
    static let lowerVowels: [[UInt32]] = [
        [0x0061, 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1],  // a à ả ã á ạ
        [0x0103, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB7],  // ă ằ ẳ ẵ ắ ặ
        [0x00E2, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD],  // â ầ ẩ ẫ ấ ậ
        [0x0065, 0x00E8, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9],  // e è ẻ ẽ é ẹ
        [0x00EA, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7],  // ê ề ể ễ ế ệ
        [0x0069, 0x00EC, 0x1EC9, 0x0129, 0x00ED, 0x1ECB],  // i ì ỉ ĩ í ị
        [0x006F, 0x00F2, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD],  // o ò ỏ õ ó ọ
        [0x00F4, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9],  // ô ồ ổ ỗ ố ộ
        [0x01A1, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3],  // ơ ờ ở ỡ ớ ợ
        [0x0075, 0x00F9, 0x1EE7, 0x0169, 0x00FA, 0x1EE5],  // u ù ủ ũ ú ụ
        [0x01B0, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1],  // ư ừ ử ữ ứ ự
        [0x0079, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5],  // y ỳ ỷ ỹ ý ỵ
    ]

    static let upperVowels: [[UInt32]] = [
        [0x0041, 0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0],  // A À Ả Ã Á Ạ
        [0x0102, 0x1EB0, 0x1EB2, 0x1EB4, 0x1EAE, 0x1EB6],  // Ă Ằ Ẳ Ẵ Ắ Ặ
        [0x00C2, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EAC],  // Â Ầ Ẩ Ẫ Ấ Ậ
        [0x0045, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8],  // E È Ẻ Ẽ É Ẹ
        [0x00CA, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EBE, 0x1EC6],  // Ê Ề Ể Ễ Ế Ệ
        [0x0049, 0x00CC, 0x1EC8, 0x0128, 0x00CD, 0x1ECA],  // I Ì Ỉ Ĩ Í Ị
        [0x004F, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC],  // O Ò Ỏ Õ Ó Ọ
        [0x00D4, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED0, 0x1ED8],  // Ô Ồ Ổ Ỗ Ố Ộ
        [0x01A0, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2],  // Ơ Ờ Ở Ỡ Ớ Ợ
        [0x0055, 0x00D9, 0x1EE6, 0x0168, 0x00DA, 0x1EE4],  // U Ù Ủ Ũ Ú Ụ
        [0x01AF, 0x1EEA, 0x1EEC, 0x1EEE, 0x1EE8, 0x1EF0],  // Ư Ừ Ử Ữ Ứ Ự
        [0x0059, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4],  // Y Ỳ Ỷ Ỹ Ý Ỵ
    ]

    /// The base of each row of `lowerVowels`.
    static let vowelBases: [UInt8] = [
        UInt8(ascii: "a"), LegacyLetter.aBreve, LegacyLetter.aCircumflex, UInt8(ascii: "e"), LegacyLetter.eCircumflex,
        UInt8(ascii: "i"), UInt8(ascii: "o"), LegacyLetter.oCircumflex, LegacyLetter.oHorn, UInt8(ascii: "u"),
        LegacyLetter.uHorn, UInt8(ascii: "y"),
    ]

    /// Row of `lowerVowels` by base, -1 for consonants and anything else.
    static let vowelRowByBase: [Int8] = {
        var rows = [Int8](repeating: -1, count: 128)
        for (row, base) in vowelBases.enumerated() { rows[Int(base)] = Int8(row) }
        return rows
    }()

    /// Letters of U+00C0–U+01B0 and U+1EA0–U+1EF9 that belong to the Vietnamese alphabet.
    private static let latinLetters: [LegacyLetter?] = letterTable(from: 0x00C0, to: 0x01B0)
    private static let extendedLetters: [LegacyLetter?] = letterTable(from: 0x1EA0, to: 0x1EF9)

    private static func letterTable(from first: UInt32, to last: UInt32) -> [LegacyLetter?] {
        var table = [LegacyLetter?](repeating: nil, count: Int(last - first + 1))
        for (isUpper, rows) in [(false, lowerVowels), (true, upperVowels)] {
            for (row, tones) in rows.enumerated() {
                for (tone, value) in tones.enumerated() where value >= first && value <= last {
                    table[Int(value - first)] = LegacyLetter(base: vowelBases[row], tone: UInt8(tone), isUpper: isUpper)
                }
            }
        }
        for (value, isUpper) in [(UInt32(0x0110), true), (UInt32(0x0111), false)] where value >= first && value <= last {
            table[Int(value - first)] = LegacyLetter(base: LegacyLetter.dStroke, isUpper: isUpper)
        }
        return table
    }

    /// The letter of the Vietnamese alphabet (ASCII letters included, f j w z too) a precomposed scalar is, if any.
    @inline(__always)
    static func letter(_ value: UInt32) -> LegacyLetter? {
        if value < 0x80 {
            if value >= 0x61 && value <= 0x7A { return LegacyLetter(base: UInt8(value)) }
            if value >= 0x41 && value <= 0x5A { return LegacyLetter(base: UInt8(value) | 0x20, isUpper: true) }
            return nil
        }
        if value >= 0x00C0 && value <= 0x01B0 { return latinLetters[Int(value - 0x00C0)] }
        if value >= 0x1EA0 && value <= 0x1EF9 { return extendedLetters[Int(value - 0x1EA0)] }
        return nil
    }

    // MARK: TCVN3 (TCVN 5712:1993 VN3, ABC)

    /// Codes of the lowercase vowels by row and tone; 0 where the letter is plain ASCII.
    static let tcvn3Lower: [[UInt8]] = [
        [0x00, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],  // a à ả ã á ạ
        [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],  // ă ằ ẳ ẵ ắ ặ
        [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],  // â ầ ẩ ẫ ấ ậ
        [0x00, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],  // e è ẻ ẽ é ẹ
        [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],  // ê ề ể ễ ế ệ
        [0x00, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],  // i ì ỉ ĩ í ị
        [0x00, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],  // o ò ỏ õ ó ọ
        [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],  // ô ồ ổ ỗ ố ộ
        [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],  // ơ ờ ở ỡ ớ ợ
        [0x00, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],  // u ù ủ ũ ú ụ
        [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],  // ư ừ ử ữ ứ ự
        [0x00, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],  // y ỳ ỷ ỹ ý ỵ
    ]

    /// The seven uppercase letters VN3 has: Ă Â Ê Ô Ơ Ư Đ (by row of `lowerVowels`; Đ apart).
    static let tcvn3UpperByRow: [Int: UInt8] = [1: 0xA1, 2: 0xA2, 4: 0xA3, 7: 0xA4, 8: 0xA5, 10: 0xA6]
    static let tcvn3UpperD: UInt8 = 0xA7
    static let tcvn3LowerD: UInt8 = 0xAE

    /// The letter each TCVN3 code stands for (lowercase except for 0xA1–0xA7); nil for ASCII and unused codes.
    static let tcvn3ByByte: [LegacyLetter?] = {
        var table = [LegacyLetter?](repeating: nil, count: 256)
        for (row, codes) in tcvn3Lower.enumerated() {
            for (tone, code) in codes.enumerated() where code != 0 {
                table[Int(code)] = LegacyLetter(base: vowelBases[row], tone: UInt8(tone))
            }
        }
        for (row, code) in tcvn3UpperByRow { table[Int(code)] = LegacyLetter(base: vowelBases[row], isUpper: true) }
        table[Int(tcvn3UpperD)] = LegacyLetter(base: LegacyLetter.dStroke, isUpper: true)
        table[Int(tcvn3LowerD)] = LegacyLetter(base: LegacyLetter.dStroke)
        return table
    }()

    /// The TCVN3 byte of a letter; an uppercase letter without a VN3 code gets the code of the lowercase one.
    static func tcvn3Byte(_ letter: LegacyLetter) -> UInt8 {
        if letter.base == LegacyLetter.dStroke { return letter.isUpper ? tcvn3UpperD : tcvn3LowerD }
        let row = letter.vowelRow
        guard row >= 0 else { return letter.isUpper ? letter.base &- 0x20 : letter.base }
        if letter.tone == 0 {
            if letter.isUpper, let upper = tcvn3UpperByRow[row] { return upper }
            let code = tcvn3Lower[row][0]
            if code == 0 { return letter.isUpper ? letter.base &- 0x20 : letter.base }
            return code
        }
        return tcvn3Lower[row][Int(letter.tone)]
    }

    // MARK: VNI (VNI-Windows)

    /// What a VNI byte is: nothing special, a letter on its own, or a mark for the letter before it.
    struct VNIUnit: Sendable {
        enum Kind: UInt8, Sendable { case none, letter, mark }
        var kind = Kind.none
        var letter = LegacyLetter(base: 0)
        /// For a mark: 0 none, 1 circumflex (â ê ô), 2 breve (ă).
        var modifier: UInt8 = 0
        /// For a mark: the tone it adds, 0 none.
        var tone: UInt8 = 0
    }

    /// Lowercase mark bytes; the uppercase ones are 0x20 lower (Ù for ù, Â for â…).
    static let vniToneMark: [UInt8] = [0x00, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF]  // ø û õ ù ï
    static let vniCircumflex: [UInt8] = [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4]  // â à å ã á ä
    static let vniBreve: [UInt8] = [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB]  // ê è ú ü é ë
    /// i with a tone is one byte: ì æ ó í ò.
    static let vniI: [UInt8] = [0x00, 0xEC, 0xE6, 0xF3, 0xED, 0xF2]
    static let vniOHorn: UInt8 = 0xF4  // ô
    static let vniUHorn: UInt8 = 0xF6  // ö
    static let vniD: UInt8 = 0xF1  // ñ
    static let vniYDot: UInt8 = 0xEE  // î (ỵ)

    static let vniByByte: [VNIUnit] = {
        var table = [VNIUnit](repeating: VNIUnit(), count: 256)
        for upper in [false, true] {
            let shift: UInt8 = upper ? 0x20 : 0
            func letter(_ base: UInt8, tone: UInt8 = 0) -> VNIUnit {
                VNIUnit(kind: .letter, letter: LegacyLetter(base: base, tone: tone, isUpper: upper))
            }
            for tone in 1...5 {
                table[Int(vniToneMark[tone] - shift)] = VNIUnit(kind: .mark, tone: UInt8(tone))
                table[Int(vniI[tone] - shift)] = letter(UInt8(ascii: "i"), tone: UInt8(tone))
            }
            for tone in 0...5 {
                table[Int(vniCircumflex[tone] - shift)] = VNIUnit(kind: .mark, modifier: 1, tone: UInt8(tone))
                table[Int(vniBreve[tone] - shift)] = VNIUnit(kind: .mark, modifier: 2, tone: UInt8(tone))
            }
            table[Int(vniOHorn - shift)] = letter(LegacyLetter.oHorn)
            table[Int(vniUHorn - shift)] = letter(LegacyLetter.uHorn)
            table[Int(vniD - shift)] = letter(LegacyLetter.dStroke)
            table[Int(vniYDot - shift)] = letter(UInt8(ascii: "y"), tone: 5)
        }
        return table
    }()

    /// The VNI bytes of a letter (one or two).
    static func vniBytes(_ letter: LegacyLetter, into bytes: inout [UInt8]) {
        let shift: UInt8 = letter.isUpper ? 0x20 : 0
        func ascii(_ base: UInt8) -> UInt8 { letter.isUpper ? base &- 0x20 : base }
        let tone = Int(letter.tone)
        switch letter.base {
        case LegacyLetter.dStroke:
            bytes.append(vniD - shift)
        case UInt8(ascii: "i") where tone != 0:
            bytes.append(vniI[tone] - shift)
        case UInt8(ascii: "y") where tone == 5:
            bytes.append(vniYDot - shift)
        case LegacyLetter.oHorn, LegacyLetter.uHorn:
            bytes.append((letter.base == LegacyLetter.oHorn ? vniOHorn : vniUHorn) - shift)
            if tone != 0 { bytes.append(vniToneMark[tone] - shift) }
        case LegacyLetter.aCircumflex, LegacyLetter.eCircumflex, LegacyLetter.oCircumflex:
            let base: UInt8 = switch letter.base {
            case LegacyLetter.aCircumflex: 0x61
            case LegacyLetter.eCircumflex: 0x65
            default: 0x6F
            }
            bytes.append(ascii(base))
            bytes.append(vniCircumflex[tone] - shift)
        case LegacyLetter.aBreve:
            bytes.append(ascii(0x61))
            bytes.append(vniBreve[tone] - shift)
        default:
            bytes.append(ascii(letter.base))
            if tone != 0 { bytes.append(vniToneMark[tone] - shift) }
        }
    }

    // MARK: Windows code pages

    /// Windows-1252 0x80–0x9F; 0 where the code page leaves the byte undefined.
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]


    /// The byte Windows-1252 (or Latin-1, for a raw C1 control) gives a scalar, if any.
    @inline(__always)
    static func cp1252Byte(_ value: UInt32) -> UInt8? {
        if value < 0x100 { return UInt8(value) }
        switch value {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }

    /// The byte Windows-1258 gives a scalar, if any (combining tone marks included, precomposed letters not).
    static let cp1258ByScalar: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for value in UInt32(0)..<0x80 { table[value] = UInt8(value) }
        // The code page itself is `Windows1258` (Tabular); U+FFFD marks its undefined bytes.
        for (offset, value) in Windows1258.high.enumerated() where value != 0xFFFD { table[value] = UInt8(0x80 + offset) }
        return table
    }()

    /// Windows-1258 combining tone marks by tone (huyền 0xCC … nặng 0xF2).
    static let cp1258ToneMark: [UInt8] = [0x00, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2]

    /// Bytes that can be part of a word: ASCII letters, the Windows-1252 letters of 0x80–0x9F (Š Œ Ž š œ ž Ÿ ƒ)
    /// and everything from 0xA1 up, since TCVN3 and VNI put letters and marks on most of those codes.
    static let isWordByte: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0x41...0x5A { table[byte] = true }
        for byte in 0x61...0x7A { table[byte] = true }
        for byte in [0x83, 0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F] { table[byte] = true }
        for byte in 0xA1...0xFF { table[byte] = true }
        return table
    }()

    // MARK: Syllables

    /// The vowel groups of Vietnamese rhymes with the final consonants each takes ("-" for none), in a VIQR-like
    /// notation: a( ă, a^ â, e^ ê, o^ ô, o+ ơ, u+ ư. After q the written u is the medial (qua = q + oa, quân = q + uân).
    static let rhymeSpec = """
        a: - c ch m n ng nh p t
        a(: c m n ng p t
        a^: c m n ng p t
        e: - c m n ng p t
        e^: - ch m n nh p t
        i: - ch m n nh p t
        o: - c m n ng p t
        o^: - c m n ng p t
        o+: - m n p t
        u: - c m n ng p t
        u+: - c ng t
        y: -
        ai ao au ay a^u a^y eo e^u ia iu oi o^i o+i ui u+i u+u u+a ua uo+: -
        oa: - c ch m n ng nh t
        oa(: c m n ng t
        oe: - n t
        ua^: n ng t
        ue^: - ch nh
        uy: - ch nh p t
        ie^: c m n ng p t
        ye^: c m n ng p t
        u+o+: c m n ng p t
        uo^: c m n ng t
        oo: c ng
        ie^u ye^u oai oay ua^y uo^i u+o+i u+o+u uya oeo uyu: -
        uye^: n t
        """

    /// Final consonants, as bits of the masks in `rhymes`.
    static let codas: [String] = ["-", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

    /// Vowel group (bases packed 8 bits each, first in the lowest byte) → mask of the final consonants it takes.
    static let rhymes: [UInt32: UInt16] = {
        var table: [UInt32: UInt16] = [:]
        for line in rhymeSpec.split(separator: "\n") {
            let parts = line.split(separator: ":")
            var mask: UInt16 = 0
            for coda in parts[1].split(separator: " ") { mask |= 1 << UInt16(codas.firstIndex(of: String(coda))!) }
            for group in parts[0].split(separator: " ") { table[packedVowels(String(group))] = mask }
        }
        return table
    }()

    /// Packs a group written in the notation of `rhymeSpec`.
    static func packedVowels(_ notation: String) -> UInt32 {
        var bases: [UInt8] = []
        for byte in notation.utf8 {
            switch byte {
            case UInt8(ascii: "("): bases[bases.count - 1] = LegacyLetter.aBreve
            case UInt8(ascii: "^"):
                let last = bases[bases.count - 1]
                bases[bases.count - 1] = last == UInt8(ascii: "a") ? LegacyLetter.aCircumflex
                    : last == UInt8(ascii: "e") ? LegacyLetter.eCircumflex : LegacyLetter.oCircumflex
            case UInt8(ascii: "+"):
                bases[bases.count - 1] = bases[bases.count - 1] == UInt8(ascii: "o") ? LegacyLetter.oHorn : LegacyLetter.uHorn
            default: bases.append(byte)
            }
        }
        var key: UInt32 = 0
        for (index, base) in bases.enumerated() { key |= UInt32(base) << (8 * UInt32(index)) }
        return key
    }

    /// Pairs of vowels that follow each other inside some Vietnamese syllable (bases packed as in `rhymes`): inside
    /// a rhyme, or the i of the onset gi before any vowel ("giữ", "giờ").
    static let vowelPairs: Set<UInt32> = {
        var pairs = Set<UInt32>()
        for vowel in vowelBases { pairs.insert(UInt32(UInt8(ascii: "i")) | UInt32(vowel) << 8) }
        for key in rhymes.keys {
            var rest = key
            while rest > 0xFF {
                pairs.insert(rest & 0xFFFF)
                rest >>= 8
            }
        }
        return pairs
    }()

    // MARK: Common syllables

    /// Frequent syllables of Vietnamese and of this application's data (party and administrative words, names of
    /// people and places), and Unicode words of Latin-1 letters that read as VNI words ("khoái" as "khối", "toán" as
    /// "tốn"). Only used to break a tie: when a cell reads as valid Vietnamese both as it stands and
    /// decoded from a legacy encoding ("Chi bé Khu phè" / "Chi bộ Khu phố"), the reading with more of these wins.
    static let commonSyllablesText = """
        a à á ai ái am an ang anh ánh ảnh ao áo ăn ăng âm ân ấn ấp ất âu ấy
        ba bà bá bác bạc bài bãi bàn bản bán bạn bang bảng báo bảo bão bát bay bảy bắc băng bằng bắt bậc bầu bé bên
        bến bệnh bị biên biến biết biển biện biểu bình bỏ bố bộ bổ bốn bông bởi bớt bùi buổi bước bưu
        ca cá các cách cả cải cam cảm cán cạnh cao cáo cấp cần cầu cậu cây chăm chắc chấp chất châu chỉ chí chị chi
        chia chiến chiều chính chịu cho chỗ chọn chống chồng chú chủ chúng chung chuyên chuyển chứ chức chưa chương
        chứng có cô cố cổ công cộng cơ cờ của cục cùng cung cũng cuộc cuối cử cư cứ cửa cựu cúc
        da dạ dài dân dẫn dần dây dễ dịch diện dõi dự dục dùng dung dụng dũng duy dưới dương
        đã đá đại đàn đảm đang đáng đảng đánh đạo đạt đào đâu đầu đây đặc đăng đặt đề để đến đêm đều đi địa điểm điện
        điều đình định đó đọc đoàn đối đổi đội đồng độ đông đơn đời đúng đưa được đứng đức đường
        em gái gần gặp gắn già gia giá giải giám giao giáo giàu giấy giờ giỏi giới giúp giữ giữa gì gìn góp gốc gồm
        gương hà hạ hai hải hàng hạn hành hạnh hay hãy hằng hết hiện hiểu hiền hiếu hình họ hóa hoá hòa hoà hỏi học
        hoạch hoài hoàn hoàng hoạt hộ hồ hôm hội hồng hơn hợp hùng huấn huy huyện hương hướng hưởng hữu hưng
        ích kế kết khá khác khai khánh khẩu khi khí khó khoa khoảng khỏe khoẻ khối không khu khuyến kiểm kiến kiên
        kinh kịp kỳ ký kỷ
        là lá lạc lại làm lâm lâu lần lập lấy lê lễ lên lệnh lịch liên liệu linh lo long lòng lợi lớn lớp lời lộc lúc
        luận luật lực lượng lương lưu lý loan
        mà mai màu mạnh mặt may mẫu mấy mẹ mình minh mỗi mối mọi một mới mở mời mục mùa muốn mức mười mỹ
        nào nay này năm nắm nâng nam nên nền nếu nga ngay ngày ngành ngân nghe nghị nghĩa nghiên nghiệp ngoài ngọc
        ngô nguyễn nguyên người nhà nhau nhân nhận nhất nhiều nhiệm nhỏ nhóm như nhưng những nói nội nông nơi nước
        nữ nữa ông ở phải phan phạm phát pháp phần phẩm phân phía phó phố phong phòng phú phúc phục phụ phương
        phường qua quá quan quản quang quân quận quê quốc quy quý quyền quyết quyên
        ra rằng rất riêng rõ rồi rộng sách sản sang sáng sau sáu sẽ sinh số sổ sống sở sơn sức sự sửa
        tác tài tại tạo tám tâm tân tăng tập tất tây tế thái tham thanh thành thảo thay thấy thân thế thể thêm theo
        thì thị thiện thiết thiếu thông thời thu thuận thuộc thúy thuý thủy thuỷ thư thứ thức thực thương thường tiến
        tiền tiếp tiêu tin tình tính tỉnh tổ tốt tổng tôi tôn tới trà trách trái trang trao trẻ trên triển trình trọng
        trong trở trợ trung trước trường trưởng tự tú tuấn tuần tuổi tục tùng tuy tuyên tư tử từ tức tương tưởng
        ủy uỷ vai văn vân vàng vào vận vấn vẫn vậy về vệ vì việc viên viết việt vinh võ vô vốn với vụ vùng vũ vững
        vương vượt xã xác xanh xây xem xét xuân xuất xử yên yến yêu ý
        khoái khoá khóa khoán khoản toán toà tòa thoát soát choáng hoán xoá xóa ngoái soái loát toát thoả thỏa
        """

    /// `commonSyllablesText` as syllable keys (see `LegacyVietnamese.syllableKey`).
    static let commonSyllables: Set<UInt64> = {
        var keys = Set<UInt64>()
        let text = commonSyllablesText.precomposedStringWithCanonicalMapping
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let letters = word.unicodeScalars.map { letter($0.value)! }
            if let key = LegacySyllable.key(letters[...]) { keys.insert(key) }
        }
        return keys
    }()
}
