import Foundation
import Testing

@testable import LamTheoCore

/// Reference tables from outside this code base, to check ours against.
enum LegacyGoldenTables {
    /// Every TCVN3 (VN3) code with its letter, as glibc's TCVN5712-1 charmap decodes the single byte
    /// (`printf '\xB5' | iconv -f TCVN5712-1 -t UTF-8`): 67 lowercase letters and Ă Â Ê Ô Ơ Ư Đ.
    static let tcvn3: [(UInt8, String)] = [
        (0xA1, "\u{0102}"),
        (0xA2, "\u{00C2}"),
        (0xA3, "\u{00CA}"),
        (0xA4, "\u{00D4}"),
        (0xA5, "\u{01A0}"),
        (0xA6, "\u{01AF}"),
        (0xA7, "\u{0110}"),
        (0xA8, "\u{0103}"),
        (0xA9, "\u{00E2}"),
        (0xAA, "\u{00EA}"),
        (0xAB, "\u{00F4}"),
        (0xAC, "\u{01A1}"),
        (0xAD, "\u{01B0}"),
        (0xAE, "\u{0111}"),
        (0xB5, "\u{00E0}"),
        (0xB6, "\u{1EA3}"),
        (0xB7, "\u{00E3}"),
        (0xB8, "\u{00E1}"),
        (0xB9, "\u{1EA1}"),
        (0xBB, "\u{1EB1}"),
        (0xBC, "\u{1EB3}"),
        (0xBD, "\u{1EB5}"),
        (0xBE, "\u{1EAF}"),
        (0xC6, "\u{1EB7}"),
        (0xC7, "\u{1EA7}"),
        (0xC8, "\u{1EA9}"),
        (0xC9, "\u{1EAB}"),
        (0xCA, "\u{1EA5}"),
        (0xCB, "\u{1EAD}"),
        (0xCC, "\u{00E8}"),
        (0xCE, "\u{1EBB}"),
        (0xCF, "\u{1EBD}"),
        (0xD0, "\u{00E9}"),
        (0xD1, "\u{1EB9}"),
        (0xD2, "\u{1EC1}"),
        (0xD3, "\u{1EC3}"),
        (0xD4, "\u{1EC5}"),
        (0xD5, "\u{1EBF}"),
        (0xD6, "\u{1EC7}"),
        (0xD7, "\u{00EC}"),
        (0xD8, "\u{1EC9}"),
        (0xDC, "\u{0129}"),
        (0xDD, "\u{00ED}"),
        (0xDE, "\u{1ECB}"),
        (0xDF, "\u{00F2}"),
        (0xE1, "\u{1ECF}"),
        (0xE2, "\u{00F5}"),
        (0xE3, "\u{00F3}"),
        (0xE4, "\u{1ECD}"),
        (0xE5, "\u{1ED3}"),
        (0xE6, "\u{1ED5}"),
        (0xE7, "\u{1ED7}"),
        (0xE8, "\u{1ED1}"),
        (0xE9, "\u{1ED9}"),
        (0xEA, "\u{1EDD}"),
        (0xEB, "\u{1EDF}"),
        (0xEC, "\u{1EE1}"),
        (0xED, "\u{1EDB}"),
        (0xEE, "\u{1EE3}"),
        (0xEF, "\u{00F9}"),
        (0xF1, "\u{1EE7}"),
        (0xF2, "\u{0169}"),
        (0xF3, "\u{00FA}"),
        (0xF4, "\u{1EE5}"),
        (0xF5, "\u{1EEB}"),
        (0xF6, "\u{1EED}"),
        (0xF7, "\u{1EEF}"),
        (0xF8, "\u{1EE9}"),
        (0xF9, "\u{1EF1}"),
        (0xFA, "\u{1EF3}"),
        (0xFB, "\u{1EF7}"),
        (0xFC, "\u{1EF9}"),
        (0xFD, "\u{00FD}"),
        (0xFE, "\u{1EF5}"),
    ]

