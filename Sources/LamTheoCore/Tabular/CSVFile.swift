import Foundation

/// Reading and writing the CSV files committees keep their organisation and member lists in.
///
/// Reading is two steps: `decode` turns the file's bytes into text and says which encoding it found, `parse` (or
/// `forEachRecord`, which also gives each record's line) splits the text into records of fields.
/// `write` makes a file Excel opens with Vietnamese text intact and that `decode` + `parse` read back unchanged.
public enum CSVFile {
    /// The largest file `decode` accepts by default: 256 MB, about seven times a 250,000-member list
    /// of 15 columns.
    public static let defaultMaxBytes = 256 << 20

    // MARK: Decoding

    /// Decodes a file's bytes to text, in this order:
    /// 1. more than `maxBytes` bytes: `.tooLarge`;
    /// 2. the signature of a ZIP (XLSX, DOCX, ODS), OLE2 (XLS, DOC), PDF, PNG, JPEG, GIF, gzip, 7-Zip or RAR file:
    ///    `.notText`;
    /// 3. a UTF-8 BOM (EF BB BF): UTF-8, the BOM removed (an invalid sequence after it becomes U+FFFD);
    /// 4. a UTF-16 BOM (FF FE little-endian, FE FF big-endian): UTF-16, the BOM removed (an unpaired surrogate or
    ///    an odd last byte becomes U+FFFD);
    /// 5. any NUL byte: UTF-16 without a BOM when the zero bytes sit in the high-byte position of at least a quarter
    ///    of the code units (and rarely in the other position) and the whole file is valid UTF-16; otherwise
    ///    `.notText`;
    /// 6. valid UTF-8 (which includes plain ASCII): UTF-8;
    /// 7. anything else: Windows-1258, normalised to NFC (its tone marks are separate combining characters).
    ///
    /// Text from the Unicode encodings is returned as it is, not normalised: an import normalises each value when it
    /// validates it, and `write` → `decode` → `parse` gives back exactly what was written. A U+0000 in decoded
    /// UTF-16 is `.notText` too. An empty file is empty UTF-8 text.
    ///
    /// A file in another legacy Vietnamese encoding (TCVN3/ABC, VNI) is not valid UTF-8 and comes out as garbled
    /// Windows-1258: `TextFileEncoding.isLegacy` tells the caller to ask the user to check.
    public static func decode(_ data: Data, maxBytes: Int = defaultMaxBytes) throws -> (text: String, encoding: TextFileEncoding) {
        if data.count > maxBytes { throw TabularError(.tooLarge, limit: maxBytes) }
        return try data.withUnsafeBytes { raw in
            try CSVTextDecoder.decode(raw.bindMemory(to: UInt8.self))
        }
    }

    // MARK: Parsing

    /// Parses RFC 4180 CSV into records of fields, as they are in the file.
    ///
    /// - A field in double quotes may hold delimiters, line ends and quotes written twice (`""`). A quote inside an
    ///   unquoted field is an ordinary character; text between a closing quote and the next delimiter is kept
    ///   (`"ab"c` reads as `abc`). Spaces are never trimmed.
    /// - Lines end with CRLF, LF or CR; the last line needs no line end. Line ends inside quotes are kept as they
    ///   are in the file.
    /// - Empty lines (no character at all) are skipped; a line of delimiters only is a record of empty fields.
    ///   Trailing empty fields are kept (`a,b,` is three fields) and records keep their own length (no padding).
    /// - A U+FEFF at the very start (a BOM left in the text) is ignored.
    /// - `delimiter` nil: detected by `detectDelimiter`. Otherwise it must be one ASCII character other than the
    ///   quote, CR or LF.
    ///
    /// Throws `.unterminatedQuote` with the line of the opening quote, `.tooManyColumns` with the line where a record
    /// with more than `maxColumns` fields starts.
    public static func parse(_ text: String, delimiter: Character? = nil, maxColumns: Int = 200, restoringFormulas: Bool = true) throws -> [[String]] {
        var rows: [[String]] = []
        try forEachRecord(in: text, delimiter: delimiter, maxColumns: maxColumns, restoringFormulas: restoringFormulas) { fields, _ in
            rows.append(fields)
        }
        return rows
    }

