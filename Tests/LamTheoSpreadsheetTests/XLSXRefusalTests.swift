import Foundation
import LamTheoSpreadsheet
import Testing

@Suite("XLSX files the reader refuses")
struct XLSXRefusalTests {
    static func simpleWorkbook() throws -> Data {
        try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]))
    }

    @Test("random bytes, an empty file and a CSV are not spreadsheets")
    func notASpreadsheet() {
        var bytes = Data((0..<4096).map { _ in UInt8.random(in: 0...255) })
        bytes[0] = 0x42 // never "PK" or an OLE signature
        #expect(xlsxReason { _ = try XLSXReader.read(bytes) } == .notASpreadsheet)
        #expect(xlsxReason { _ = try XLSXReader.read(Data()) } == .notASpreadsheet)
        #expect(xlsxReason { _ = try XLSXReader.sheetNames(in: Data("Họ tên,Số thẻ\nA,1\n".utf8)) } == .notASpreadsheet)
    }

    @Test("an OLE compound file (password-protected XLSX or old .xls) is encrypted")
    func encrypted() {
        var bytes = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        bytes.append(Data(count: 1024))
        #expect(xlsxReason { _ = try XLSXReader.read(bytes) } == .encrypted)
        #expect(xlsxReason { _ = try XLSXReader.sheetNames(in: bytes) } == .encrypted)
        let error = SpreadsheetError(.encrypted)
        #expect(error.description == "Tệp được đặt mật khẩu hoặc là tệp .xls cũ: hãy lưu lại thành .xlsx không mật khẩu / "
            + "The file is password-protected or an old .xls: save it as .xlsx without a password")
    }

    @Test("a ZIP without xl/workbook.xml, a truncated ZIP, and XML that does not parse are corrupt")
    func corrupt() throws {
        let noWorkbook = try XLSXTestZip.make([("[Content_Types].xml", XLSXTestParts.contentTypes),
                                               ("xl/worksheets/sheet1.xml", XLSXTestParts.sheet(""))])
        #expect(xlsxReason { _ = try XLSXReader.read(noWorkbook) } == .corrupt)
        #expect(xlsxReason { _ = try XLSXReader.sheetNames(in: noWorkbook) } == .corrupt)

        let whole = try Self.simpleWorkbook()
        #expect(xlsxReason { _ = try XLSXReader.read(whole.prefix(whole.count / 2)) } == .corrupt)

        let malformed = try XLSXTestZip.make(XLSXTestParts.package(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></row></c>")]))
        #expect(xlsxReason { _ = try XLSXReader.read(malformed) } == .corrupt)

        var truncatedParts = XLSXTestParts.package(sheets: [("S", "")])
        truncatedParts[truncatedParts.count - 1].1 = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(XLSXTestParts.main)\"><sheetData><row r=\"1\">"
        let truncated = try XLSXTestZip.make(truncatedParts)
        #expect(xlsxReason { _ = try XLSXReader.read(truncated) } == .corrupt)

        let badWorkbook = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S&", "")]))
        #expect(xlsxReason { _ = try XLSXReader.sheetNames(in: badWorkbook) } == .corrupt)

        let badIndex = try XLSXTestZip.make(XLSXTestParts.package(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>")], sharedStrings: ["<t>only one</t>"]))
        #expect(xlsxReason { _ = try XLSXReader.read(badIndex) } == .corrupt)
    }

    @Test("a Word document is not a spreadsheet")
    func wordDocument() throws {
        let docx = try XLSXTestZip.make([("[Content_Types].xml", XLSXTestParts.contentTypes),
                                         ("word/document.xml", "<document/>")])
        #expect(xlsxReason { _ = try XLSXReader.read(docx) } == .notASpreadsheet)
    }

    @Test("an entry declaring a huge uncompressed size is too large before anything is inflated")
    func declaredHuge() throws {
        let data = try XLSXTestZip.declaring("xl/worksheets/sheet1.xml", in: try Self.simpleWorkbook(),
                                             uncompressedSize: 0xF000_0000)
        #expect(xlsxReason { _ = try XLSXReader.read(data) } == .tooLarge)
        // The workbook itself is fine: its names can still be listed.
        #expect(try XLSXReader.sheetNames(in: data) == ["S"])
    }

    @Test("50 MB of zeros: over a small limit, and over 100:1 with the default limit")
    func zipBomb() throws {
        var parts = XLSXTestParts.package(sheets: [("S", "")]).map { ($0.0, Data($0.1.utf8)) }
        parts[parts.count - 1].1 = Data(count: 50_000_000)
        let data = try XLSXTestZip.make(parts)
        #expect(data.count < 1_000_000)
        #expect(xlsxReason { _ = try XLSXReader.read(data, maxUncompressedBytes: 10_000_000) } == .tooLarge)
        #expect(xlsxReason { _ = try XLSXReader.read(data) } == .tooLarge)
    }

    @Test("inflating stops when an entry gives more bytes than it declares")
    func moreThanDeclared() throws {
        let rows = (1...5_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7919 % 100_003)</v></c></row>" }.joined()
        let original = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", rows)]))
        #expect(try XLSXReader.read(original).rows.count == 5_000)
        let sizes = try XLSXTestZip.declaredSizes(of: "xl/worksheets/sheet1.xml", in: original)
        // Declare a third of the real size: still a sane ratio, so only the running count can catch it.
        let lying = try XLSXTestZip.declaring("xl/worksheets/sheet1.xml", in: original,
                                              uncompressedSize: sizes.uncompressed / 3)
        #expect(xlsxReason { _ = try XLSXReader.read(lying) } == .tooLarge)
    }

    @Test("a deflate stream that does not end within its declared compressed size is corrupt (and does not hang)")
    func truncatedStream() throws {
        let rows = (1...5_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7919 % 100_003)</v></c></row>" }.joined()
        let original = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", rows)]))
        let sizes = try XLSXTestZip.declaredSizes(of: "xl/worksheets/sheet1.xml", in: original)
        let short = try XLSXTestZip.declaring("xl/worksheets/sheet1.xml", in: original,
                                              compressedSize: sizes.compressed / 2)
        #expect(xlsxReason { _ = try XLSXReader.read(short) } == .corrupt)

        // The same with a stream inflated in several pieces (over 256 KiB compressed).
        var generator = XLSXTestRandom(seed: 42)
        let noisy = (1...40_000).map { row in
            "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(generator.next() % 1_000_000_007)</v></c></row>"
        }.joined()
        let big = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", noisy)]))
        let bigSizes = try XLSXTestZip.declaredSizes(of: "xl/worksheets/sheet1.xml", in: big)
        #expect(bigSizes.compressed > 300_000) // two pieces of at most 256 KiB
        #expect(try XLSXReader.read(big).rows.count == 40_000)
        let bigShort = try XLSXTestZip.declaring("xl/worksheets/sheet1.xml", in: big,
                                                 compressedSize: bigSizes.compressed * 3 / 4)
        #expect(xlsxReason { _ = try XLSXReader.read(bigShort) } == .corrupt)
    }

    @Test("a changed byte in a stored entry fails its CRC")
    func badChecksum() throws {
        let data = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]),
                                        compression: .none)
        var bytes = [UInt8](data)
        let marker = Array("<v>1</v>".utf8)
        let index = try #require((0..<(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        bytes[index + 3] = UInt8(ascii: "2")
        #expect(xlsxReason { _ = try XLSXReader.read(Data(bytes)) } == .corrupt)
    }

    @Test("a missing sheet name is sheetNotFound, naming it")
    func missingSheet() throws {
        let data = try XLSXWriter.write([.init(name: "Đảng viên", header: ["A"], rows: [])])
        do {
            _ = try XLSXReader.read(data, sheet: "Tổ chức")
            Issue.record("expected sheetNotFound")
        } catch let error as SpreadsheetError {
            #expect(error.reason == .sheetNotFound)
            #expect(error.detail == "Tổ chức")
            #expect(error.vietnamese.contains("Tổ chức"))
            #expect(error.english.contains("Tổ chức"))
            #expect(error.description == error.vietnamese + " / " + error.english)
        }
        #expect(try XLSXReader.read(data, sheet: " đảng VIÊN ").name == "Đảng viên")
    }

    @Test("more cells than the limit allows (one value far to the right in every row) is too large")
    func cellBudget() throws {
        let rows = (1...200).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let data = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", rows)]))
        #expect(xlsxReason { _ = try XLSXReader.read(data, maxUncompressedBytes: 1_000_000) } == .tooLarge)
        // 50 rows × 16,384 cells fit under the 1,000,000-cell floor.
        let fewerRows = (1...50).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let fewer = try XLSXTestZip.make(XLSXTestParts.package(sheets: [("S", fewerRows)]))
        let sheet = try XLSXReader.read(fewer, maxUncompressedBytes: 1_000_000)
        #expect(sheet.rows.count == 50)
        #expect(sheet.rows[49].count == 16_384)
        #expect(sheet.rows[49].last == "1")
    }
}