    /// Every non-ASCII Vietnamese letter with its VNI-Windows bytes, from UniKey's vnconv table "VNI-WIN"
    /// (data.cpp: each entry is base byte | mark byte << 8).
    static let vni: [(String, [UInt8])] = [
        ("\u{00C1}", [0x41, 0xD9]),
        ("\u{00E1}", [0x61, 0xF9]),
        ("\u{00C0}", [0x41, 0xD8]),
        ("\u{00E0}", [0x61, 0xF8]),
        ("\u{1EA2}", [0x41, 0xDB]),
        ("\u{1EA3}", [0x61, 0xFB]),
        ("\u{00C3}", [0x41, 0xD5]),
        ("\u{00E3}", [0x61, 0xF5]),
        ("\u{1EA0}", [0x41, 0xCF]),
        ("\u{1EA1}", [0x61, 0xEF]),
        ("\u{00C2}", [0x41, 0xC2]),
        ("\u{00E2}", [0x61, 0xE2]),
        ("\u{1EA4}", [0x41, 0xC1]),
        ("\u{1EA5}", [0x61, 0xE1]),
        ("\u{1EA6}", [0x41, 0xC0]),
        ("\u{1EA7}", [0x61, 0xE0]),
        ("\u{1EA8}", [0x41, 0xC5]),
        ("\u{1EA9}", [0x61, 0xE5]),
        ("\u{1EAA}", [0x41, 0xC3]),
        ("\u{1EAB}", [0x61, 0xE3]),
        ("\u{1EAC}", [0x41, 0xC4]),
        ("\u{1EAD}", [0x61, 0xE4]),
        ("\u{0102}", [0x41, 0xCA]),
        ("\u{0103}", [0x61, 0xEA]),
        ("\u{1EAE}", [0x41, 0xC9]),
        ("\u{1EAF}", [0x61, 0xE9]),
        ("\u{1EB0}", [0x41, 0xC8]),
        ("\u{1EB1}", [0x61, 0xE8]),
        ("\u{1EB2}", [0x41, 0xDA]),
        ("\u{1EB3}", [0x61, 0xFA]),
        ("\u{1EB4}", [0x41, 0xDC]),
        ("\u{1EB5}", [0x61, 0xFC]),
        ("\u{1EB6}", [0x41, 0xCB]),
        ("\u{1EB7}", [0x61, 0xEB]),
        ("\u{0110}", [0xD1]),
        ("\u{0111}", [0xF1]),
        ("\u{00C9}", [0x45, 0xD9]),
        ("\u{00E9}", [0x65, 0xF9]),
        ("\u{00C8}", [0x45, 0xD8]),
        ("\u{00E8}", [0x65, 0xF8]),
        ("\u{1EBA}", [0x45, 0xDB]),
        ("\u{1EBB}", [0x65, 0xFB]),
        ("\u{1EBC}", [0x45, 0xD5]),
        ("\u{1EBD}", [0x65, 0xF5]),
        ("\u{1EB8}", [0x45, 0xCF]),
        ("\u{1EB9}", [0x65, 0xEF]),
        ("\u{00CA}", [0x45, 0xC2]),
        ("\u{00EA}", [0x65, 0xE2]),
        ("\u{1EBE}", [0x45, 0xC1]),
        ("\u{1EBF}", [0x65, 0xE1]),
        ("\u{1EC0}", [0x45, 0xC0]),
        ("\u{1EC1}", [0x65, 0xE0]),
        ("\u{1EC2}", [0x45, 0xC5]),
        ("\u{1EC3}", [0x65, 0xE5]),
        ("\u{1EC4}", [0x45, 0xC3]),
        ("\u{1EC5}", [0x65, 0xE3]),
        ("\u{1EC6}", [0x45, 0xC4]),
        ("\u{1EC7}", [0x65, 0xE4]),
        ("\u{00CD}", [0xCD]),
        ("\u{00ED}", [0xED]),
        ("\u{00CC}", [0xCC]),
        ("\u{00EC}", [0xEC]),
        ("\u{1EC8}", [0xC6]),
        ("\u{1EC9}", [0xE6]),
        ("\u{0128}", [0xD3]),
        ("\u{0129}", [0xF3]),
        ("\u{1ECA}", [0xD2]),
        ("\u{1ECB}", [0xF2]),
        ("\u{00D3}", [0x4F, 0xD9]),
        ("\u{00F3}", [0x6F, 0xF9]),
        ("\u{00D2}", [0x4F, 0xD8]),
        ("\u{00F2}", [0x6F, 0xF8]),
        ("\u{1ECE}", [0x4F, 0xDB]),
        ("\u{1ECF}", [0x6F, 0xFB]),
        ("\u{00D5}", [0x4F, 0xD5]),
        ("\u{00F5}", [0x6F, 0xF5]),
        ("\u{1ECC}", [0x4F, 0xCF]),
        ("\u{1ECD}", [0x6F, 0xEF]),
        ("\u{00D4}", [0x4F, 0xC2]),
        ("\u{00F4}", [0x6F, 0xE2]),
        ("\u{1ED0}", [0x4F, 0xC1]),
        ("\u{1ED1}", [0x6F, 0xE1]),
        ("\u{1ED2}", [0x4F, 0xC0]),
        ("\u{1ED3}", [0x6F, 0xE0]),
        ("\u{1ED4}", [0x4F, 0xC5]),
        ("\u{1ED5}", [0x6F, 0xE5]),
        ("\u{1ED6}", [0x4F, 0xC3]),
        ("\u{1ED7}", [0x6F, 0xE3]),
        ("\u{1ED8}", [0x4F, 0xC4]),
        ("\u{1ED9}", [0x6F, 0xE4]),
        ("\u{01A0}", [0xD4]),
        ("\u{01A1}", [0xF4]),
        ("\u{1EDA}", [0xD4, 0xD9]),
        ("\u{1EDB}", [0xF4, 0xF9]),
        ("\u{1EDC}", [0xD4, 0xD8]),
        ("\u{1EDD}", [0xF4, 0xF8]),
        ("\u{1EDE}", [0xD4, 0xDB]),
        ("\u{1EDF}", [0xF4, 0xFB]),
        ("\u{1EE0}", [0xD4, 0xD5]),
        ("\u{1EE1}", [0xF4, 0xF5]),
        ("\u{1EE2}", [0xD4, 0xCF]),
        ("\u{1EE3}", [0xF4, 0xEF]),
        ("\u{00DA}", [0x55, 0xD9]),
        ("\u{00FA}", [0x75, 0xF9]),
        ("\u{00D9}", [0x55, 0xD8]),
        ("\u{00F9}", [0x75, 0xF8]),
        ("\u{1EE6}", [0x55, 0xDB]),
        ("\u{1EE7}", [0x75, 0xFB]),
        ("\u{0168}", [0x55, 0xD5]),
        ("\u{0169}", [0x75, 0xF5]),
        ("\u{1EE4}", [0x55, 0xCF]),
        ("\u{1EE5}", [0x75, 0xEF]),
        ("\u{01AF}", [0xD6]),
        ("\u{01B0}", [0xF6]),
        ("\u{1EE8}", [0xD6, 0xD9]),
        ("\u{1EE9}", [0xF6, 0xF9]),
        ("\u{1EEA}", [0xD6, 0xD8]),
        ("\u{1EEB}", [0xF6, 0xF8]),
        ("\u{1EEC}", [0xD6, 0xDB]),
        ("\u{1EED}", [0xF6, 0xFB]),
        ("\u{1EEE}", [0xD6, 0xD5]),
        ("\u{1EEF}", [0xF6, 0xF5]),
        ("\u{1EF0}", [0xD6, 0xCF]),
        ("\u{1EF1}", [0xF6, 0xEF]),
        ("\u{00DD}", [0x59, 0xD9]),
        ("\u{00FD}", [0x79, 0xF9]),
        ("\u{1EF2}", [0x59, 0xD8]),
        ("\u{1EF3}", [0x79, 0xF8]),
        ("\u{1EF6}", [0x59, 0xDB]),
        ("\u{1EF7}", [0x79, 0xFB]),
        ("\u{1EF8}", [0x59, 0xD5]),
        ("\u{1EF9}", [0x79, 0xF5]),
        ("\u{1EF4}", [0xCE]),
        ("\u{1EF5}", [0xEE]),
    ]
}

