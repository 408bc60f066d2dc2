import Foundation
import Testing

@testable import LamTheoCore

private func legacyIsNFC(_ text: String) -> Bool {
    text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
}

/// The phrases the brief names, in Unicode.
let legacyPhrases = [
    "Đảng bộ Thành phố Hồ Chí Minh",
    "Chi bộ Khu phố 3",
    "Nguyễn Thị Minh Khai",
    "Trương Thị Mai",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]

@Suite("LegacyVietnamese conversion")
struct LegacyVietnameseConversionTests {
    @Test func everyLetterRoundTripsThroughVNI() {
        #expect(LegacyAlphabet.nonASCIILetters.count == 134)
        for letter in LegacyAlphabet.nonASCIILetters {
            let legacy = LegacyVietnamese.encode(letter, to: .vni)
            #expect(legacy != nil, "\(letter)")
            #expect(LegacyVietnamese.convert(legacy ?? "", from: .vni) == letter, "\(letter)")
            // Inside a word too.
            let word = "Th" + letter + "n"
            #expect(LegacyVietnamese.convert(LegacyVietnamese.encode(word, to: .vni) ?? "", from: .vni) == word)
        }
    }

    @Test func everyLowercaseLetterAndTheSevenVN3CapitalsRoundTripThroughTCVN3() {
        for letter in LegacyAlphabet.nonASCIILetters
        where letter == letter.lowercased() || LegacyAlphabet.tcvn3Uppercase.contains(letter) {
            let legacy = LegacyVietnamese.encode(letter, to: .tcvn3) ?? ""
            #expect(legacy.unicodeScalars.count == 1, "\(letter)")
            #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == letter, "\(letter)")
        }
    }

    @Test func tcvn3UppercaseLettersWithMarksComeBackLowercaseOnTheirOwn() {
        // VN3 has no code for them: a lone one cannot be told from the lowercase letter (documented limitation).
        var checked = 0
        for letter in LegacyAlphabet.nonASCIILetters
        where letter != letter.lowercased() && !LegacyAlphabet.tcvn3Uppercase.contains(letter) {
            let legacy = LegacyVietnamese.encode(letter, to: .tcvn3) ?? ""
            #expect(legacy == LegacyVietnamese.encode(letter.lowercased(), to: .tcvn3), "\(letter)")
            #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == letter.lowercased(), "\(letter)")
            checked += 1
        }
        #expect(checked == 60)
    }

    @Test func tcvn3UppercaseLettersWithMarksRoundTripInAnUppercaseWord() {
        for letter in LegacyAlphabet.nonASCIILetters where letter == letter.uppercased() {
            let word = "NG" + letter + "N"
            let legacy = LegacyVietnamese.encode(word, to: .tcvn3) ?? ""
            #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == word, "\(word)")
        }
    }

