import Foundation
import ZIPFoundation

/// Writes lists as an XLSX workbook that Excel and LibreOffice open without a repair prompt or warnings.
///
/// How the file is made, and why:
/// - **Every cell is text.** Each value is an inline string (`t="inlineStr"`) — never converted to a number, so
///   "0012345", 12-digit citizen ids and 16-digit card numbers keep every digit, and "=SUM(A1)" stays text (an
///   inline string is never a formula). Inline rather than shared strings so the writer needs no table of all
///   distinct values and can stream the sheet. The cells and the columns use the Text number format (`@`, id 49),
///   so Excel keeps a value as text when a user edits it or types a new one in the column, and the sheet lists the
///   whole of its columns under `<ignoredErrors numberStoredAsText="1">`, so Excel shows no "number stored as text"
///   triangle.
/// - Empty strings are not written (the cell is absent), so a row's trailing "" disappear on reading; a row of
///   nothing but "" is absent too, and the rows after it keep their numbers.
/// - The header is the first row, bold, frozen (the pane is split below it) and has an autofilter over all the
///   columns and rows. With an empty `header` there is no header row: `rows` start at row 1, nothing is frozen and
///   there is no filter.
/// - A value containing a line break gets a wrapping style, so it shows on several lines. A carriage return is kept
///   (written `&#13;`). Characters XML 1.0 forbids (control characters other than tab, LF and CR; U+FFFE, U+FFFF)
///   are dropped. A value longer than Excel's 32,767 characters (UTF-16 code units) is cut there.
/// - Column widths, in characters: `columnWidths` where given and positive (at most 255), otherwise from the longest
///   line in the column (the header counting two more for its filter button) plus 2, at least 8 and at most 60.
/// - Sheet names: see `sanitizedSheetNames`.
/// - `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml` and `docProps/app.xml` (creator and application
///   "LamTheo"), `xl/workbook.xml` (with the `_xlnm._FilterDatabase` name Excel expects for an autofilter),
///   `xl/_rels/workbook.xml.rels`, `xl/styles.xml`, `xl/worksheets/sheetN.xml`; all deflated.
///
/// Memory: each sheet's XML is generated twice (once to measure it, once streamed into the ZIP), never held whole;
/// what grows is the compressed result. Synchronous and CPU-bound (under two seconds per 100,000 rows of 15
/// columns in a release build, most of it deflate): call it off the event loop.
public enum XLSXWriter {
    public struct Sheet: Sendable {
        /// At most 31 characters, none of `[]:*?/\`; sanitised by `sanitizedSheetNames`.
        public var name: String
        /// Written as the first row, bold, frozen (pane split below it), with an autofilter.
        public var header: [String]
        /// Every cell written as text (inline strings with the Text format `@`).
        public var rows: [[String]]
        /// In characters; when nil, computed from the longest value per column (capped at 60).
        public var columnWidths: [Double]?

        public init(name: String, header: [String], rows: [[String]], columnWidths: [Double]? = nil) {
            self.name = name
            self.header = header
            self.rows = rows
            self.columnWidths = columnWidths
        }
    }

    /// Excel's limits.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384
    public static let maximumCellLength = 32_767