    /// Parses like `parse` but hands over one record at a time, with the 1-based line of the file where it starts
    /// (empty lines and line ends inside quoted fields counted), so that an import can stream a large file and name
    /// the line of every problem it finds. An error thrown by `body` stops the reading and is rethrown.
    ///
    /// `restoringFormulas` (the default) takes off the apostrophe `write` puts before a value a spreadsheet would take
    /// for a formula (`'-5` reads as `-5`, `''=x` as `'=x`; see `write`), which is also what Excel's leading
    /// apostrophe means; other apostrophes are kept.
    public static func forEachRecord(
        in text: String, delimiter: Character? = nil, maxColumns: Int = 200, restoringFormulas: Bool = true,
        _ body: (_ fields: [String], _ line: Int) throws -> Void
    ) throws {
        precondition(maxColumns >= 1, "maxColumns must be at least 1")
        let given = delimiter.map(delimiterByte)
        var text = text
        try text.withUTF8 { bytes in
            let delimiter = given ?? CSVParser.detectDelimiter(bytes)
            guard restoringFormulas else {
                return try CSVParser.read(bytes, delimiter: delimiter, maxColumns: maxColumns, body: body)
            }
            try CSVParser.read(bytes, delimiter: delimiter, maxColumns: maxColumns) { fields, line in
                guard fields.contains(where: { $0.utf8.first == apostrophe }) else { return try body(fields, line) }
                try body(fields.map(restoringFormula), line)
            }
        }
    }

    // MARK: Formulas

    private static let apostrophe = UInt8(ascii: "'")

