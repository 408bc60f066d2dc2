import Foundation

@testable import LamTheoCore

/// The Vietnamese alphabet, built from base letters and combining marks (not from the tables under test).
enum LegacyAlphabet {
    /// Vowel bases as combining sequences: a ă â e ê i o ô ơ u ư y.
    static let vowelBases = ["a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31B}", "u", "u\u{31B}", "y"]
    /// The tone marks in the order ngang, huyền, hỏi, ngã, sắc, nặng.
    static let toneMarks = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"]

    /// The 134 letters outside ASCII: 66 vowels with their marks, in lowercase and uppercase, and đ Đ.
    static let nonASCIILetters: [String] = {
        var letters: [String] = []
        for base in vowelBases {
            for mark in toneMarks {
                let letter = (base + mark).precomposedStringWithCanonicalMapping
                guard letter.unicodeScalars.first!.value >= 0x80 else { continue }
                letters.append(letter)
                letters.append(letter.uppercased())
            }
        }
        return letters + ["đ", "Đ"]
    }()

    /// Uppercase letters that VN3 (TCVN3) has a code for.
    static let tcvn3Uppercase: Set<String> = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
}

/// Windows-1258 as a CSV reader decodes it (Microsoft's mapping, undefined bytes as U+FFFD, then NFC), written out
/// again here so that the tests do not lean on the tables under test.
enum LegacyWindows1258 {
    static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]

    static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(byte < 0x80 ? UInt32(byte) : high[Int(byte) - 0x80])!)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}

/// Latin-1 decoding: every byte is the scalar of the same value (0x80–0x9F become C1 controls).
enum LegacyLatin1 {
    static func decode(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// Random Vietnamese syllables from onsets, rhymes and tones, with the spelling rules of the language, written
/// independently of `LegacySyllable`.
enum LegacySyllableGrammar {
    static let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t", "th",
        "tr", "v", "x",
    ]

    static let rhymes: [String] = """
        a ai ao au ay ac ach am an ang anh ap at
        ăc ăm ăn ăng ăp ăt
        âc âm ân âng âp ât âu ây
        e eo ec em en eng ep et
        ê êu êch êm ên ênh êp êt
        i ia iu ich im in inh ip it
        iêc iêm iên iêng iêp iêt iêu
        o oi oc om on ong op ot
        oa oai oay oac oach oam oan oang oanh oat oăc oăm oăn oăng oăt oe oen oet oeo oong ooc
        ô ôi ôc ôm ôn ông ôp ôt
        ơ ơi ơm ơn ơp ơt
        u ua ui uc um un ung up ut
        uân uâng uât uây uê uênh uêch uy uych uynh uyp uyt uyên uyêt uya uyu
        uôc uôm uôn uông uôt uôi uơ
        ư ưa ưi ưu ưc ưng ưt
        ươc ươm ươn ương ươp ươt ươi ươu
        y
        """.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    private static let modified: Set<Character> = ["ă", "â", "ê", "ô", "ơ", "ư"]
    private static let vowels: Set<Character> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

    /// The syllable, or nil when the onset cannot go with the rhyme. `oldStyle` puts the tone of open oa, oe, uy
    /// on the first vowel (hòa) instead of the second (hoà).
    static func syllable(onset: String, rhyme: String, tone: Int, oldStyle: Bool) -> String? {
        var onset = onset
        var rhyme = Array(rhyme)
        let closed = !vowels.contains(rhyme.last!)
        let stop = rhyme.last == "c" || rhyme.last == "p" || rhyme.last == "t" || String(rhyme.suffix(2)) == "ch"
        if stop && tone != 4 && tone != 5 { return nil }
        let start = String(rhyme.prefix(2))
        switch onset {
        case "qu":
            guard ["oa", "oă", "oe", "uâ", "uê", "uy", "uô", "uơ"].contains(start) else { return nil }
            rhyme.removeFirst()
        case "gi":
            if rhyme.first == "y" { return nil }
            if rhyme.first == "i" { onset = "g" }
        case "c":
            if "ieêy".contains(rhyme.first!) { onset = "k" }
        case "g":
            if "ieê".contains(rhyme.first!) { onset = "gh" }
        case "ng":
            if "ieê".contains(rhyme.first!) { onset = "ngh" }
        case "":
            if start == "iê" { rhyme[0] = "y" }
        default:
            break
        }
        // Where the tone mark goes.
        let vowelIndices = rhyme.indices.filter { vowels.contains(rhyme[$0]) }
        let position: Int
        if let last = vowelIndices.last(where: { modified.contains(rhyme[$0]) }) {
            position = last
        } else if closed || vowelIndices.count == 1 {
            position = vowelIndices.last!
        } else if vowelIndices.count == 2 {
            let pair = String(rhyme[vowelIndices[0]]) + String(rhyme[vowelIndices[1]])
            position = ["oa", "oe", "uy"].contains(pair) && !oldStyle ? vowelIndices[1] : vowelIndices[0]
        } else {
            position = vowelIndices[1]
        }
        var text = onset
        for (index, letter) in rhyme.enumerated() {
            text.append(letter)
            if index == position { text += LegacyAlphabet.toneMarks[tone] }
        }
        return text.precomposedStringWithCanonicalMapping
    }

    /// A syllable without its tone mark, followed by the tone: "hoà" and "hòa" are both "hoa2".
    static func placementFreeKey(_ syllable: some StringProtocol) -> String {
        var tone = 0
        var rest = String.UnicodeScalarView()
        for scalar in String(syllable).decomposedStringWithCanonicalMapping.unicodeScalars {
            if let index = LegacyAlphabet.toneMarks.firstIndex(of: String(scalar)), index > 0 {
                tone = index
            } else {
                rest.append(scalar)
            }
        }
        return String(rest).precomposedStringWithCanonicalMapping + "\(tone)"
    }

    /// Every syllable the grammar makes, as `placementFreeKey`s of the lowercase syllable.
    static let allKeys: Set<String> = Set(all.map { placementFreeKey($0) })

    /// Every syllable the grammar makes, in lowercase.
    static let all: Set<String> = {
        var all = Set<String>()
        for onset in onsets {
            for rhyme in rhymes {
                for tone in 0..<6 {
                    for oldStyle in [false, true] {
                        if let syllable = syllable(onset: onset, rhyme: rhyme, tone: tone, oldStyle: oldStyle) {
                            all.insert(syllable)
                        }
                    }
                }
            }
        }
        return all
    }()

    static func randomSyllable(_ rng: inout SplitMix64) -> String {
        while true {
            let onset = onsets.randomElement(using: &rng)!
            let rhyme = rhymes.randomElement(using: &rng)!
            let tone = Int.random(in: 0..<6, using: &rng)
            if let syllable = syllable(onset: onset, rhyme: rhyme, tone: tone, oldStyle: Bool.random(using: &rng)) {
                return syllable
            }
        }
    }

    enum Style: CaseIterable { case lower, title, sentence, upper }

    /// One to six syllables in one of the four case styles, separated by spaces and now and then by a comma, a
    /// dash or a number.
    static func randomText(_ rng: inout SplitMix64) -> (text: String, style: Style) {
        let count = Int.random(in: 1...6, using: &rng)
        let style = Style.allCases.randomElement(using: &rng)!
        var text = ""
        for index in 0..<count {
            var word = randomSyllable(&rng)
            switch style {
            case .lower: break
            case .upper: word = word.uppercased()
            case .title: word = word.prefix(1).uppercased() + word.dropFirst()
            case .sentence: if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            }
            if index > 0 {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: text += ", "
                case 1: text += " - "
                case 2: text += " \(Int.random(in: 1...99, using: &rng)) "
                default: text += " "
                }
            }
            text += word
        }
        return (text.precomposedStringWithCanonicalMapping, style)
    }