    @Test(arguments: [
        ("§¶NG Bé TH\u{B5}NH PHè Hå CHÝ MINH", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"),
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
        ("DANH S¸CH §¶NG VI£N", "DANH SÁCH ĐẢNG VIÊN"),
        ("§¶NG Bé", "ĐẢNG BỘ"),
        // A word with lowercase letters keeps its marked letters lowercase, even next to an uppercase word.
        ("§¶NG bé", "ĐẢNG bộ"),
        ("Bé Y TÕ", "Bộ Y Tế"),
        ("Ên", "ấn"),
        ("¦íc", "Ước"),
    ])
    func tcvn3InfersTheCaseOfMarkedLetters(legacy: String, expected: String) {
        #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == expected)
    }

    @Test(arguments: legacyPhrases)
    func phrasesRoundTripAndAreDetected(phrase: String) throws {
        for encoding in LegacyVietnameseEncoding.allCases {
            let legacy = try #require(LegacyVietnamese.encode(phrase, to: encoding))
            #expect(legacy != phrase)
            #expect(LegacyVietnamese.detect(legacy) == encoding, "\(legacy)")
            let converted = LegacyVietnamese.convert(legacy, from: encoding)
            #expect(converted == phrase)
            #expect(legacyIsNFC(converted))
            let repaired = try #require(LegacyVietnamese.repair(legacy))
            #expect(repaired.text == phrase && repaired.encoding == encoding)
            // The same bytes read by a CSV reader as Windows-1258 (then NFC), and as Latin-1.
            let bytes = try #require(LegacyVietnamese.encodedBytes(phrase, to: encoding))
            for text in [LegacyWindows1258.decode(bytes), LegacyLatin1.decode(bytes)] {
                let viaReader = try #require(LegacyVietnamese.repair(text), "\(text)")
                #expect(viaReader.text == phrase && viaReader.encoding == encoding, "\(text)")
            }
        }
    }

    @Test func knownSpellingsFromTheBrief() {
        #expect(LegacyVietnamese.encode("Nguyễn Văn An", to: .tcvn3) == "NguyÔn V¨n An")
        #expect(LegacyVietnamese.encode("Đảng bộ", to: .tcvn3) == "§¶ng bé")
        #expect(LegacyVietnamese.encode("Nguyễn Văn An", to: .vni) == "Nguyeãn Vaên An")
        #expect(LegacyVietnamese.encode("Đảng bộ", to: .vni) == "Ñaûng boä")
        #expect(LegacyVietnamese.repair("NguyÔn V¨n An")! == ("Nguyễn Văn An", .tcvn3))
        #expect(LegacyVietnamese.repair("§¶ng bé")! == ("Đảng bộ", .tcvn3))
        #expect(LegacyVietnamese.repair("Nguyeãn Vaên An")! == ("Nguyễn Văn An", .vni))
        #expect(LegacyVietnamese.repair("Ñaûng boä")! == ("Đảng bộ", .vni))
    }

    @Test func uppercaseVNIRoundTrips() throws {
        for phrase in legacyPhrases.map({ $0.uppercased() }) {
            let legacy = try #require(LegacyVietnamese.encode(phrase, to: .vni))
            #expect(LegacyVietnamese.repair(legacy)?.text == phrase, "\(legacy)")
        }
    }

    @Test func c1ControlsAndWindowsPunctuationAreTheSameBytes() {
        // An en dash typed in a TCVN3 cell: Windows-1252 "–", or a raw U+0096 from a Latin-1 reader.
        let expected = "Chi bộ Khu phố 3 – Phường 1"
        for dash in ["\u{2013}", "\u{0096}"] {
            let legacy = "Chi bé Khu phè 3 \(dash) Ph\u{AD}êng 1"
            #expect(LegacyVietnamese.detect(legacy) == .tcvn3)
            #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == expected)
        }
        // Quotes around a VNI word.
        for (open, close) in [("\u{201C}", "\u{201D}"), ("\u{0093}", "\u{0094}")] {
            let legacy = "\(open)Ñaûng boä\(close)"
            #expect(LegacyVietnamese.repair(legacy)?.text == "“Đảng bộ”")
        }
        // Bytes Windows-1252 leaves undefined stay as they are.
        #expect(LegacyVietnamese.convert("bé\u{0081}", from: .tcvn3) == "bộ\u{0081}")
    }

    @Test func charactersOutsideTheEncodingPassThrough() {
        #expect(LegacyVietnamese.convert("HCM-P001 (12/05/2023) ₫ 東京", from: .tcvn3) == "HCM-P001 (12/05/2023) ₫ 東京")
        #expect(LegacyVietnamese.convert("HCM-P001 ç ý ß", from: .vni) == "HCM-P001 ç ý ß")
        #expect(LegacyVietnamese.convert("", from: .vni) == "")
        // A VNI mark with no letter to go on stays as it is.
        #expect(LegacyVietnamese.convert("3ù x", from: .vni) == "3ù x")
        // Unicode Vietnamese mixed in is left alone by TCVN3 where it has no TCVN3 byte.
        #expect(LegacyVietnamese.convert("Đặng bé", from: .tcvn3) == "Đặng bộ")
    }

    @Test func outputIsNFCEvenFromDecomposedInput() {
        let converted = LegacyVietnamese.convert("bé Nguye\u{0302}\u{0303}n", from: .tcvn3)
        #expect(legacyIsNFC(converted))
        #expect(converted == "bộ Nguyễn")
    }

    @Test func encodeRefusesCharactersWithoutALegacyForm() {
        for text in ["Привет", "東京", "👍", "Straße x\u{301}"] {
            for encoding in LegacyVietnameseEncoding.allCases {
                #expect(LegacyVietnamese.encode(text, to: encoding) == nil, "\(text)")
            }
        }
        // ü and ç share their byte with a TCVN3 letter; in VNI ç has no meaning and is kept.
        #expect(LegacyVietnamese.encode("Müller", to: .tcvn3) == nil)
        #expect(LegacyVietnamese.encode("Müller", to: .vni) == nil)
        #expect(LegacyVietnamese.encode("façade", to: .vni) == "façade")
        #expect(LegacyVietnamese.encode("“Học” – 25°", to: .vni) == "“Hoïc” – 25°")
        // Decomposed input is encoded like precomposed.
        #expect(LegacyVietnamese.encode("Nguye\u{0302}\u{0303}n", to: .tcvn3) == "NguyÔn")
        #expect(LegacyVietnamese.encodedBytes("Đ", to: .vni) == [0xD1])
    }

    @Test func windows1258DecodingIsUndoneWhenTold() throws {
        for phrase in legacyPhrases {
            for encoding in LegacyVietnameseEncoding.allCases {
                let text = LegacyWindows1258.decode(try #require(LegacyVietnamese.encodedBytes(phrase, to: encoding)))
                #expect(LegacyVietnamese.detect(text, decodedAs: .windows1258) == encoding, "\(text)")
                #expect(LegacyVietnamese.convert(text, from: encoding, decodedAs: .windows1258) == phrase, "\(text)")
                #expect(LegacyVietnamese.repair(text, decodedAs: .windows1258)?.text == phrase)
            }
        }
        // "Thị" in VNI is "Th" + 0xF2, which Windows-1258 reads as a combining dot below: NFC makes "Tḥ".
        let thi = LegacyWindows1258.decode([0x54, 0x68, 0xF2])
        #expect(thi == "T\u{1E25}")
        #expect(LegacyVietnamese.convert(thi, from: .vni, decodedAs: .windows1258) == "Thị")
    }
}
