import Foundation
import Testing

@testable import LamTheoCore

@Suite("LegacyVietnamese properties")
struct LegacyVietnamesePropertyTests {
    static let samples = 3000

    @Test func generatorMakesValidSyllables() {
        // The generator and the detector's syllable check are written apart; each must accept what the other makes.
        #expect(LegacySyllableGrammar.all.count > 10_000)
        for syllable in LegacySyllableGrammar.all {
            let letters = syllable.unicodeScalars.map { LegacyTables.letter($0.value) }
            #expect(!letters.contains(nil) && LegacySyllable.isValid(letters.compactMap { $0 }[...]), "\(syllable)")
        }
        for word in ["xyz", "ka", "ge", "ngi", "ci", "qa", "ât", "ac", "àc", "ưm", "oog", "tsa", "ớo", "gìa"] {
            let letters = word.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap { LegacyTables.letter($0.value) }
            let expected = word == "gìa"  // g + ìa, like "gìa" for "già" in some old texts
            #expect(LegacySyllable.isValid(letters[...]) == expected, "\(word)")
        }
    }

    @Test func randomTextIsDetectedAndRestored() throws {
        var rng = SplitMix64(seed: 0x1A4_7E0)
        var ambiguous = [LegacyVietnameseEncoding: Int]()
        for _ in 0..<Self.samples {
            let (text, _) = LegacySyllableGrammar.randomText(&rng)
            for encoding in LegacyVietnameseEncoding.allCases {
                let legacy = try #require(LegacyVietnamese.encode(text, to: encoding), "\(text)")
                let detected = LegacyVietnamese.detect(legacy)
                if detected != encoding {
                    // Allowed only when no word of two letters or more has a non-ASCII letter, or for legacy text
                    // that reads just as well as Unicode Vietnamese or converted from the other encoding
                    // ("cöa": VNI cưa, TCVN3 cửa).
                    let other: LegacyVietnameseEncoding = encoding == .tcvn3 ? .vni : .tcvn3
                    let hasNonASCII = LegacySyllableGrammar.hasLongNonASCIIWord(text)
                    let readsAsUnicode = LegacySyllableGrammar.isVietnamese(legacy)
                    let readsAsOther = LegacySyllableGrammar.isVietnamese(LegacyVietnamese.convert(legacy, from: other))
                    switch detected {
                    case nil: #expect(!hasNonASCII || readsAsUnicode || readsAsOther, "\(encoding) \(legacy) from \(text)")
                    default: #expect(readsAsOther, "\(encoding) \(legacy) taken for \(other) from \(text)")
                    }
                    if hasNonASCII { ambiguous[encoding, default: 0] += 1 }
                }
                let converted = LegacyVietnamese.convert(legacy, from: encoding)
                let expected = encoding == .vni ? text : LegacyTCVN3Expectation.roundTrip(text)
                #expect(converted == expected, "\(encoding) \(legacy) from \(text)")
                #expect(converted.unicodeScalars.elementsEqual(converted.precomposedStringWithCanonicalMapping.unicodeScalars))
            }
        }
        // Such look-alikes are short (mostly one syllable) and few: about 2% of these samples for either encoding.
        for encoding in LegacyVietnameseEncoding.allCases {
            #expect(ambiguous[encoding, default: 0] * 20 < Self.samples, "\(encoding): \(ambiguous[encoding, default: 0])")
        }
    }

    @Test func randomUnicodeTextIsLeftAlone() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        var latin1Detected = 0
        for _ in 0..<Self.samples {
            let (text, _) = LegacySyllableGrammar.randomText(&rng)
            let detected = LegacyVietnamese.detect(text)
            if text.unicodeScalars.contains(where: { $0.value > 0xFF }) {
                #expect(detected == nil, "\(text)")
            } else if detected != nil {
                latin1Detected += 1
            }
        }
        // Text of Latin-1 letters only may read better as legacy (by the common-syllable list); rarely.
        #expect(latin1Detected * 100 < Self.samples, "\(latin1Detected)")
    }

    @Test func tcvn3RoundTripsExactlyInLowercase() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let text = LegacySyllableGrammar.randomText(&rng).text.lowercased()
            let legacy = try #require(LegacyVietnamese.encode(text, to: .tcvn3))
            #expect(LegacyVietnamese.convert(legacy, from: .tcvn3) == text)
        }
    }

    @Test func quickEnoughForABigImport() {
        // 50,000 cells of the kinds an import meets; the checks below must not take seconds per thousand.
        var rng = SplitMix64(seed: 7)
        var cells: [String] = []
        for index in 0..<50_000 {
            let text = LegacySyllableGrammar.randomText(&rng).text
            switch index % 5 {
            case 0: cells.append("HCM-P\(index)")
            case 1: cells.append(text)
            case 2: cells.append(LegacyVietnamese.encode(text, to: .tcvn3)!)
            case 3: cells.append(LegacyVietnamese.encode(text, to: .vni)!)
            default: cells.append("\(index % 28 + 1)/05/1970")
            }
        }
        let clock = ContinuousClock()
        var repaired = 0
        let elapsed = clock.measure {
            for cell in cells where LegacyVietnamese.repair(cell) != nil { repaired += 1 }
        }
        #expect(repaired > 15_000)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