@Suite("LegacyVietnamese tables")
struct LegacyVietnameseTableTests {
    @Test func unicodeVowelTableMatchesCanonicalDecomposition() {
        // Row bases and tone marks, written as combining sequences: NFC must give exactly the table's scalars.
        let bases = ["a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31B}", "u", "u\u{31B}", "y"]
        let marks = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"]
        #expect(LegacyTables.lowerVowels.count == 12)
        for (row, base) in bases.enumerated() {
            for (tone, mark) in marks.enumerated() {
                let lower = (base + mark).precomposedStringWithCanonicalMapping
                let upper = lower.uppercased()
                #expect(lower.unicodeScalars.map(\.value) == [LegacyTables.lowerVowels[row][tone]], "\(lower)")
                #expect(upper.unicodeScalars.map(\.value) == [LegacyTables.upperVowels[row][tone]], "\(upper)")
            }
        }
    }

    @Test func goldenListsCoverTheAlphabet() {
        #expect(LegacyGoldenTables.tcvn3.count == 74)
        #expect(LegacyGoldenTables.vni.count == 134)
        #expect(Set(LegacyGoldenTables.vni.map(\.0)).count == 134)
        #expect(Set(LegacyGoldenTables.vni.map(\.0)) == Set(LegacyAlphabet.nonASCIILetters))
    }

