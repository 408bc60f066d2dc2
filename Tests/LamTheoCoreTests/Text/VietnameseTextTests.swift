import Foundation
import LamTheoCore
import Testing

@Suite("VietnameseText.normalized")
struct NormalizedTests {
    @Test func trimsAndCollapsesEveryKindOfWhitespace() {
        let text = " \t Đảng   ủy\u{00A0}phường\n\nBến\u{3000}Nghé\u{2028} \r\n"
        #expect(VietnameseText.normalized(text) == "Đảng ủy phường Bến Nghé")
    }

    @Test func composesToNFC() {
        let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Minh Khai"
        #expect(scalars(VietnameseText.normalized(decomposed)) == scalars("Nguy\u{1EC5}n Th\u{1ECB} Minh Khai"))
        let mixed = "Nguy\u{00EA}\u{0303}n"  // precomposed ê, combining tilde
        #expect(scalars(VietnameseText.normalized(mixed)) == scalars("Nguy\u{1EC5}n"))
    }

    @Test func keepsEverythingElse() {
        let text = "Chi bộ 1 - Khu phố 2 (cũ), Phường Sài Gòn."
        #expect(scalars(VietnameseText.normalized(text)) == scalars(text))
    }

    @Test(arguments: ["", " ", "\u{00A0}\t\n"])
    func blankBecomesEmpty(text: String) {
        #expect(VietnameseText.normalized(text).isEmpty)
    }
}

@Suite("VietnameseText.searchKey")
struct SearchKeyTests {
    @Test(arguments: [
        ("Đảng ủy Phường Bến Nghé", "dang uy phuong ben nghe"),
        ("Nguyễn Văn A", "nguyen van a"),
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("Tôn Nữ Thị Ninh", "ton nu thi ninh"),
        ("ĐẢNG ỦY XÃ ĐĂK GLEI", "dang uy xa dak glei"),
        ("Trường Đại học Sư phạm Thành phố Hồ Chí Minh", "truong dai hoc su pham thanh pho ho chi minh"),
        ("Nghị quyết 05-NQ/TW, ngày 18/5/2023", "nghi quyet 05 nq tw ngay 18 5 2023"),
        ("  Chi bộ 3 (Khu phố 5)…  ", "chi bo 3 khu pho 5"),
        ("François Müller, Ångström", "francois muller angstrom"),
        ("\u{00D0}à Nẵng", "da nang"),  // Ð (eth) standing in for Đ
        ("Москва, Ελλάδα", "москва ελλαδα"),
        ("北京 한국", "北京 한국"),
        ("", ""),
        (" -–— ", ""),
    ])
    func folds(text: String, expected: String) {
        #expect(VietnameseText.searchKey(text) == expected)
    }

    @Test(arguments: [("Thành uỷ", "Thành ủy"), ("hoà bình", "hòa bình"), ("khoẻ", "khỏe"), ("Thuỵ", "Thụy"), ("thuý", "thúy")])
    func oldAndNewTonePlacementFoldTheSame(old: String, new: String) {
        #expect(VietnameseText.searchKey(old) == VietnameseText.searchKey(new))
        #expect(VietnameseText.searchKey(old).allSatisfy { $0.isASCII })
    }

    @Test func decomposedAndMixedInputFoldTheSame() {
        let composed = "Đảng ủy Phường Bến Nghé"
        #expect(VietnameseText.searchKey(composed.decomposedStringWithCanonicalMapping) == "dang uy phuong ben nghe")
        #expect(VietnameseText.searchKey("Nguy\u{00EA}\u{0303}n") == "nguyen")
    }

    @Test func everyVietnameseLetterFoldsToItsBase() {
        for row in vietnameseVowelRows {
            let base = String(row.decomposedStringWithCanonicalMapping.unicodeScalars.first!)
            for letter in row.map(String.init) + row.uppercased().map(String.init) {
                #expect(VietnameseText.searchKey(letter) == base, "\(letter)")
            }
        }
        #expect(VietnameseText.searchKey("đĐ") == "dd")
    }

    @Test func marksDoNotSplitWords() {
        #expect(VietnameseText.searchKey("Zoe\u{0308}, e\u{0306}x") == "zoe ex")
    }
}

@Suite("VietnameseText.isCleanText")
struct IsCleanTextTests {
    @Test(arguments: ["", "Nguyễn Văn A", "Dòng 1\nDòng 2\tcột 2", "👍🏽 👨‍👩‍👧", "\u{00A0}"])
    func acceptsText(text: String) {
        #expect(VietnameseText.isCleanText(text))
    }

    @Test(arguments: [
        "Windows\r\nline", "nul\u{0}", "bell\u{7}", "\u{1B}[31mred", "delete\u{7F}", "next line\u{85}", "\u{9F}",
        "replaced \u{FFFD}", String(decoding: [0x41, 0xFF, 0x42], as: UTF8.self), String(decoding: [0xD800], as: UTF16.self),
        // Invisible and bidi characters, piles of marks (SecurityRulesTests has the rest).
        "Zero\u{200B}width", "Nguy\u{200B}ễn", "abc\u{202E}cod.exe", "a\u{FEFF}b", "e\u{301}\u{302}\u{303}\u{304}",
    ])
    func rejectsControlsAndReplacementCharacters(text: String) {
        #expect(!VietnameseText.isCleanText(text))
    }
}

@Suite("Search words")
struct SearchWordsTests {
    @Test("a search is its folded words, each once, in any order", arguments: [
        ("Bình Nguyễn Văn", ["binh", "nguyen", "van"]),
        ("  binh   nguyen van ", ["binh", "nguyen", "van"]),
        ("Nguyễn nguyen Văn", ["nguyen", "van"]),
        ("", []),
    ] as [(String, [String])])
    func words(text: String, expected: [String]) {
        #expect(VietnameseText.searchWords(text) == expected)
    }

    @Test("a part of a card number is its characters, when it holds a digit and is long enough", arguments: [
        ("0162", "0162"), ("34 180 162", "34180162"), ("ab12", "AB12"), ("12", nil), ("binh", nil), ("", nil),
    ] as [(String, String?)])
    func cardFragment(text: String, expected: String?) {
        #expect(VietnameseText.cardFragment(text) == expected)
    }
}