    /// Whether a text is a string of syllables of the grammar (the tone mark on any vowel), each in a proper case
    /// (lower, upper, capitalised), with at least one non-ASCII word. Legacy text that is such a string as it stands, or once converted from the
    /// other encoding, is ambiguous: `detect` may keep it or pick that other reading.
    static func isVietnamese(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0.isNumber })
        var sawNonASCII = false
        for word in words where word.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
            sawNonASCII = true
            let lower = word.lowercased()
            let caseOK = word == lower || word == word.uppercased() || word == word.prefix(1).uppercased() + lower.dropFirst()
            guard caseOK, allKeys.contains(placementFreeKey(lower)) else { return false }
        }
        return sawNonASCII
    }
}

/// What encode → convert gives back for TCVN3, by the documented rule: letters VN3 has no uppercase code for are
/// uppercase only in an all-uppercase word with two uppercase letters that carry their case, or in a word without
/// lowercase letters of a text that has such a word and no lowercase letter at all.
enum LegacyTCVN3Expectation {
    static func roundTrip(_ text: String) -> String {
        var segments: [(isWord: Bool, characters: [Character])] = []
        for character in text {
            if let last = segments.last, last.isWord == character.isLetter {
                segments[segments.count - 1].characters.append(character)
            } else {
                segments.append((character.isLetter, [character]))
            }
        }
        func carriesCase(_ c: Character) -> Bool { c.isASCII || LegacyAlphabet.tcvn3Uppercase.contains(String(c)) }
        let words = segments.filter(\.isWord).map(\.characters)
        let lower = words.map { $0.filter { carriesCase($0) && $0.isLowercase }.count }
        let upper = words.map { $0.filter { carriesCase($0) && $0.isUppercase }.count }
        let capsText = words.indices.contains { lower[$0] == 0 && upper[$0] >= 2 } && !lower.contains { $0 > 0 }
        var result = ""
        var wordIndex = 0
        for segment in segments {
            guard segment.isWord else {
                result += String(segment.characters)
                continue
            }
            let upperWord = lower[wordIndex] == 0 && (upper[wordIndex] >= 2 || capsText)
            wordIndex += 1
            for character in segment.characters {
                if carriesCase(character) {
                    result.append(character)
                } else {
                    result += upperWord ? character.uppercased() : character.lowercased()
                }
            }
        }
        return result
    }
}

extension LegacySyllableGrammar {
    /// Whether some word of a Unicode text has two letters or more, one of them outside ASCII: a legacy word made
    /// of one letter ("ë" for "ở") is not enough for `detect`.
    static func hasLongNonASCIIWord(_ text: String) -> Bool {
        text.split(whereSeparator: { !$0.isLetter }).contains { $0.count > 1 && $0.contains { !$0.isASCII } }
    }
}
