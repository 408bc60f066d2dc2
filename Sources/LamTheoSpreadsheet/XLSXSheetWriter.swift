import Foundation

/// One worksheet's XML: measured once (its byte size, which the ZIP entry needs first, and the longest line of each
/// column), then generated again piece by piece as the ZIP entry asks for bytes.
struct XLSXSheetWriter {
    /// The size of the pieces handed to deflate.
    static let chunkSize = 1 << 18

    /// Cell formats of `XLSXWriter.styles()`.
    private static let textStyle: StaticString = "1"
    private static let headerStyle: StaticString = "2"
    private static let wrapStyle: StaticString = "3"

    let name: String
    let selected: Bool
    let header: [String]
    let rows: [[String]]
    let hasHeader: Bool
    let rowCount: Int
    let columnCount: Int
    fileprivate let columnNames: [[UInt8]]
    let prefix: [UInt8]
    let suffix: [UInt8]
    let bodySize: Int
    /// The autofilter's range as the workbook's `_xlnm._FilterDatabase` names it ("$A$1:$C$10"), when there is one.
    let filterRange: String?

    var size: Int { prefix.count + bodySize + suffix.count }

    init(_ sheet: XLSXWriter.Sheet, name: String, selected: Bool) throws {
        self.name = name
        self.selected = selected
        header = sheet.header
        rows = sheet.rows
        hasHeader = !sheet.header.isEmpty
        rowCount = (hasHeader ? 1 : 0) + sheet.rows.count
        guard rowCount <= XLSXWriter.maximumRows else {
            throw SpreadsheetError(.tooLarge, detail: "sheet \(name) has \(rowCount) rows; Excel holds \(XLSXWriter.maximumRows)")
        }
        var columns = sheet.header.count
        for row in sheet.rows where row.count > columns { columns = row.count }
        guard columns <= XLSXWriter.maximumColumns else {
            throw SpreadsheetError(.tooLarge, detail: "sheet \(name) has \(columns) columns; Excel holds \(XLSXWriter.maximumColumns)")
        }
        columnCount = columns
        let names = (0..<columns).map { Array(XLSXCellText.columnName($0).utf8) }
        columnNames = names

        // Measure.
        var counter = XLSXByteCounter()
        var longest = [Int](repeating: 0, count: columns)
        let (sheetHeader, sheetRows, withHeader, count) = (sheet.header, sheet.rows, hasHeader, rowCount)
        longest.withUnsafeMutableBufferPointer { widths in
            for index in 0..<count {
                Self.writeRow(index, header: sheetHeader, rows: sheetRows, hasHeader: withHeader, columnNames: names,
                              into: &counter, widths: widths)
            }
        }
        bodySize = counter.count

        let lastColumn = columns > 0 ? XLSXCellText.columnName(columns - 1) : "A"
        let lastRow = max(rowCount, 1)
        let used = columns > 0 && rowCount > 0
        filterRange = hasHeader && columns > 0 ? "$A$1:$\(lastColumn)$\(lastRow)" : nil

        var head = XLSXByteBuffer()
        head.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        head.append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        head.append("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        head.append("<dimension ref=\"")
        head.appendEscaped(used ? "A1:\(lastColumn)\(lastRow)" : "A1", attribute: true)
        head.append("\"/><sheetViews><sheetView ")
        if selected { head.append("tabSelected=\"1\" ") }
        head.append("workbookViewId=\"0\">")
        if hasHeader {
            head.append("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            head.append("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        }
        head.append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if columns > 0 {
            head.append("<cols>")
            for column in 0..<columns {
                var width = min(60, max(8, Double(longest[column]) + 2))
                if let given = sheet.columnWidths, column < given.count, given[column].isFinite, given[column] > 0 {
                    width = min(255, given[column])
                }
                head.append("<col min=\"")
                head.append(decimal: column + 1)
                head.append("\" max=\"")
                head.append(decimal: column + 1)
                head.append("\" width=\"")
                head.appendEscaped(Self.formatWidth(width), attribute: true)
                head.append("\" style=\"1\" customWidth=\"1\"/>")
            }
            head.append("</cols>")
        }
        head.append("<sheetData>")
        prefix = head.bytes

        var tail = XLSXByteBuffer()
        tail.append("</sheetData>")
        if hasHeader, columns > 0 {
            tail.append("<autoFilter ref=\"")
            tail.appendEscaped("A1:\(lastColumn)\(lastRow)", attribute: true)
            tail.append("\"/>")
        }
        tail.append("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        if columns > 0 {
            tail.append("<ignoredErrors><ignoredError sqref=\"")
            tail.appendEscaped("A1:\(lastColumn)\(XLSXWriter.maximumRows)", attribute: true)
            tail.append("\" numberStoredAsText=\"1\"/></ignoredErrors>")
        }
        tail.append("</worksheet>")
        suffix = tail.bytes
    }

    private static func formatWidth(_ width: Double) -> String {
        let rounded = (width * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    func makeStream() -> XLSXSheetStream {
        XLSXSheetStream(writer: self)
    }

    // MARK: - Rows

    /// Writes sheet row `index` (0-based; the header is row 0 when there is one). With `widths`, records the longest
    /// line of each cell in characters (Unicode scalars), the header's counting two more for its filter button.
    static func writeRow<Sink: XLSXByteSink>(_ index: Int, header: [String], rows: [[String]], hasHeader: Bool,
                                             columnNames: [[UInt8]], into sink: inout Sink,
                                             widths: UnsafeMutableBufferPointer<Int>?) {
        let isHeader = hasHeader && index == 0
        let cells = isHeader ? header : rows[index - (hasHeader ? 1 : 0)]
        guard cells.contains(where: { !$0.isEmpty }) else { return }
        let rowNumber = index + 1
        sink.append("<row r=\"")
        sink.append(decimal: rowNumber)
        sink.append("\">")
        for (column, cell) in cells.enumerated() where !cell.isEmpty {
            var text = cell.utf8.count > XLSXWriter.maximumCellLength
                ? XLSXWriter.truncated(cell, toUTF16: XLSXWriter.maximumCellLength) : cell
            text.withUTF8 { bytes in
                // Scan: line breaks (wrap style), whitespace Excel would trim (xml:space), longest line.
                var preserve = false
                var lineBreak = false
                var line = 0
                var longest = 0
                var previous: UInt8 = 0
                for byte in bytes {
                    switch byte {
                    case 0x0A, 0x0D:
                        lineBreak = true
                        if line > longest { longest = line }
                        line = 0
                    case 0x09:
                        preserve = true
                        line += 1
                    case 0x20:
                        if previous == 0x20 { preserve = true }
                        line += 1
                    default:
                        if byte & 0xC0 != 0x80 { line += 1 }
                    }
                    previous = byte
                }
                if line > longest { longest = line }
                if let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
                    preserve = true
                }
                if let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
                    preserve = true
                }
                if lineBreak { preserve = true }
                if let widths {
                    let width = longest + (isHeader ? 2 : 0)
                    if width > widths[column] { widths[column] = width }
                }

                sink.append("<c r=\"")
                sink.append(columnNames[column])
                sink.append(decimal: rowNumber)
                sink.append("\" s=\"")
                sink.append(isHeader ? headerStyle : lineBreak ? wrapStyle : textStyle)
                sink.append(preserve ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>")
                sink.appendEscaped(bytes, attribute: false)
                sink.append("</t></is></c>")
            }
        }
        sink.append("</row>")
    }
}

/// Hands out a sheet's XML in the pieces deflate asks for, generating rows as it goes.
struct XLSXSheetStream {
    private let writer: XLSXSheetWriter
    private var buffer = XLSXByteBuffer(capacity: XLSXSheetWriter.chunkSize * 2)
    private var offset = 0
    private var prefixWritten = false
    private var nextRow = 0
    private var suffixWritten = false

    init(writer: XLSXSheetWriter) {
        self.writer = writer
    }

    /// Everything was generated and handed out.
    var isFinished: Bool { suffixWritten && offset == buffer.bytes.count }

    /// The next `size` bytes.
    mutating func next(_ size: Int) throws -> Data {
        while buffer.bytes.count - offset < size, !suffixWritten {
            generate()
        }
        guard buffer.bytes.count - offset >= size else {
            throw SpreadsheetError(.corrupt, detail: "internal error: sheet XML shorter than measured")
        }
        let piece = Data(buffer.bytes[offset..<(offset + size)])
        offset += size
        if offset >= XLSXSheetWriter.chunkSize {
            buffer.bytes.removeFirst(offset)
            offset = 0
        }
        return piece
    }

    private mutating func generate() {
        if !prefixWritten {
            buffer.append(writer.prefix)
            prefixWritten = true
        } else if nextRow < writer.rowCount {
            let target = buffer.bytes.count + XLSXSheetWriter.chunkSize
            let columnNames = writer.columnNames
            while nextRow < writer.rowCount, buffer.bytes.count < target {
                XLSXSheetWriter.writeRow(nextRow, header: writer.header, rows: writer.rows, hasHeader: writer.hasHeader,
                                         columnNames: columnNames, into: &buffer, widths: nil)
                nextRow += 1
            }
        } else {
            buffer.append(writer.suffix)
            suffixWritten = true
        }
    }
}

extension XLSXByteBuffer {
    fileprivate mutating func append(_ literal: String) {
        var literal = literal
        literal.withUTF8 { append($0) }
    }
}
