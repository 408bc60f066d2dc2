import Foundation
import LamTheoSpreadsheet
import Testing
import ZIPFoundation

@Suite("XLSX reading of hand-built files")
struct XLSXReaderTests {
    @Test("shared strings, inline strings, numbers, booleans, dates, a cell without r, a sparse row")
    func cellKinds() throws {
        let sheetData = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Trần Thị Bích</t></is></c>\
            <c r="C1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2"><v>12345678</v></c><c r="B2"><v>3.5</v></c><c r="C2"><v>1E+20</v></c>\
            <c r="D2"><v>1.2345678E7</v></c><c r="E2"><v>12345678.0</v></c><c r="F2"><v>0.30000000000000004</v></c>\
            <c r="G2"><v>-0.25</v></c><c r="H2"><v>123456789012</v></c><c r="I2"><v>1.5E-10</v></c></row>\
            <row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c></row>\
            <row r="4"><c r="A4" s="1"><v>45064</v></c><c r="B4" s="2"><v>45064</v></c><c r="C4" s="3"><v>0.5</v></c>\
            <c r="D4" s="4"><v>45064</v></c><c r="E4" s="5"><v>1.5</v></c><c r="F4" s="6"><v>45064.75</v></c>\
            <c r="G4" s="1"><v>60</v></c><c r="H4" s="1"><v>1</v></c></row>\
            <row r="5"><c><v>1</v></c><c t="inlineStr"><is><t>no r</t></is></c><c r="E5"><v>5</v></c><c><v>6</v></c></row>\
            <row r="6"><c r="A6" t="inlineStr"><is><t>A</t></is></c><c r="D6" t="inlineStr"><is><t>D</t></is></c></row>
            """
        let data = try XLSXTestZip.make(XLSXTestParts.package(
            sheets: [("Sheet1", sheetData)],
            sharedStrings: ["<t>Số thẻ đảng viên</t>", "<r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space=\"preserve\">text </t></r>"]))
        let sheet = try XLSXReader.read(data)
        #expect(sheet.name == "Sheet1")
        #expect(sheet.rows == [
            ["Số thẻ đảng viên", "Trần Thị Bích", "Rich text "],
            ["12345678", "3.5", "1E+20", "12345678", "12345678", "0.3", "-0.25", "123456789012", "1.5E-10"],
            ["TRUE", "FALSE"],
            ["2023-05-18", "2023-05-18", "12:00:00", "45064", "36:00:00", "2023-05-18", "1900-02-29", "1900-01-01"],
            ["1", "no r", "", "", "5", "6"],
            ["A", "", "", "D"],
        ])
    }

    @Test("escapes, phonetic runs, formulas, errors, ISO dates, gaps between rows, trailing empty cells and rows")
    func otherCells() throws {
        let sheetData = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><f>A1&amp;"!"</f><v>Kết quả</v></c>\
            <c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>SUM(1,2)</f></c><c r="E1" t="d"><v>2024-02-29T00:00:00</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>x_x000D__x000A_y</t></is></c><c r="B3" t="s"><v>1</v></c>\
            <c r="C3" s="1"/><c r="D3" t="inlineStr"><is><t></t></is></c></row>\
            <row r="4"><c r="A4" s="1"/></row><row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>
            """
        let data = try XLSXTestZip.make(XLSXTestParts.package(
            sheets: [("Trang 1", sheetData)],
            sharedStrings: ["<t>_x005F_x0041_ là chữ</t>", "<r><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>とうきょう</t></rPh>"]))
        let sheet = try XLSXReader.read(data)
        #expect(sheet.rows == [
            ["_x0041_ là chữ", "Kết quả", "#DIV/0!", "", "2024-02-29"],
            [],
            ["x\r\ny", "東京"],
        ])
    }

    @Test("the 1904 date system")
    func date1904() throws {
        let data = try XLSXTestZip.make(XLSXTestParts.package(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43602</v></c></row>")], date1904: true))
        #expect(try XLSXReader.read(data).rows == [["2023-05-18"]])
    }

    @Test("prefixed elements (x:row), stored entries, an absolute relationship target and a chart sheet first")
    func unusualPackages() throws {
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:workbook xmlns:x="\(XLSXTestParts.main)" xmlns:r="\(XLSXTestParts.relationships)"><x:sheets>\
            <x:sheet name="Biểu đồ" sheetId="1" r:id="rId9"/><x:sheet name="Dữ liệu" sheetId="2" r:id="rId7"/>\
            </x:sheets></x:workbook>
            """
        let relationships = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>\
            <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/data/my%20sheet.xml"/>\
            </Relationships>
            """
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:worksheet xmlns:x="\(XLSXTestParts.main)"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr">\
            <x:is><x:t>ô B1</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """
        let parts: [(String, String)] = [
            ("[Content_Types].xml", XLSXTestParts.contentTypes),
            ("_rels/.rels", XLSXTestParts.packageRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", relationships),
            ("xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"\(XLSXTestParts.main)\"/>"),
            ("xl/data/my sheet.xml", sheet),
        ]
        let data = try XLSXTestZip.make(parts, compression: .none)
        #expect(try XLSXReader.sheetNames(in: data) == ["Biểu đồ", "Dữ liệu"])
        let first = try XLSXReader.read(data)
        #expect(first.name == "Dữ liệu")
        #expect(first.rows == [["", "ô B1"]])
        #expect(try XLSXReader.read(data, sheet: "biểu đồ").rows == [])
    }

    @Test("sheet names in workbook order, not in the order of their parts")
    func sheetOrder() throws {
        var parts = XLSXTestParts.package(sheets: [("Một", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
                                                   ("Hai", "<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>"),
                                                   ("Ba", "<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")])
        parts.reverse()
        let data = try XLSXTestZip.make(parts)
        #expect(try XLSXReader.sheetNames(in: data) == ["Một", "Hai", "Ba"])
        #expect(try XLSXReader.read(data, sheet: "hai").rows == [["2"]])
        #expect(try XLSXReader.read(data, sheet: "BA").rows == [["3"]])
        #expect(try XLSXReader.read(data).rows == [["1"]])
    }
}
