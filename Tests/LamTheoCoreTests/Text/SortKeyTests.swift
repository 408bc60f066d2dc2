import Foundation
import LamTheoCore
import Testing

@Suite("VietnameseText.sortKey and precedes")
struct SortKeyTests {
    /// Checks that each text sorts strictly before the next one.
    private func expectIncreasing(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for (a, b) in zip(texts, texts.dropFirst()) {
            #expect(VietnameseText.sortKey(a) < VietnameseText.sortKey(b), "\(a) < \(b)", sourceLocation: sourceLocation)
        }
    }

    @Test func alphabetOrder() {
        expectIncreasing("a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(separator: " ").map(String.init))
    }

    @Test func toneOrder() {
        expectIncreasing(["ma", "mà", "mả", "mã", "má", "mạ"])
        for row in vietnameseVowelRows {
            expectIncreasing(row.map { "t\($0)n" })
        }
    }

    @Test(arguments: [
        ("má", "mă"),          // letters first, then tone
        ("ạ", "ă"),
        ("mãnh", "mạnh"),      // same letters: ngã < nặng
        ("án", "anh"),         // a prefix first, whatever the tones
        ("Ý", "Yên"),
        ("an", "an bình"),     // fewer syllables first
        ("Ngọc", "Ngô"),       // o < ô
        ("Đà Nẵng", "Đắk Lắk"),
        ("Dung", "Đức"),       // d < đ
        ("Zô", "ж"),           // other scripts after z
        ("Chi bộ 2", "Chi bộ 10"),
        ("Tổ 9", "Tổ A"),      // digits before letters
        ("Tổ 10", "Tổ 10A"),
        ("Tổ 10A", "Tổ 11"),
        ("Tổ 0", "Tổ 1"),
        ("9999999999", "10000000000"),                            // 10 and 11 digits
        ("99999999999", "100000000000"),                          // 11 and 12 digits
        ("123456789012345678901234", "1234567890123456789012345"),
        ("999999999999999999999999", "1000000000000000000000000"),
    ])
    func sortsBefore(smaller: String, larger: String) {
        #expect(VietnameseText.sortKey(smaller) < VietnameseText.sortKey(larger))
        #expect(VietnameseText.precedes(smaller, larger))
        #expect(!VietnameseText.precedes(larger, smaller))
    }

    @Test(arguments: [
        ("hoà", "hòa"), ("Thành uỷ", "Thành ủy"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("Thuỵ", "Thụy"),
        ("ĐẢNG ỦY", "đảng ủy"),                                   // case
        ("Nguyễn-Văn A.", "Nguyễn Văn A"), ("(Phường 7)", "Phường 7"),  // punctuation
        ("Tổ 02", "Tổ 2"), ("000", "0"),                         // leading zeros
        ("Müller", "Muller"), ("\u{00D0}à Nẵng", "Đà Nẵng"),
        ("Nguy\u{00EA}\u{0303}n", "Nguyễn"),                      // ê + combining tilde
    ])
    func sameKey(a: String, b: String) {
        #expect(VietnameseText.sortKey(a) == VietnameseText.sortKey(b))
    }

    @Test(arguments: ["Nguyễn Thị Minh Khai", "Tôn Nữ Thị Ninh", "Đảng ủy Phường Bến Nghé", "Xã Đăk Pxi", "Khuất Duy Tiến"])
    func decomposedInputGivesTheSameKey(text: String) {
        let decomposed = text.decomposedStringWithCanonicalMapping
        #expect(scalars(decomposed) != scalars(text))
        #expect(VietnameseText.sortKey(decomposed) == VietnameseText.sortKey(text))
    }

    @Test func sortsWardNamesTheVietnameseWay() {
        let expected = [
            "Phường 2", "Phường 12", "Phường An Đông", "Phường An Khánh", "Phường Bàn Cờ", "Phường Bến Thành",
            "Phường Bình Phú", "Phường Bình Tây", "Phường Bình Tiên", "Phường Cầu Ông Lãnh", "Phường Chợ Lớn",
            "Phường Chợ Quán", "Phường Đa Kao", "Phường Khánh Hội", "Phường Nhiêu Lộc", "Phường Ông Lãnh",
            "Phường Phú Lâm", "Phường Sài Gòn", "Phường Tân Định", "Phường Thủ Đức", "Phường Vĩnh Hội",
            "Phường Xóm Chiếu", "Phường Xuân Hòa",
        ]
        var rng = SplitMix64(seed: 42)
        let shuffled = expected.shuffled(using: &rng)
        #expect(shuffled.sorted() != expected)  // code point order would be wrong
        #expect(shuffled.sorted(by: VietnameseText.precedes) == expected)
        // As the database sorts a stored key column under C collation: byte by byte.
        let byBytes = shuffled.sorted { VietnameseText.sortKey($0).utf8.lexicographicallyPrecedes(VietnameseText.sortKey($1).utf8) }
        #expect(byBytes == expected)
    }

    @Test func keyIsPrintableASCIIWithoutSpaceQuoteOrBackslash() {
        let ranges: [ClosedRange<UInt32>] = [0x0...0x36F, 0x1E00...0x1EFF, 0x4E00...0x4E10, 0x1F600...0x1F610, 0x10FFFD...0x10FFFD]
        for scalar in ranges.joined().compactMap(Unicode.Scalar.init) {
            let key = VietnameseText.sortKey("a\(scalar)1 \(scalar)")
            #expect(key.utf8.allSatisfy { (0x21...0x7E).contains($0) && !"\"'\\".utf8.contains($0) }, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func precedesBreaksTiesByTheOriginalString() {
        #expect(VietnameseText.sortKey("Hòa") == VietnameseText.sortKey("hoà"))
        #expect(VietnameseText.precedes("Hòa", "hoà"))
        #expect(!VietnameseText.precedes("hoà", "Hòa"))
        #expect(["hoà", "Hòa", "Hoà"].sorted(by: VietnameseText.precedes) == ["Hoà", "Hòa", "hoà"])
    }

    @Test func canonicallyEquivalentStringsAreEquivalent() {
        let composed = "Nguyễn", decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(!VietnameseText.precedes(composed, decomposed))
        #expect(!VietnameseText.precedes(decomposed, composed))
        #expect(!VietnameseText.precedes(composed, composed))
    }

    @Test func severalToneMarksOnOneSyllableTakeTheHighest() {
        // Whatever order they come in, which normalization may change: dot below (nặng) sorts before acute in NFD.
        #expect(VietnameseText.sortKey("ha\u{0301}\u{0323}") == VietnameseText.sortKey("hạ"))
        #expect(VietnameseText.sortKey("ha\u{0323}\u{0301}") == VietnameseText.sortKey("hạ"))
        #expect(VietnameseText.sortKey("hóà") == VietnameseText.sortKey("hoá"))
    }

    @Test func strayMarksAreIgnored() {
        #expect(VietnameseText.sortKey("\u{0301}an \u{0323}bình\u{0308}") == VietnameseText.sortKey("an bình"))
    }
}
