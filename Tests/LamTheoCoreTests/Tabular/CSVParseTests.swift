import Foundation
import LamTheoCore
import Testing

@Suite("CSVFile.parse")
struct CSVParseTests {
    @Test func simpleRows() throws {
        #expect(try CSVFile.parse("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func emptyTextHasNoRows() throws {
        #expect(try CSVFile.parse("").isEmpty)
        #expect(try CSVFile.parse("\r\n\n\r").isEmpty)
    }

    @Test func quotedFieldsHoldDelimitersAndEscapedQuotes() throws {
        let text = "\"Lê Lợi, Phường Sài Gòn\",\"Anh \"\"Ba\"\" Nguyễn\",\"\"\"\""
        #expect(try CSVFile.parse(text) == [["Lê Lợi, Phường Sài Gòn", #"Anh "Ba" Nguyễn"#, "\""]])
    }

    @Test func quotedEmptyField() throws {
        #expect(try CSVFile.parse("\"\"\n\"\",x\n") == [[""], ["", "x"]])
    }

    @Test func embeddedLineEndsAreKeptAsInTheFile() throws {
        let text = "id,note\r\n1,\"dòng một\r\ndòng hai\ndòng ba\rdòng bốn\"\r\n2,x\r\n"
        let rows = try CSVFile.parse(text)
        #expect(csvScalars(rows) == csvScalars([["id", "note"], ["1", "dòng một\r\ndòng hai\ndòng ba\rdòng bốn"], ["2", "x"]]))
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineEnds(end: String) throws {
        let text = ["a,b", "c,d", "e,f"].joined(separator: end) + end
        #expect(try CSVFile.parse(text) == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func finalLineWithoutLineEnd() throws {
        #expect(try CSVFile.parse("a,b\r\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try CSVFile.parse("a,b\r\n\"c\",\"d\"") == [["a", "b"], ["c", "d"]])
    }

    @Test func emptyLinesAreSkippedButLinesOfDelimitersAreNot() throws {
        let text = "\r\n\na,b\r\n\r\n\r\n,\r\n \r\nc,d\n\n"
        #expect(try CSVFile.parse(text) == [["a", "b"], ["", ""], [" "], ["c", "d"]])
    }

    @Test func trailingEmptyFieldsAreKept() throws {
        #expect(try CSVFile.parse("a,b,\r\n,,\r\nc,,") == [["a", "b", ""], ["", "", ""], ["c", "", ""]])
    }

    @Test func raggedRowsAreKeptAsTheyAre() throws {
        #expect(try CSVFile.parse("a,b,c\n1\n1,2,3,4,5\n\"x\"") == [["a", "b", "c"], ["1"], ["1", "2", "3", "4", "5"], ["x"]])
    }

    @Test func spacesAreNeverTrimmed() throws {
        #expect(try CSVFile.parse(" a , b ,\" c \"") == [[" a ", " b ", " c "]])
    }

    @Test func lenientQuotes() throws {
        // A quote inside an unquoted field is a character; text after a closing quote is kept.
        #expect(try CSVFile.parse(#"màn hình 15", 5"x"#) == [[#"màn hình 15""#, #" 5"x"#]])
        #expect(try CSVFile.parse(#""ab"cd,"e""f"g"#) == [["abcd", #"e"fg"#]])
        #expect(try CSVFile.parse(#" "a",b"#) == [[#" "a""#, "b"]])
    }

    @Test func semicolonFileWithDecimalCommas() throws {
        let text = "Đơn vị;Số đảng viên;Tỷ lệ\r\nChi bộ 1;245.200;94,5%\r\nChi bộ 2;12;100,0%\r\n"
        let rows = try CSVFile.parse(text)
        #expect(rows == [["Đơn vị", "Số đảng viên", "Tỷ lệ"], ["Chi bộ 1", "245.200", "94,5%"], ["Chi bộ 2", "12", "100,0%"]])
    }

    @Test func tabFile() throws {
        let text = "Họ\tTên\tĐịa chỉ\nNguyễn\tAn\t12 Lê Lợi, Phường Sài Gòn\n"
        #expect(try CSVFile.parse(text) == [["Họ", "Tên", "Địa chỉ"], ["Nguyễn", "An", "12 Lê Lợi, Phường Sài Gòn"]])
    }

    @Test func givenDelimiterOverridesDetection() throws {
        #expect(try CSVFile.parse("a;b,c\n", delimiter: ",") == [["a;b", "c"]])
        #expect(try CSVFile.parse("a;b,c\n", delimiter: ";") == [["a", "b,c"]])
        #expect(try CSVFile.parse("a|b\n", delimiter: "|") == [["a", "b"]])
    }

    @Test func bomIsHandledByDecode() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("Họ;Tên\r\nLê;Lan\r\n".utf8)
        let (text, encoding) = try CSVFile.decode(Data(bytes))
        #expect(encoding == .utf8WithBOM)
        #expect(try CSVFile.parse(text) == [["Họ", "Tên"], ["Lê", "Lan"]])
    }

