import Foundation
import LamTheoCore
import Testing

@Suite("CSVFile.write")
struct CSVWriteTests {
    static func written(_ rows: [[String]], delimiter: Character = ",") -> String {
        let data = CSVFile.write(rows, delimiter: delimiter)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        return String(decoding: data.dropFirst(3), as: UTF8.self)
    }

    @Test func bomCRLFAndComma() {
        let data = CSVFile.write([["a", "b"], ["c", "d"]])
        #expect(Array(data) == [0xEF, 0xBB, 0xBF] + Array("a,b\r\nc,d\r\n".utf8))
    }

    @Test func vietnameseIsWrittenAsUTF8Unquoted() {
        #expect(Self.written([["Nguyễn Thị Ánh Tuyết", "Đảng ủy"]]) == "Nguyễn Thị Ánh Tuyết,Đảng ủy\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("0012345", "0012345"),
        ("x,y", "\"x,y\""),
        ("x;y", "\"x;y\""),
        ("x\ty", "\"x\ty\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("a\nb", "\"a\nb\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("a\rb", "\"a\rb\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("\u{00A0}nbsp", "\"\u{00A0}nbsp\""),
        ("nbsp\u{3000}", "\"nbsp\u{3000}\""),
        ("\u{FEFF}bom", "\"\u{FEFF}bom\""),
        ("in side", "in side"),
        ("=SUM(A1)", "\"'=SUM(A1)\""),
        ("+84912345678", "\"'+84912345678\""),
        ("-5", "\"'-5\""),
        ("@cmd", "\"'@cmd\""),
        ("'=x", "\"''=x\""),
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("Hồ Chí Minh", "Hồ Chí Minh"),
    ])
    func quoting(value: String, expected: String) {
        #expect(csvScalars(Self.written([[value, "z"]])) == csvScalars(expected + ",z\r\n"))
    }

    @Test func formulaLikeValuesAreNeutralizedAndReadBack() throws {
        let rows = [["=SUM(A1)", "+1", "-1", "@x", "=1+2", "\tx", "\rx", "'-1", "''=1", "'", "it's"]]
        let written = Self.written(rows)
        #expect(written == "\"'=SUM(A1)\",\"'+1\",\"'-1\",\"'@x\",\"'=1+2\",\"'\tx\",\"'\rx\",\"''-1\",\"'''=1\",',it's\r\n")
        #expect(try CSVFile.parse(CSVFile.decode(CSVFile.write(rows)).text) == rows)
        // Written raw when asked, and read raw when asked.
        #expect(Self.rawWritten(rows).hasPrefix("\"=SUM(A1)\",\"+1\",\"-1\""))
        #expect(try CSVFile.parse("'-5,'=x\r\n", restoringFormulas: false) == [["'-5", "'=x"]])
        #expect(try CSVFile.parse("'-5,'=x,'x\r\n") == [["-5", "=x", "'x"]])
    }

    static func rawWritten(_ rows: [[String]]) -> String {
        String(decoding: CSVFile.write(rows, neutralizingFormulas: false).dropFirst(3), as: UTF8.self)
    }

    @Test func emptyValues() {
        #expect(Self.written([["", "", ""]]) == ",,\r\n")
        #expect(Self.written([["a", ""]]) == "a,\r\n")
        // One empty field alone would be an empty line, which parse skips.
        #expect(Self.written([[""]]) == "\"\"\r\n")
        #expect(Self.written([]).isEmpty)
    }

    @Test func recordWithNoFieldsIsLost() throws {
        let data = CSVFile.write([["a"], [], ["b"]])
        #expect(try CSVFile.parse(CSVFile.decode(data).text) == [["a"], ["b"]])
    }

    @Test func semicolonDelimiter() {
        #expect(Self.written([["Tỷ lệ", "94,5%"], ["a;b", "c"]], delimiter: ";") == "Tỷ lệ;\"94,5%\"\r\n\"a;b\";c\r\n")
    }

    @Test(arguments: [",", ";", "\t"] as [Character])
    func awkwardValuesRoundTrip(delimiter: Character) throws {
        let rows: [[String]] = [
            ["Họ và tên", "Ghi chú", "Số"],
            ["Lê Lợi, Phường Sài Gòn", "say \"hi\"", "0012345"],
            ["dòng một\r\ndòng hai", "a\nb", "c\rd"],
            [" đầu", "cuối ", " "],
            ["=SUM(A1)", "-5", "+84 912 345 678"],
            ["", "", ""],
            [""],
            ["Nguye\u{0302}\u{0303}n (NFD)", "Nguyễn (NFC)", "😀👨‍👩‍👧"],
            ["\"", "\"\"", "\",\""],
            ["a;b", "c\td", "94,5"],
            ["ragged"],
            ["\u{FEFF}", "@", "="],
        ]
        let data = CSVFile.write(rows, delimiter: delimiter)
        let (text, encoding) = try CSVFile.decode(data)
        #expect(encoding == .utf8WithBOM)
        #expect(CSVFile.detectDelimiter(in: text) == delimiter)
        #expect(csvScalars(try CSVFile.parse(text)) == csvScalars(rows))
    }

    @Test func firstRowThatLooksLikeAnotherDelimiterStillRoundTrips() throws {
        // A single-column first row full of semicolons and tabs must not make detection pick them.
        let rows = [["a;b;c\td"], ["x", "y"]]
        let (text, _) = try CSVFile.decode(CSVFile.write(rows))
        #expect(try CSVFile.parse(text) == rows)
    }
}