    @Test func tcvn3DecodesEveryCodeAsGlibcDoes() {
        for (byte, letter) in LegacyGoldenTables.tcvn3 {
            let cell = String(Character(Unicode.Scalar(byte)))
            // Alone, a code decodes as its VN3 letter, in lowercase unless VN3 has an uppercase code for it.
            #expect(LegacyVietnamese.convert(cell, from: .tcvn3) == letter, "byte \(byte)")
        }
    }

    @Test func tcvn3EncodesEveryLowercaseLetterAsGlibcDoes() {
        for (byte, letter) in LegacyGoldenTables.tcvn3 {
            #expect(LegacyVietnamese.encodedBytes(letter, to: .tcvn3) == [byte], "\(letter)")
        }
    }

    @Test func tcvn3LeavesEveryOtherHighByteAlone() {
        let used = Set(LegacyGoldenTables.tcvn3.map(\.0))
        for byte in UInt8(0xA0)...0xFF where !used.contains(byte) {
            let cell = "x" + String(Character(Unicode.Scalar(byte))) + "x"
            #expect(LegacyVietnamese.convert(cell, from: .tcvn3) == cell, "byte \(byte)")
        }
    }

    @Test func vniEncodesEveryLetterAsUniKeyDoes() {
        for (letter, bytes) in LegacyGoldenTables.vni {
            #expect(LegacyVietnamese.encodedBytes(letter, to: .vni) == bytes, "\(letter)")
        }
    }

    @Test func vniDecodesEveryLetterAsUniKeyDoes() {
        for (letter, bytes) in LegacyGoldenTables.vni {
            let cell = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            #expect(LegacyVietnamese.convert(cell, from: .vni) == letter, "\(cell)")
        }
    }

    @Test func vniLeavesBytesWithoutMeaningAlone() {
        let used = Set(LegacyGoldenTables.vni.flatMap(\.1).filter { $0 >= 0x80 })
        for byte in UInt8(0xA0)...0xFF where !used.contains(byte) {
            let cell = "a" + String(Character(Unicode.Scalar(byte)))
            #expect(LegacyVietnamese.convert(cell, from: .vni) == cell, "byte \(byte)")
        }
    }

    @Test func neitherEncodingGivesWindowsPunctuationAMeaning() {
        let punctuation = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
        for encoding in LegacyVietnameseEncoding.allCases {
            #expect(LegacyVietnamese.convert("a" + punctuation, from: encoding) == "a" + punctuation)
            #expect(LegacyVietnamese.encode(punctuation, to: encoding) == punctuation)
        }
    }

    @Test func everyCommonSyllableIsASyllable() {
        for word in LegacyTables.commonSyllablesText.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let letters = word.precomposedStringWithCanonicalMapping.unicodeScalars.map { LegacyTables.letter($0.value) }
            #expect(!letters.contains(nil), "\(word)")
            #expect(LegacySyllable.isValid(letters.compactMap { $0 }[...]), "\(word)")
        }
    }
}
