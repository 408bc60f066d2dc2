import Foundation
import LamTheoSpreadsheet
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("XLSX writing")
struct XLSXWriterTests {
    static let sheet = XLSXWriter.Sheet(
        name: "Bob's & Co",
        header: ["Số thẻ", "Họ và tên", "Ghi chú"],
        rows: [["0012345", "Nguyễn Văn An", "dòng 1\ndòng 2"], ["", "=1+1", ""]])

    @Test("the package has every part Excel expects, each well-formed XML")
    func parts() throws {
        let data = try XLSXWriter.write([Self.sheet, .init(name: "Hai", header: [], rows: [])])
        let paths = try XLSXTestZip.paths(in: data)
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
                          "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        for path in paths {
            let parser = XMLParser(data: Data(try XLSXTestZip.text(of: path, in: data).utf8))
            #expect(parser.parse(), "\(path) is well-formed")
        }
        let types = try XLSXTestZip.text(of: "[Content_Types].xml", in: data)
        #expect(types.contains("PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\""))
        #expect(types.contains("spreadsheetml.sheet.main+xml"))
        #expect(types.contains("spreadsheetml.styles+xml"))
    }

    @Test("text cells with the Text format, a bold frozen header with an autofilter, no 'number stored as text'")
    func sheetMarkup() throws {
        let data = try XLSXWriter.write([Self.sheet])
        let xml = try XLSXTestZip.text(of: "xl/worksheets/sheet1.xml", in: data)
        #expect(xml.contains("<c r=\"A1\" s=\"2\" t=\"inlineStr\"><is><t>Số thẻ</t></is></c>"))
        #expect(xml.contains("<c r=\"A2\" s=\"1\" t=\"inlineStr\"><is><t>0012345</t></is></c>"))
        #expect(xml.contains("<c r=\"C2\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">dòng 1\ndòng 2</t></is></c>"))
        #expect(xml.contains("<row r=\"3\"><c r=\"B3\" s=\"1\" t=\"inlineStr\"><is><t>=1+1</t></is></c></row>"))
        #expect(!xml.contains("<v>"))
        #expect(!xml.contains("<f>"))
        #expect(xml.contains("<dimension ref=\"A1:C3\"/>"))
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<autoFilter ref=\"A1:C3\"/>"))
        #expect(xml.contains("<ignoredErrors><ignoredError sqref=\"A1:C1048576\" numberStoredAsText=\"1\"/></ignoredErrors>"))
        #expect(xml.contains("style=\"1\" customWidth=\"1\"/>"))
        // Element order of CT_Worksheet.
        let order = ["<dimension", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData", "<autoFilter", "<pageMargins", "<ignoredErrors"]
        let positions = order.compactMap { xml.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())

        let styles = try XLSXTestZip.text(of: "xl/styles.xml", in: data)
        #expect(styles.contains("<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"))
        #expect(styles.contains("<font><b/>"))
        #expect(styles.contains("<alignment wrapText=\"1\"/>"))

        let workbook = try XLSXTestZip.text(of: "xl/workbook.xml", in: data)
        #expect(workbook.contains("<sheet name=\"Bob's &amp; Co\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'Bob''s &amp; Co'!$A$1:$C$3</definedName>"))
        #expect(try XLSXReader.sheetNames(in: data) == ["Bob's & Co"])
    }

    @Test("a sheet without a header has no frozen pane and no filter")
    func noHeader() throws {
        let data = try XLSXWriter.write([.init(name: "S", header: [], rows: [["a", "b"]])])
        let xml = try XLSXTestZip.text(of: "xl/worksheets/sheet1.xml", in: data)
        #expect(!xml.contains("<pane"))
        #expect(!xml.contains("<autoFilter"))
        #expect(xml.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>a</t></is></c>"))
        #expect(!(try XLSXTestZip.text(of: "xl/workbook.xml", in: data)).contains("definedName"))
        #expect(try XLSXReader.read(data).rows == [["a", "b"]])
    }

    @Test("column widths: given ones, else from the longest line, between 8 and 60")
    func columnWidths() throws {
        let long = String(repeating: "dài ", count: 30)
        let computed = try XLSXWriter.write([.init(name: "S", header: ["Mã", "Họ và tên đầy đủ"],
                                                    rows: [["1", "Ng"], [long, "x\nmột dòng dài"]])])
        let xml = try XLSXTestZip.text(of: "xl/worksheets/sheet1.xml", in: computed)
        #expect(xml.contains("<col min=\"1\" max=\"1\" width=\"60\" style=\"1\" customWidth=\"1\"/>"))
        // "Họ và tên đầy đủ" is 16 characters, +2 for the filter button, +2.
        #expect(xml.contains("<col min=\"2\" max=\"2\" width=\"20\" style=\"1\" customWidth=\"1\"/>"))

        let given = try XLSXWriter.write([.init(name: "S", header: ["a", "b", "c"], rows: [], columnWidths: [12.5, 0])])
        let givenXML = try XLSXTestZip.text(of: "xl/worksheets/sheet1.xml", in: given)
        #expect(givenXML.contains("<col min=\"1\" max=\"1\" width=\"12.5\""))
        #expect(givenXML.contains("<col min=\"2\" max=\"2\" width=\"8\""))
        #expect(givenXML.contains("<col min=\"3\" max=\"3\" width=\"8\""))
    }

    @Test("sheet names are made acceptable to Excel")
    func sheetNames() {
        let names = XLSXWriter.sanitizedSheetNames([
            "Chi bộ [1]: A/B*?\\", "", "'Trích dẫn'", String(repeating: "Đảng viên ", count: 5), "history",
            "DẢNG", "dảng", "Sheet2", "  ", "tab\tname",
        ])
        #expect(names == [
            "Chi bộ -1-- A-B---", "Sheet2", "Trích dẫn", "Đảng viên Đảng viên Đảng viên Đ", "history (2)",
            "DẢNG", "dảng (2)", "Sheet2 (2)", "Sheet9", "tabname",
        ])
        for name in names { #expect(name.utf16.count <= 31) }
        let long = XLSXWriter.sanitizedSheetNames(Array(repeating: String(repeating: "x", count: 40), count: 3))
        #expect(long == [String(repeating: "x", count: 31), String(repeating: "x", count: 27) + " (2)",
                         String(repeating: "x", count: 27) + " (3)"])
    }

    @Test("no sheets gives one empty sheet; more rows than Excel holds is too large")
    func limits() throws {
        let empty = try XLSXWriter.write([])
        #expect(try XLSXReader.sheetNames(in: empty) == ["Sheet1"])
        #expect(try XLSXReader.read(empty).rows == [])

        let tooMany = XLSXWriter.Sheet(name: "S", header: ["a"], rows: Array(repeating: ["x"], count: XLSXWriter.maximumRows))
        #expect(xlsxReason { _ = try XLSXWriter.write([tooMany]) } == .tooLarge)
        let tooWide = XLSXWriter.Sheet(name: "S", header: Array(repeating: "h", count: XLSXWriter.maximumColumns + 1), rows: [])
        #expect(xlsxReason { _ = try XLSXWriter.write([tooWide]) } == .tooLarge)
    }

    @Test("a value longer than 32,767 characters is cut there")
    func longCell() throws {
        let value = String(repeating: "ă", count: 40_000)
        let data = try XLSXWriter.write([.init(name: "S", header: ["x"], rows: [[value]])])
        #expect(try XLSXReader.read(data).rows[1][0] == String(repeating: "ă", count: 32_767))
    }
}
