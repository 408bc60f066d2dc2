import Foundation
import LamTheoCore
import Testing

@Suite("Document numbers and symbols")
struct DocumentNumberTests {
    private func parse(_ text: String) throws(DocumentNumberError) -> DocumentNumber {
        try DocumentNumber(parsing: text, types: StandardDocumentAbbreviations.types, issuers: StandardDocumentAbbreviations.issuers)
    }

    private func failure(_ text: String) -> DocumentNumberError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("05-CT/TW", "05-CT/TW"), ("Số 05-CT/TW", "05-CT/TW"), ("05 - CT / TW", "05-CT/TW"), ("05-ct/tw", "05-CT/TW"),
        ("5-CT/TW", "05-CT/TW"), ("số 89-KH/TU", "89-KH/TU"), ("Số: 01-KL/TW", "01-KL/TW"), ("02-DA/TU", "02-ĐA/TU"),
        ("02-ĐA/TU", "02-ĐA/TU"), ("138-QĐNS/TW", "138-QĐNS/TW"), ("138-QDNS/TW", "138-QĐNS/TW"), ("366-QĐ/TW", "366-QĐ/TW"),
        ("12-ctr/tu", "12-CTr/TU"), ("07-TTr/ĐU", "07-TTr/ĐU"), ("07-TT/DU", "07-TT/ĐU"), ("  No. 36 – HD / VPTW ", "36-HD/VPTW"),
        ("Số05-CT/TW", "05-CT/TW"), ("05CT/TW", "05-CT/TW"),
    ])
    func canonical(_ input: String, _ symbol: String) throws {
        #expect(try parse(input).symbol == symbol)
    }

    /// Numbers as they stand on published documents (the directives, guidance and letters themselves or
    /// documents citing them), each of a type and issuer of `StandardDocumentAbbreviations`.
    @Test(arguments: [
        ("36-HD/VPTW", "36-HD/VPTW"), ("08-QĐi/TW", "08-QĐi/TW"), ("01-QĐi/UBKTTW", "01-QĐi/UBKTTW"), ("Số 09-QC/TW", "09-QC/TW"),
        ("8011-CV/BTCTW", "8011-CV/BTCTW"), ("17129-CV/VPTW", "17129-CV/VPTW"), ("31 - HD/BTCTW", "31-HD/BTCTW"), ("05-TB/BCĐTW", "05-TB/BCĐTW"),
        ("765-NQ/QUTW", "765-NQ/QUTW"), ("590-CT/ĐUQSTW", "590-CT/ĐUQSTW"), ("20-HD/ĐUCA", "20-HD/ĐUCA"), ("73-KH/ĐUQH", "73-KH/ĐUQH"),
        ("19-KH/BCSĐ", "19-KH/BCSĐ"), ("97-KH/ĐUK", "97-KH/ĐUK"), ("38-TB/BNCTU", "38-TB/BNCTU"), ("134-CV/UBKTTU", "134-CV/UBKTTU"),
        ("03-HD/BTGDVTU", "03-HD/BTGDVTU"), ("01-QĐ/BTCTU", "01-QĐ/BTCTU"), ("540-CV/VPQU", "540-CV/VPQU"), ("13-HD/ĐU", "13-HD/ĐU"),
        ("21-QĐ/ĐU", "21-QĐ/ĐU"), ("Số 60-NQ/TƯ", "60-NQ/TW"),
    ])
    func publishedNumbers(_ input: String, _ symbol: String) throws {
        #expect(try parse(input).symbol == symbol)
    }

    /// Every type of Hướng dẫn 36-HD/VPTW and every level's committee and boards, written as offices write them.
    @Test(arguments: [
        ("15-QĐi/TW", "15-QĐi/TW"), ("15-qdi/tw", "15-QĐi/TW"), ("12-QC/TU", "12-QC/TU"), ("08-CTr/TU", "08-CTr/TU"), ("102-TB/ĐUK", "102-TB/ĐUK"),
        ("3-TTr/BTCTU", "03-TTr/BTCTU"), ("04-QHo/TU", "04-QHo/TU"), ("01-PA/TU", "01-PA/TU"), ("02-TC/TW", "02-TC/TW"), ("05-BB/CB", "05-BB/CB"),
        ("118-GM/VPTU", "118-GM/VPTU"), ("45-GGT/BTCHU", "45-GGT/BTCHU"), ("07-GCN/ĐU", "07-GCN/ĐU"), ("12-PG/VPĐU", "12-PG/VPĐU"),
        ("12-PC/UBKTĐU", "12-PC/UBKTĐU"), ("10-NQ/ThU", "10-NQ/ThU"), ("10-nq/thu", "10-NQ/ThU"), ("02-KH/BDVHU", "02-KH/BDVHU"),
        ("01-NQ/ĐUCP", "01-NQ/ĐUCP"), ("01-HD/BCSCLTW", "01-HD/BCSCLTW"), ("12-HD/BTGDVTW", "12-HD/BTGDVTW"), ("03-BC/HĐLLTW", "03-BC/HĐLLTW"),
        ("03-BC/HDLLTW", "03-BC/HĐLLTW"), ("22-NQ/ĐĐ", "22-NQ/ĐĐ"), ("06-CV/BNCTW", "06-CV/BNCTW"), ("33-CV/VPTƯ", "33-CV/VPTW"),
    ])
    func everyLevelsNumbers(_ input: String, _ symbol: String) throws {
        #expect(try parse(input).symbol == symbol)
    }

    /// The lists only grow: every code the database was first seeded with is still there, with its names.
    @Test func theFirstListsAreKept() {
        let types = Set(StandardDocumentAbbreviations.types.map(\.code))
        let issuers = Set(StandardDocumentAbbreviations.issuers.map(\.code))
        #expect(types.isSuperset(of: ["NQ", "CT", "KL", "QĐ", "QĐNS", "QC", "HD", "TT", "KH", "CTr", "ĐA", "BC", "TB", "TTr", "CV"]))
        #expect(issuers.isSuperset(of: ["TW", "VPTW", "BTCTW", "BTGTW", "BTGDVTW", "UBKTTW", "TU", "BTGTU", "ĐUK", "HU", "QU", "ĐU", "CB"]))
        let btctu = StandardDocumentAbbreviations.issuers.first { $0.code == "BTCTU" }
        #expect(btctu?.nameVi == "Ban Tổ chức Tỉnh ủy, Thành ủy")
        #expect(btctu?.nameEn == "Organisation Commission of a provincial or city committee")
    }

    @Test func parts() throws {
        let parsed = try parse("Số 138-QĐNS/TW")
        #expect(parsed.number == 138)
        #expect(parsed.typeCode == "QĐNS")
        #expect(parsed.issuerCode == "TW")
        #expect(parsed.numberText == "138")
        #expect(try parse("01-KL/TW").numberText == "01")
    }

    @Test func decomposedAndMixedInputReadTheSame() throws {
        let nfd = "Số 02-ĐA/TU".decomposedStringWithCanonicalMapping
        #expect(try parse(nfd).symbol == "02-ĐA/TU")
        #expect(try parse("S\u{6F}\u{302}\u{301} 01-QĐ/ĐU").symbol == "01-QĐ/ĐU")
    }

    @Test func refusals() {
        #expect(failure("") == .empty)
        #expect(failure("Số ") == .empty)
        #expect(failure("CT/TW") == .missingNumber)
        #expect(failure("Số -KL/TW") == .missingNumber)
        #expect(failure("0-CT/TW") == .numberOutOfRange(0))
        #expect(failure("05-XY/TW") == .unknownType("XY"))
        #expect(failure("05-CT/ABC") == .unknownIssuer("ABC"))
        #expect(failure("hôm nay trời đẹp") == .malformed("hôm nay trời đẹp"))
        #expect(failure("05-CT") == .malformed("05-CT"))
        #expect(failure("05-CT/TW/TU") == .malformed("05-CT/TW/TU"))
    }

    @Test func messagesNameTheProblemInBothLanguages() {
        let message = DocumentNumberError.unknownType("XY").message
        #expect(message.vi == "Không có loại văn bản viết tắt “XY” trong danh mục (CT, KL, NQ, QĐ, KH…)")
        #expect(message.en == "“XY” is not a document type in the list (CT, KL, NQ, QĐ, KH…)")
        #expect(DocumentNumberError.missingNumber.message.vi.contains("Thiếu số văn bản"))
    }

    @Test func dForĐOnlyWhenTheListIsUnambiguous() throws {
        let types = StandardDocumentAbbreviations.types + [DocumentAbbreviation(code: "DA", nameVi: "Dự án", nameEn: "Project")]
        let issuers = StandardDocumentAbbreviations.issuers
        #expect(try DocumentNumber(parsing: "02-DA/TU", types: types, issuers: issuers).typeCode == "DA")
        #expect(try DocumentNumber(parsing: "02-ĐA/TU", types: types, issuers: issuers).typeCode == "ĐA")
    }

    @Test func standardCodesAreDistinctEvenWithoutĐ() {
        for list in [StandardDocumentAbbreviations.types, StandardDocumentAbbreviations.issuers] {
            #expect(Set(list.map { $0.code.uppercased() }).count == list.count)
            let folded = list.map { $0.code.uppercased().replacingOccurrences(of: "Đ", with: "D") }
            #expect(Set(folded).count == list.count)
        }
    }

    /// Every way an office writes a symbol reads back as the same number, type and issuer.
    @Test func everyWrittenVariantReadsBack() throws {
        var rng = SplitMix64(seed: 36)
        let types = StandardDocumentAbbreviations.types
        let issuers = StandardDocumentAbbreviations.issuers
        for _ in 0..<5_000 {
            let expected = DocumentNumber(number: Int.random(in: 1...999, using: &rng), typeCode: types.randomElement(using: &rng)!.code,
                                          issuerCode: issuers.randomElement(using: &rng)!.code)
            let written = Self.written(expected, using: &rng)
            let parsed = try DocumentNumber(parsing: written, types: types, issuers: issuers)
            try #require(parsed == expected, "\(written.debugDescription) read as \(parsed)")
            try #require(try DocumentNumber(parsing: parsed.symbol, types: types, issuers: issuers) == parsed)
        }
    }

    private static func written(_ number: DocumentNumber, using rng: inout SplitMix64) -> String {
        func pick(_ options: [String]) -> String { options.randomElement(using: &rng)! }
        func abbreviation(_ code: String) -> String {
            var text = pick([code, code.uppercased(), code.lowercased()])
            if Bool.random(using: &rng) { text = text.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d") }
            return text
        }
        let digits = pick([String(number.number), number.numberText, "00\(number.number)"])
        let text = pick(["", "Số ", "số ", "Số: ", "SỐ "]) + digits + pick(["-", " - ", "–", " -"]) + abbreviation(number.typeCode)
            + pick(["/", " / ", "/ "]) + abbreviation(number.issuerCode)
        return Bool.random(using: &rng) ? text.decomposedStringWithCanonicalMapping : text
    }
}