    /// Whether a spreadsheet would take the value for a formula (it begins with = + - @, a tab or a carriage
    /// return), or it is such a value after one or more apostrophes (so that the apostrophe `write` adds is told
    /// apart from one that was there).
    static func needsApostrophe<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
            case apostrophe: continue
            default: return false
            }
        }
        return false
    }

    /// The value as `write` puts it in a file by default: with an apostrophe before it when a spreadsheet would take
    /// it for a formula ("=HYPERLINK(…)" → "'=HYPERLINK(…)"), the OWASP advice against CSV injection.
    public static func neutralizingFormula(_ value: String) -> String {
        needsApostrophe(value.utf8) ? "'" + value : value
    }

    /// The value as `neutralizingFormula` had it: one apostrophe taken off a formula-like value. For every string,
    /// `restoringFormula(neutralizingFormula(v)) == v`.
    public static func restoringFormula(_ value: String) -> String {
        let utf8 = value.utf8
        guard utf8.first == apostrophe, needsApostrophe(utf8.dropFirst()) else { return value }
        return String(value.dropFirst())
    }

    /// The delimiter of a CSV text: the one of comma, semicolon and tab that occurs most often outside quoted fields
    /// in the first line that has any of them there (the whole record, when a quoted field spans lines). On a tie,
    /// tab wins over semicolon and semicolon over comma, because commas are common inside values (addresses,
    /// "94,5") and tabs and semicolons are not. A text with none of them outside quotes (one column) means comma.
    ///
    /// That line is the header in committees' lists, so it has one delimiter fewer than columns; values in it are
    /// names, which rarely contain a delimiter. Lines before it (empty, or a one-column title or first row) are
    /// passed over; a one-column file whose values contain unquoted semicolons or tabs would be misread, so give
    /// the delimiter when the file is known to have one column.
    public static func detectDelimiter(in text: String) -> Character {
        var text = text
        let byte = text.withUTF8 { CSVParser.detectDelimiter($0) }
        return Character(Unicode.Scalar(byte))
    }

    private static func delimiterByte(_ delimiter: Character) -> UInt8 {
        let scalars = delimiter.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.isASCII,
              scalar != "\"", scalar != "\r", scalar != "\n"
        else { preconditionFailure("a CSV delimiter must be one ASCII character other than a quote, CR or LF") }
        return UInt8(truncatingIfNeeded: scalar.value)
    }

    // MARK: Writing

    /// A CSV file Excel opens correctly with Vietnamese text: UTF-8 with a BOM (without it Excel reads the bytes as
    /// the Windows code page), CRLF after every record, the given delimiter (comma by default).
    ///
    /// A field is written in double quotes, its quotes doubled, when it contains a quote, CR, LF, comma, semicolon
    /// or tab (any of the delimiters `detectDelimiter` considers, so that detection reads the file back the same);
    /// when it begins or ends with whitespace; when it begins with U+FEFF; and when it begins with = + - @, the
    /// characters that start a formula in a spreadsheet. A record of one empty field is written `""` so that it is
    /// not an empty line, which `parse` skips; a record with no fields at all is an empty line and is lost.
    ///
    /// `neutralizingFormulas` (the default) puts an apostrophe before a value that a spreadsheet would evaluate as a
    /// formula — one beginning with = + - @, a tab or a carriage return ("=HYPERLINK(…)", "-5", "+84 912…") — or
    /// such a value after apostrophes (`neutralizingFormula`): quoting alone does not stop Excel from evaluating it
    /// (CSV injection). `parse` takes that apostrophe off again by default, so `decode` + `parse` still give back
    /// exactly the rows written (compared scalar by scalar). Excel shows "0012345" as 12345 however it is quoted.
    ///
    /// Fields containing U+0000 are written as they are, and such a file is refused by `decode`.
    /// A delimiter other than comma, semicolon or tab is not detected: give it to `parse` as well.
    public static func write(_ rows: [[String]], delimiter: Character = ",", neutralizingFormulas: Bool = true) -> Data {
        let delimiter = delimiterByte(delimiter)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(rows.reduce(3) { $0 + $1.reduce(2) { $0 + $1.utf8.count + 3 } })
        for row in rows {
            if row.count == 1, row[0].isEmpty {
                out.append(CSVParser.quote)
                out.append(CSVParser.quote)
            } else {
                for (index, field) in row.enumerated() {
                    if index > 0 { out.append(delimiter) }
                    appendField(neutralizingFormulas ? neutralizingFormula(field) : field, delimiter: delimiter, to: &out)
                }
            }
            out.append(CSVParser.cr)
            out.append(CSVParser.lf)
        }
        return Data(out)
    }

    private static func appendField(_ field: String, delimiter: UInt8, to out: inout [UInt8]) {
        var utf8 = field
        utf8.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return }
            guard needsQuotes(bytes, delimiter: delimiter) || isSpace(first, last: false) || isSpace(last, last: true)
            else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(CSVParser.quote)
            for byte in bytes {
                out.append(byte)
                if byte == CSVParser.quote { out.append(CSVParser.quote) }
            }
            out.append(CSVParser.quote)
        }

        /// Whether the field begins (or ends) with whitespace, or begins with U+FEFF, judged from the edge byte: the
        /// scalar is looked at only when that byte is not ASCII.
        func isSpace(_ edge: UInt8, last: Bool) -> Bool {
            if edge < 0x80 { return edge == 0x20 || (0x09...0x0D).contains(edge) }
            guard let scalar = last ? field.unicodeScalars.last : field.unicodeScalars.first else { return false }
            return scalar.properties.isWhitespace || (!last && scalar == "\u{FEFF}")
        }
    }

    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        // A formula-like value, with or without the apostrophe before it.
        if needsApostrophe(bytes) { return true }
        for byte in bytes {
            switch byte {
            case CSVParser.quote, CSVParser.cr, CSVParser.lf, CSVParser.comma, CSVParser.semicolon, CSVParser.tab,
                 delimiter:
                return true
            default: continue
            }
        }
        return false
    }
}