    @Test func bomLeftInTheTextIsIgnored() throws {
        let rows = try CSVFile.parse("\u{FEFF}Họ,Tên\r\n")
        #expect(csvScalars(rows) == csvScalars([["Họ", "Tên"]]))
    }

    @Test func vietnameseAndOtherMultiByteText() throws {
        let text = "Nguyễn Thị Ánh Tuyết,Đảng ủy 😀,Nguye\u{0302}\u{0303}n\n"
        let rows = try CSVFile.parse(text)
        #expect(csvScalars(rows) == csvScalars([["Nguyễn Thị Ánh Tuyết", "Đảng ủy 😀", "Nguye\u{0302}\u{0303}n"]]))
    }

    // MARK: Delimiter detection

    @Test(arguments: [
        ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"),
        ("Họ và tên", ","),  // one column
        ("a,b;c", ";"), ("a;b\tc", "\t"), ("a,b\tc", "\t"),  // ties: tab > semicolon > comma
        ("a;b,c,d", ","),  // most frequent wins
        ("Họ;Địa chỉ, số nhà;Ghi chú", ";"),
        ("\"a,b,c\";d", ";"),  // delimiters inside quotes do not count
        ("\"x\"\"y,z\";w", ";"),  // nor after an escaped quote
        ("15\" màn hình;a,b;c", ";"),  // a quote inside an unquoted field opens nothing
        ("\r\n\na;b\nc,d,e,f", ";"),  // the first non-empty line decides
        ("Họ tên\n\"x\"\na;b,c\nd,e,f,g", ";"),  // or the first with any of them
        ("\"a;b\"\n\"c\td\"", ","),  // none outside quotes anywhere
        ("\"a\nb,c,d\";e\nf,g", ";"),  // the first record, across lines
        ("", ","),
    ] as [(String, Character)])
    func detection(text: String, expected: Character) {
        #expect(CSVFile.detectDelimiter(in: text) == expected)
    }

    // MARK: Errors and lines

    @Test func unterminatedQuoteReportsTheLineOfTheOpeningQuote() {
        let text = "a,b\r\n\r\n1,\"hai\r\ndòng\"\r\n2,\"không đóng\r\nx\r\ny\r\n"
        #expect(throws: TabularError(.unterminatedQuote, line: 5)) { try CSVFile.parse(text) }
        #expect(throws: TabularError(.unterminatedQuote, line: 1)) { try CSVFile.parse("\"abc") }
        #expect(throws: TabularError(.unterminatedQuote, line: 3)) { try CSVFile.parse("a\rb\r\"c\r\rd") }
    }

    @Test func tooManyColumnsReportsTheLineAndLimit() throws {
        let row = Array(repeating: "x", count: 5).joined(separator: ",")
        #expect(try CSVFile.parse(row, maxColumns: 5).first?.count == 5)
        #expect(throws: TabularError(.tooManyColumns, line: 4, limit: 4)) {
            try CSVFile.parse("a\n\"b\nc\"\n" + row, maxColumns: 4)
        }
        #expect(throws: TabularError(.tooManyColumns, line: 1, limit: 2)) { try CSVFile.parse("a,b,", maxColumns: 2) }
    }

    @Test func defaultColumnLimitIs200() throws {
        let line = { (count: Int) in Array(repeating: "x", count: count).joined(separator: ",") }
        #expect(try CSVFile.parse(line(200)).first?.count == 200)
        #expect(throws: TabularError(.tooManyColumns, line: 1, limit: 200)) { try CSVFile.parse(line(201)) }
    }

    @Test func forEachRecordGivesTheLineEachRecordStartsOn() throws {
        let text = "\n\r\nh1,h2\r\n1,\"a\r\nb\nc\"\r\n\r\n2,x\r3,y\n4,\"\"\"\n\"\n5,\"\rz\r\"\n6"
        var seen: [(Int, [String])] = []
        try CSVFile.forEachRecord(in: text) { fields, line in seen.append((line, fields)) }
        #expect(seen.map(\.0) == [3, 4, 8, 9, 10, 12, 15])
        #expect(seen.map(\.1) == [["h1", "h2"], ["1", "a\r\nb\nc"], ["2", "x"], ["3", "y"], ["4", "\"\n"], ["5", "\rz\r"], ["6"]])
    }

    @Test func errorFromTheBodyStopsReading() {
        struct Stop: Error, Equatable {}
        var count = 0
        #expect(throws: Stop()) {
            try CSVFile.forEachRecord(in: "a\nb\nc\n") { _, line in
                count += 1
                if line == 2 { throw Stop() }
            }
        }
        #expect(count == 2)
    }

    @Test func manyRowsMatchTheirSource() throws {
        var lines: [String] = []
        for k in 0..<5_000 { lines.append("\(k);Người \(k);\"ghi chú; \"\"\(k)\"\"\r\ndòng 2\";") }
        let rows = try CSVFile.parse(lines.joined(separator: "\r\n"))
        #expect(rows.count == 5_000)
        for k in [0, 1, 2_500, 4_999] {
            #expect(rows[k] == ["\(k)", "Người \(k)", "ghi chú; \"\(k)\"\r\ndòng 2", ""])
        }
    }
}
