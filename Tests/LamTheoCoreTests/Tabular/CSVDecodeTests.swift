import Foundation
import LamTheoCore
import Testing

@Suite("CSVFile.decode")
struct CSVDecodeTests {
    static let sample = "Họ và tên,Ngày sinh,Chi bộ\r\nNguyễn Thị Ánh Tuyết,01/02/1960,Chi bộ Khu phố 2\r\nTrần Văn Đức 😀,,\r\n"

    @Test func plainUTF8() throws {
        let (text, encoding) = try CSVFile.decode(Data(Self.sample.utf8))
        #expect(encoding == .utf8)
        #expect(csvScalars(text) == csvScalars(Self.sample))
    }

    @Test func asciiIsUTF8() throws {
        let (text, encoding) = try CSVFile.decode(Data("a,b\n1,2\n".utf8))
        #expect(encoding == .utf8)
        #expect(text == "a,b\n1,2\n")
    }

    @Test func emptyFileIsEmptyUTF8() throws {
        let (text, encoding) = try CSVFile.decode(Data())
        #expect(encoding == .utf8)
        #expect(text.isEmpty)
    }

    @Test func utf8WithBOMDropsTheBOM() throws {
        let (text, encoding) = try CSVFile.decode(Data([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)))
        #expect(encoding == .utf8WithBOM)
        #expect(csvScalars(text) == csvScalars(Self.sample))
        #expect(text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test func utf8WithBOMOnlyIsEmpty() throws {
        let (text, encoding) = try CSVFile.decode(Data([0xEF, 0xBB, 0xBF]))
        #expect(encoding == .utf8WithBOM)
        #expect(text.isEmpty)
    }

    @Test func invalidUTF8AfterBOMBecomesReplacementCharacter() throws {
        let (text, encoding) = try CSVFile.decode(Data([0xEF, 0xBB, 0xBF, 0x61, 0xFF, 0x62]))
        #expect(encoding == .utf8WithBOM)
        #expect(csvScalars(text) == ["a", "\u{FFFD}", "b"])
    }

    @Test func unicodeTextIsNotNormalised() throws {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        let (text, _) = try CSVFile.decode(Data(decomposed.utf8))
        #expect(csvScalars(text) == csvScalars(decomposed))
    }

    @Test(arguments: [false, true])
    func utf16WithBOM(bigEndian: Bool) throws {
        let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        let (text, encoding) = try CSVFile.decode(Data(bom + csvUTF16Bytes(Self.sample, bigEndian: bigEndian)))
        #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(csvScalars(text) == csvScalars(Self.sample))
    }

    @Test(arguments: [false, true])
    func utf16WithoutBOMFromZeroBytes(bigEndian: Bool) throws {
        let (text, encoding) = try CSVFile.decode(Data(csvUTF16Bytes(Self.sample, bigEndian: bigEndian)))
        #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(csvScalars(text) == csvScalars(Self.sample))
    }

    @Test(arguments: [false, true])
    func utf16WithoutBOMMostlyVietnamese(bigEndian: Bool) throws {
        // Few ASCII characters, and NFD marks U+0300 whose low byte is zero.
        let text = "Nguyễn Thị Ánh Tuyết;Hồ Chí Minh;Đồng Tháp;Hà Nội;Mỹ Tho\u{0300}\r\n"
        let (decoded, encoding) = try CSVFile.decode(Data(csvUTF16Bytes(text, bigEndian: bigEndian)))
        #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(csvScalars(decoded) == csvScalars(text))
    }

    @Test func utf16WithBOMRepairsUnpairedSurrogateAndOddByte() throws {
        // "a", a lone high surrogate, "b", then one stray byte.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0x63]
        let (text, encoding) = try CSVFile.decode(Data(bytes))
        #expect(encoding == .utf16LittleEndian)
        #expect(csvScalars(text) == ["a", "\u{FFFD}", "b", "\u{FFFD}"])
    }

    // MARK: Detection order

    @Test func validUTF8WinsOverWindows1258() throws {
        // C3 A1 is "á" in UTF-8 and "Ă¡" in Windows-1258.
        let (text, encoding) = try CSVFile.decode(Data([0x43, 0x68, 0xC3, 0xA1, 0x75]))
        #expect(encoding == .utf8)
        #expect(text == "Cháu")
    }

    @Test func invalidUTF8FallsBackToWindows1258() throws {
        let (text, encoding) = try CSVFile.decode(Data([0x43, 0x68, 0xE1, 0x75]))
        #expect(encoding == .windows1258)
        #expect(text == "Cháu")
    }

    @Test func utf8BOMWinsOverWindows1258Guess() throws {
        // After the BOM, "Ch" + "á" in UTF-8: must not be read as Windows-1258 "ï»¿ChĂ¡".
        let (text, encoding) = try CSVFile.decode(Data([0xEF, 0xBB, 0xBF, 0x43, 0x68, 0xC3, 0xA1]))
        #expect(encoding == .utf8WithBOM)
        #expect(text == "Chá")
    }