    /// The names the sheets get, in order: characters Excel forbids (`[ ] : * ? / \`) become "-", control
    /// characters are dropped, spaces and apostrophes around the name are trimmed (Excel refuses a name that starts
    /// or ends with an apostrophe), the name is cut to 31 characters (UTF-16 code units, never inside a character),
    /// an empty name becomes "SheetN" (N its position from 1), and a name already taken — compared ignoring case, as
    /// Excel does, with "History" reserved — gets " (2)", " (3)"… within the 31 characters.
    public static func sanitizedSheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = ["history"]
        var result: [String] = []
        for (index, raw) in names.enumerated() {
            var base = sanitized(raw)
            if base.isEmpty { base = "Sheet\(index + 1)" }
            var candidate = base
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = truncated(base, toUTF16: 31 - suffix.utf16.count) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// A valid Office Open XML workbook ([Content_Types].xml, _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels,
    /// xl/styles.xml, xl/worksheets/sheetN.xml, docProps as needed) that Excel and LibreOffice open without a repair
    /// prompt. XML-escape all text; strip characters XML 1.0 forbids (control characters other than tab/LF/CR).
    ///
    /// No sheets at all gives a workbook with one empty sheet "Sheet1" (a workbook must have a sheet). Throws
    /// `tooLarge` when a sheet has more rows (header included) or columns than Excel can hold.
    public static func write(_ sheets: [Sheet]) throws -> Data {
        let sheets = sheets.isEmpty ? [Sheet(name: "Sheet1", header: [], rows: [])] : sheets
        let names = sanitizedSheetNames(sheets.map(\.name))
        var layouts: [XLSXSheetWriter] = []
        for (index, sheet) in sheets.enumerated() {
            layouts.append(try XLSXSheetWriter(sheet, name: names[index], selected: index == 0))
        }

        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw SpreadsheetError(.corrupt, detail: "cannot create a ZIP archive in memory: \(error)")
        }
        let now = Date()
        func add(_ path: String, _ bytes: [UInt8]) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: now,
                                 compressionMethod: .deflate, bufferSize: XLSXSheetWriter.chunkSize) { position, size in
                let start = Int(position)
                return Data(bytes[start..<min(bytes.count, start + size)])
            }
        }
        try add("[Content_Types].xml", contentTypes(sheetCount: sheets.count))
        try add("_rels/.rels", packageRelationships())
        try add("docProps/app.xml", appProperties())
        try add("docProps/core.xml", coreProperties(now))
        try add("xl/workbook.xml", workbook(layouts))
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count))
        try add("xl/styles.xml", styles())
        for (index, layout) in layouts.enumerated() {
            var stream = layout.makeStream()
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file,
                                 uncompressedSize: Int64(layout.size), modificationDate: now,
                                 compressionMethod: .deflate, bufferSize: XLSXSheetWriter.chunkSize) { _, size in
                try stream.next(size)
            }
            guard stream.isFinished else {
                throw SpreadsheetError(.corrupt, detail: "internal error: sheet \(index + 1) XML longer than measured")
            }
        }
        guard let data = archive.data else {
            throw SpreadsheetError(.corrupt, detail: "internal error: the in-memory ZIP archive has no data")
        }
        return data
    }

    // MARK: - Sheet names

    private static func sanitized(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\":
                scalars.append("-")
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{FFFE}", "\u{FFFF}":
                continue
            default:
                scalars.append(scalar)
            }
        }
        var result = trimmed(String(scalars))
        result = truncated(result, toUTF16: 31)
        return trimmed(result)
    }

    private static func trimmed(_ name: String) -> String {
        var result = Substring(name)
        while let first = result.first, first.isWhitespace || first == "'" { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace || last == "'" { result = result.dropLast() }
        return String(result)
    }

    /// The longest prefix of whole characters within `limit` UTF-16 code units.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var length = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let units = text.utf16.distance(from: index, to: next)
            if length + units > limit { break }
            length += units
            end = next
        }
        return String(text[..<end])
    }

    // MARK: - Package parts

    private static let xmlDeclaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static func contentTypes(sheetCount: Int) -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        for index in 1...sheetCount {
            out.append("<Override PartName=\"/xl/worksheets/sheet")
            out.append(decimal: index)
            out.append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        out.append("<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>")
        return out.bytes
    }

    private static func packageRelationships() -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
            + "Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" "
            + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
            + "Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
            + "Target=\"docProps/app.xml\"/>"
            + "</Relationships>")
        return out.bytes
    }

    private static func appProperties() -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            + "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            + "<Application>LamTheo</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            + "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            + "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
        return out.bytes
    }

    private static func coreProperties(_ date: Date) -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: date)
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<cp:coreProperties "
            + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:creator>LamTheo</dc:creator><cp:lastModifiedBy>LamTheo</cp:lastModifiedBy>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">")
        out.appendEscaped(stamp)
        out.append("</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">")
        out.appendEscaped(stamp)
        out.append("</dcterms:modified></cp:coreProperties>")
        return out.bytes
    }

    private static func workbook(_ sheets: [XLSXSheetWriter]) -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<workbookPr/><bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" "
            + "windowHeight=\"15000\" activeTab=\"0\"/></bookViews><sheets>")
        for (index, sheet) in sheets.enumerated() {
            out.append("<sheet name=\"")
            out.appendEscaped(sheet.name, attribute: true)
            out.append("\" sheetId=\"")
            out.append(decimal: index + 1)
            out.append("\" r:id=\"rId")
            out.append(decimal: index + 1)
            out.append("\"/>")
        }
        out.append("</sheets>")
        let filtered = sheets.enumerated().filter { $0.element.filterRange != nil }
        if !filtered.isEmpty {
            out.append("<definedNames>")
            for (index, sheet) in filtered {
                out.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"")
                out.append(decimal: index)
                out.append("\" hidden=\"1\">")
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'!"
                    + (sheet.filterRange ?? "")
                out.appendEscaped(quoted)
                out.append("</definedName>")
            }
            out.append("</definedNames>")
        }
        out.append("</workbook>")
        return out.bytes
    }

    private static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for index in 1...sheetCount {
            out.append("<Relationship Id=\"rId")
            out.append(decimal: index)
            out.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet")
            out.append(decimal: index)
            out.append(".xml\"/>")
        }
        out.append("<Relationship Id=\"rId")
        out.append(decimal: sheetCount + 1)
        out.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            + "Target=\"styles.xml\"/></Relationships>")
        return out.bytes
    }

    /// Cell formats: 0 default, 1 text (`@`), 2 bold text for the header, 3 text that wraps.
    private static func styles() -> [UInt8] {
        var out = XLSXByteBuffer()
        out.append(xmlDeclaration)
        out.append("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<fonts count=\"2\">"
            + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "</fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
            + "applyAlignment=\"1\"><alignment wrapText=\"1\"/></xf>"
            + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "<dxfs count=\"0\"/>"
            + "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium2\" defaultPivotStyle=\"PivotStyleLight16\"/>"
            + "</styleSheet>")
        return out.bytes
    }
}

extension XLSXByteBuffer {
    /// Appends a string known at compile time or built from literals (package parts, not cell text).
    fileprivate mutating func append(_ literal: String) {
        var literal = literal
        literal.withUTF8 { append($0) }
    }
}
