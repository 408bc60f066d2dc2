import Foundation
import LamTheoCore
import Testing

@Suite("PersonName")
struct PersonNameTests {
    @Test(arguments: [
        ("Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"),
        ("Hồ Chí Minh", "Hồ", "Chí", "Minh"),
        ("Lê Duẩn", "Lê", "", "Duẩn"),
        ("Tôn Đức Thắng", "Tôn", "Đức", "Thắng"),
        ("Tôn Nữ Thị Ninh", "Tôn Nữ", "Thị", "Ninh"),
        ("TÔN NỮ THỊ NINH", "TÔN NỮ", "THỊ", "NINH"),
        ("Ton Nu Thi Ninh", "Ton Nu", "Thi", "Ninh"),
        ("Tôn Thất Tùng", "Tôn Thất", "", "Tùng"),
        ("Công Tằng Tôn Nữ Thị Lệ Hằng", "Công Tằng Tôn Nữ", "Thị Lệ", "Hằng"),
        ("Công Huyền Tôn Nữ Hà Nhi", "Công Huyền Tôn Nữ", "Hà", "Nhi"),
        ("Công Tôn Nữ Diệu Hương", "Công Tôn Nữ", "Diệu", "Hương"),
        ("Âu Dương Lân", "Âu Dương", "", "Lân"),
        ("Nguyễn Phúc Bửu Chánh", "Nguyễn", "Phúc Bửu", "Chánh"),  // not a compound: also an ordinary họ + đệm
        ("Tôn Nữ", "Tôn", "", "Nữ"),                                // no word left for the tên
        ("Công Tằng Tôn Nữ", "Công", "Tằng Tôn", "Nữ"),
        ("Hoa", "", "", "Hoa"),
        ("  nguyễn \u{00A0} văn\ta  ", "nguyễn", "văn", "a"),
    ])
    func splitsFullName(fullName: String, family: String, middle: String, given: String) throws {
        let name = try #require(PersonName(fullName: fullName))
        #expect(name.familyName == family)
        #expect(name.middleName == middle)
        #expect(name.givenName == given)
    }

    @Test(arguments: ["", "   ", "\u{00A0}\n\t"])
    func emptyNameIsNil(fullName: String) {
        #expect(PersonName(fullName: fullName) == nil)
    }

    @Test func fullNameStoresNFC() throws {
        let name = try #require(PersonName(fullName: "Nguye\u{0302}\u{0303}n Thi\u{0323} Minh Khai"))
        #expect(scalars(name.fullName) == scalars("Nguy\u{1EC5}n Th\u{1ECB} Minh Khai"))
    }

    @Test func initializerNormalizesEachPart() {
        let name = PersonName(familyName: " Nguye\u{0302}\u{0303}n ", middleName: " \t", givenName: "An\u{00A0}")
        #expect(scalars(name.familyName) == scalars("Nguy\u{1EC5}n"))
        #expect(name.middleName == "")
        #expect(name.givenName == "An")
        #expect(name.fullName == "Nguyễn An")
    }

    @Test func fullNameJoinsTheNonEmptyParts() {
        #expect(PersonName(familyName: "Tôn Nữ", middleName: "Thị", givenName: "Ninh").fullName == "Tôn Nữ Thị Ninh")
        #expect(PersonName(familyName: "", middleName: "", givenName: "Hoa").fullName == "Hoa")
    }

    @Test func sortsByGivenThenMiddleThenFamilyName() {
        let expected = [
            PersonName(familyName: "Lê", middleName: "", givenName: "An"),
            PersonName(familyName: "Lê", middleName: "Văn", givenName: "An"),    // no đệm sorts first
            PersonName(familyName: "Nguyễn", middleName: "Văn", givenName: "An"), // then by họ
            PersonName(familyName: "An", middleName: "", givenName: "Anh"),     // a tên that is a prefix sorts first
            PersonName(familyName: "Nguyễn", middleName: "Thị", givenName: "Hoa"),
            PersonName(familyName: "Lê", middleName: "Văn", givenName: "Hoa"),   // đệm before họ
            PersonName(familyName: "Vũ", middleName: "Thị", givenName: "Hòa"),   // tone after letters
        ]
        var rng = SplitMix64(seed: 9)
        #expect(expected.shuffled(using: &rng).sorted { $0.sortKey < $1.sortKey } == expected)
    }

    @Test func sortsLeadersByGivenName() {
        let fullNames = [
            "Trường Chinh", "Lê Duẩn", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Nguyễn Thị Minh Khai", "Tô Lâm",
            "Nguyễn Văn Linh", "Nông Đức Mạnh", "Hồ Chí Minh", "Đỗ Mười", "Tôn Nữ Thị Ninh", "Lê Khả Phiêu",
            "Võ Thị Sáu", "Tôn Đức Thắng", "Nguyễn Phú Trọng",
        ]
        var rng = SplitMix64(seed: 10)
        let sorted = fullNames.shuffled(using: &rng).compactMap(PersonName.init(fullName:)).sorted { $0.sortKey < $1.sortKey }
        #expect(sorted.map(\.fullName) == fullNames)
    }

    @Test func sortKeyIsPrintableASCII() {
        let key = PersonName(familyName: "Công Tằng Tôn Nữ", middleName: "Thị", givenName: "Hằng 2").sortKey
        #expect(key.utf8.allSatisfy { (0x21...0x7E).contains($0) })
    }

    @Test func codableRoundTrip() throws {
        let name = PersonName(familyName: "Tôn Nữ", middleName: "Thị", givenName: "Ninh")
        let json = try JSONEncoder().encode(name)
        let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: String])
        #expect(object == ["familyName": "Tôn Nữ", "middleName": "Thị", "givenName": "Ninh"])
        #expect(try JSONDecoder().decode(PersonName.self, from: json) == name)
    }

    @Test func equalNamesHashAlike() {
        let names: Set = [
            PersonName(familyName: "Lê", middleName: "", givenName: "An"),
            PersonName(fullName: "Lê  An")!,
            PersonName(familyName: "Lê", middleName: "Văn", givenName: "An"),
        ]
        #expect(names.count == 2)
    }
}
