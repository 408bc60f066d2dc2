import Foundation
import LamTheoSpreadsheet
import Testing

@Suite("XLSX write → read")
struct XLSXRoundTripTests {
    static let vietnamese = "Nguyễn Thị Ánh Tuyết – Đảng ủy phường Bến Thành"

    @Test("awkward values come back exactly, as text")
    func awkwardValues() throws {
        let header = ["Họ và tên", "Số thẻ", "Ghi chú", "Khác"]
        let rows: [[String]] = [
            [Self.vietnamese, "0012345", "12345678", "1234567890123456"],
            ["=SUM(A1)", "  leading", "trailing  ", "in  between"],
            ["<&>\"'", "line 1\nline 2", "tab\tinside", "cr\r\nlf"],
            ["", "empty before and after", "", ""],
            [],
            ["", "", "", ""],
            ["a", "", "c", ""],
            ["_x0041_ stays", "1E+20", "-0", "3.50"],
            ["control\u{01}char\u{1F}s", "\u{FFFE}x", "]]>", "😀 emoji"],
        ]
        let data = try XLSXWriter.write([.init(name: "Danh sách", header: header, rows: rows)])
        let sheet = try XLSXReader.read(data)
        #expect(sheet.name == "Danh sách")
        let expected: [[String]] = [
            header,
            [Self.vietnamese, "0012345", "12345678", "1234567890123456"],
            ["=SUM(A1)", "  leading", "trailing  ", "in  between"],
            ["<&>\"'", "line 1\nline 2", "tab\tinside", "cr\r\nlf"],
            ["", "empty before and after"],
            [],
            [],
            ["a", "", "c"],
            ["_x0041_ stays", "1E+20", "-0", "3.50"],
            ["controlchars", "x", "]]>", "😀 emoji"],
        ]
        #expect(sheet.rows == expected)
        // String's == ignores normalisation: compare the scalars so an NFC value is known to stay NFC.
        #expect(sheet.rows[1][0].xlsxScalars == Self.vietnamese.xlsxScalars)
        #expect(sheet.rows[0][0].xlsxScalars == "Họ và tên".xlsxScalars)
    }

    @Test("NFD text is written and read as it is, not normalised")
    func decomposedText() throws {
        let decomposed = "Nguye\u{302}\u{303}n"
        let data = try XLSXWriter.write([.init(name: "S", header: ["x"], rows: [[decomposed]])])
        let sheet = try XLSXReader.read(data)
        #expect(sheet.rows[1][0].xlsxScalars == decomposed.xlsxScalars)
    }

    @Test("several sheets: names in order, each read by name ignoring case, the first by default")
    func severalSheets() throws {
        let sheets: [XLSXWriter.Sheet] = [
            .init(name: "Tổ chức đảng", header: ["Mã", "Tên"], rows: [["PA-1", "Chi bộ 1"]]),
            .init(name: "Đảng viên của Đảng bộ phường Bến Thành năm 2025", header: ["Số thẻ"], rows: [["0012345"]]),
            .init(name: "Chi bộ 1/2", header: [], rows: [["no header"]]),
        ]
        let data = try XLSXWriter.write(sheets)
        let names = try XLSXReader.sheetNames(in: data)
        #expect(names == ["Tổ chức đảng", "Đảng viên của Đảng bộ phường Bế", "Chi bộ 1-2"])
        #expect(names[1].utf16.count == 31)

        #expect(try XLSXReader.read(data).rows == [["Mã", "Tên"], ["PA-1", "Chi bộ 1"]])
        let members = try XLSXReader.read(data, sheet: "ĐẢNG VIÊN CỦA ĐẢNG BỘ PHƯỜNG BẾ")
        #expect(members.name == names[1])
        #expect(members.rows == [["Số thẻ"], ["0012345"]])
        #expect(try XLSXReader.read(data, sheet: "chi bộ 1-2").rows == [["no header"]])
    }

    @Test("reads and writes on several threads at once")
    func concurrent() async throws {
        let results = try await withThrowingTaskGroup(of: [[String]].self) { group in
            for index in 0..<8 {
                group.addTask {
                    let rows = (0..<2_000).map { ["\(index)", "Hàng \($0)", String(repeating: "x", count: $0 % 50)] }
                    let data = try XLSXWriter.write([.init(name: "S\(index)", header: ["a", "b", "c"], rows: rows)])
                    return try XLSXReader.read(data).rows
                }
            }
            var all: [[[String]]] = []
            for try await rows in group { all.append(rows) }
            return all
        }
        #expect(results.count == 8)
        for rows in results {
            #expect(rows.count == 2_001)
            #expect(rows[2_000][1] == "Hàng 1999")
        }
    }

    @Test("a sheet whose XML is over 10 MB reads completely, deflated or stored (libxml2's late 'huge input' error is no failure)")
    func largeSheet() throws {
        let rows = (0..<60_000).map { index in
            ["\(index)", "Nguyễn Văn \(index)", "0\(index)", "Chi bộ khu phố \(index % 97)", "ghi chú \(index)"]
        }
        let data = try XLSXWriter.write([.init(name: "Lớn", header: ["A", "B", "C", "D", "E"], rows: rows)])
        let sizes = try XLSXTestZip.declaredSizes(of: "xl/worksheets/sheet1.xml", in: data)
        #expect(sizes.uncompressed > 10_000_000)
        let sheet = try XLSXReader.read(data)
        #expect(sheet.rows.count == 60_001)
        #expect(sheet.rows[60_000] == ["59999", "Nguyễn Văn 59999", "059999", "Chi bộ khu phố \(59_999 % 97)", "ghi chú 59999"])
        // Stored (uncompressed) entries are parsed from memory rather than streamed: there libxml2 does report it.
        let stored = try XLSXTestZip.rezipped(data, compression: .none)
        #expect(try XLSXReader.read(stored) == sheet)
    }
}