    @Test func utf16BOMWinsOverByteHeuristics() throws {
        // A little-endian BOM, then 00 61 00 62: the zero bytes alone say big-endian ("ab"), the BOM says
        // little-endian (U+6100 U+6200), and the BOM wins.
        let (text, encoding) = try CSVFile.decode(Data([0xFF, 0xFE, 0x00, 0x61, 0x00, 0x62]))
        #expect(encoding == .utf16LittleEndian)
        #expect(csvScalars(text) == ["\u{6100}", "\u{6200}"])
        let (same, sameEncoding) = try CSVFile.decode(Data([0x00, 0x61, 0x00, 0x62]))
        #expect(sameEncoding == .utf16BigEndian)
        #expect(same == "ab")
    }

    @Test func signatureCheckedBeforeAnythingElse() {
        // PK\x03\x04 followed by valid ASCII: still a ZIP.
        #expect(throws: TabularError(.notText)) {
            try CSVFile.decode(Data([0x50, 0x4B, 0x03, 0x04] + Array("a,b,c\r\n".utf8)))
        }
    }

    // MARK: Binary refusal

    @Test func refusesXLSX() {
        // A ZIP local file header as Excel writes it, naming [Content_Types].xml.
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]
        bytes += [0x62, 0xEE, 0x9D, 0x68, 0x5E, 0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00, 0x13, 0x00, 0x08, 0x02]
        bytes += Array("[Content_Types].xml".utf8)
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesPDFEvenWithoutNULs() {
        let bytes = Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A] + Array("1 0 obj\n<< /Type /Catalog >>\n".utf8)
        #expect(!bytes.contains(0))
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesLegacyExcelXLS() {
        let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 24)
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesPNG() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    /// Each signature alone refuses the file, even when what follows has no NUL and would otherwise be text.
    @Test(arguments: [
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08],
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Array("%PDF-1.4".utf8), [0x89, 0x50, 0x4E, 0x47],
        [0xFF, 0xD8, 0xFF, 0xE0], Array("GIF89a".utf8), [0x1F, 0x8B, 0x08], [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
        Array("Rar!\u{1A}\u{07}".utf8),
    ] as [[UInt8]])
    func refusesSignatureFollowedByText(signature: [UInt8]) {
        let bytes = signature + Array("Họ tên,Ngày sinh\r\n".utf8)
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func refusesRandomBytesWithNULs(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = 0x41  // no signature or BOM by chance
        bytes[100] = 0
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesTextWithOneNUL() {
        let bytes = Array("Họ tên,Ngày sinh\r\nA,".utf8) + [0] + Array("01/01/1970\r\n".utf8)
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesNULAfterUTF8BOM() {
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data([0xEF, 0xBB, 0xBF, 0x61, 0x00, 0x62])) }
    }

    @Test func refusesUTF16LookalikeThatIsNotValidUTF16() {
        // Zero high bytes as in UTF-16LE, but a lone low surrogate and no BOM.
        let bytes = csvUTF16Bytes("abc,def\r\n", bigEndian: false) + [0x00, 0xDC] + csvUTF16Bytes("xyz", bigEndian: false)
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    @Test func refusesUTF32() {
        // UTF-32LE with its BOM: starts like a UTF-16LE BOM but every other unit is U+0000.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x62, 0x00, 0x00, 0x00]
        #expect(throws: TabularError(.notText)) { try CSVFile.decode(Data(bytes)) }
    }

    // MARK: Size

    @Test func refusesMoreThanMaxBytes() throws {
        let data = Data(repeating: 0x61, count: 11)
        #expect(throws: TabularError(.tooLarge, limit: 10)) { try CSVFile.decode(data, maxBytes: 10) }
        #expect(try CSVFile.decode(data, maxBytes: 11).text == String(repeating: "a", count: 11))
    }

    @Test func defaultLimitIs256MB() {
        #expect(CSVFile.defaultMaxBytes == 256 * 1024 * 1024)
    }

    // MARK: Messages

    @Test func messagesNameTheLineVietnameseFirst() {
        let error = TabularError(.unterminatedQuote, line: 12)
        #expect(error.description == "Dòng 12: dấu ngoặc kép chưa đóng / Line 12: unterminated quote")
        #expect(error.vietnamese == "Dòng 12: dấu ngoặc kép chưa đóng")
        #expect(error.english == "Line 12: unterminated quote")
        #expect(TabularError(.tooManyColumns, line: 3, limit: 200).description
            == "Dòng 3: có hơn 200 cột / Line 3: more than 200 columns")
        #expect(TabularError(.tooLarge, limit: 256 << 20).description
            == "Tệp quá lớn (tối đa 256 MB) / The file is too large (at most 256 MB)")
        #expect(TabularError(.tooLarge, limit: 10).english == "The file is too large (at most 10 bytes)")
        #expect(TabularError(.notText).vietnamese.hasPrefix("Tệp không phải là tệp văn bản CSV"))
        #expect(TabularError(.notText).english.hasPrefix("The file is not a CSV text file"))
    }

    @Test func encodingNamesSaySo() {
        #expect(TextFileEncoding.windows1258.isLegacy)
        #expect(!TextFileEncoding.utf8WithBOM.isLegacy)
        #expect(TextFileEncoding.windows1258.vietnameseName.hasPrefix("Windows-1258"))
        #expect(TextFileEncoding(rawValue: "utf16LittleEndian") == .utf16LittleEndian)
    }
}
