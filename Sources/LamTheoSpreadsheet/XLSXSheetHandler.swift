/// Reads a worksheet's `<sheetData>` into rows of text (see `Worksheet.rows` for what each cell becomes).
///
/// Rows and cells are placed by their `r` references; a row or cell without one follows the previous. Empty cells
/// and empty rows are never stored themselves: a row is padded with "" only up to a non-empty cell, and `[]` rows are
/// inserted only before a non-empty row, so trailing empty cells and rows cost nothing. The cells stored, padding
/// included, are limited to `maximumCells` (a file with one value in column XFD of every row would otherwise ask
/// for 16,384 strings per row): over it is `tooLarge`.
final class XLSXSheetHandler: XLSXSAXHandler {
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, date
    }

    private let sharedStrings: [String]
    private let numberKinds: [XLSXCellText.NumberKind]
    private let date1904: Bool
    private let maximumCells: Int

    private(set) var rows: [[String]] = []
    private var cells = 0

    private var inSheetData = false
    private var rowIndex = -1
    private var row: [String] = []
    private var nextColumn = 0

    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var phoneticDepth = 0

    init(sharedStrings: [String], numberKinds: [XLSXCellText.NumberKind], date1904: Bool, maximumCells: Int) {
        self.sharedStrings = sharedStrings
        self.numberKinds = numberKinds
        self.date1904 = date1904
        self.maximumCells = maximumCells
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "c" where rowIndex >= 0:
            inCell = true
            cellColumn = nextColumn
            cellType = .number
            cellStyle = 0
            // A cell has at most a few attributes: comparing their names is cheaper than hashing three lookups.
            for (key, attribute) in attributes {
                switch key {
                case "r":
                    if let column = XLSXCellText.column(ofReference: attribute) { cellColumn = column }
                case "t":
                    switch attribute {
                    case "s": cellType = .sharedString
                    case "inlineStr": cellType = .inlineString
                    case "str": cellType = .formulaString
                    case "b": cellType = .boolean
                    case "e": cellType = .error
                    case "d": cellType = .date
                    default: cellType = .number
                    }
                case "s":
                    cellStyle = XLSXCellText.integer(attribute) ?? 0
                default:
                    break
                }
            }
            value = ""
            inlineText = ""
        case "v" where inCell:
            inValue = true
        case "is" where inCell:
            inInline = true
        case "rPh":
            phoneticDepth += 1
        case "t" where inInline && phoneticDepth == 0:
            inText = true
        case "row" where inSheetData:
            if let number = attributes["r"].flatMap(XLSXCellText.integer), number >= 1, number <= 1_048_576 {
                rowIndex = number - 1
            } else {
                rowIndex += 1
            }
            row = []
            nextColumn = 0
        case "sheetData":
            inSheetData = true
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v":
            inValue = false
        case "t":
            inText = false
        case "is":
            inInline = false
        case "rPh":
            phoneticDepth -= 1
        case "c" where inCell:
            inCell = false
            nextColumn = cellColumn + 1
            let shown = display()
            if !shown.isEmpty { place(shown, at: cellColumn) }
        case "row" where rowIndex >= 0:
            storeRow()
        case "sheetData":
            inSheetData = false
            rowIndex = -1
        default:
            break
        }
    }

    override func text(_ string: String) {
        if inValue {
            value += string
        } else if inText {
            inlineText += string
        }
    }

    private func display() -> String {
        switch cellType {
        case .sharedString:
            guard !value.isEmpty else { return "" }
            guard let index = XLSXCellText.integer(value), index < sharedStrings.count else {
                failure = SpreadsheetError(.corrupt, detail: "cell \(XLSXCellText.columnName(cellColumn))\(rowIndex + 1) "
                                           + "refers to shared string \(value), which does not exist")
                return ""
            }
            return sharedStrings[index]
        case .inlineString:
            return XLSXCellText.decodingEscapes(inlineText.isEmpty ? value : inlineText)
        case .formulaString:
            return XLSXCellText.decodingEscapes(value)
        case .boolean:
            switch value.trimmingASCIIWhitespace().lowercased() {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            default: return value
            }
        case .error:
            return value
        case .date:
            let utf8 = Array(value.utf8.prefix(10))
            if utf8.count == 10, utf8[4] == 0x2D, utf8[7] == 0x2D {
                return String(decoding: utf8, as: UTF8.self)
            }
            return value
        case .number:
            guard !value.isEmpty else { return "" }
            let kind = cellStyle < numberKinds.count ? numberKinds[cellStyle] : .number
            if kind != .number, let serial = Double(value.trimmingASCIIWhitespace()) {
                let shown: String?
                switch kind {
                case .date: shown = XLSXCellText.date(serial: serial, date1904: date1904)
                case .time: shown = XLSXCellText.time(serial: serial, elapsed: false)
                case .duration: shown = XLSXCellText.time(serial: serial, elapsed: true)
                case .number: shown = nil
                }
                if let shown { return shown }
            }
            return XLSXCellText.number(value)
        }
    }

    private func place(_ text: String, at column: Int) {
        if column < row.count {
            row[column] = text
            return
        }
        let added = column - row.count + 1
        cells += added
        guard cells <= maximumCells else {
            failure = SpreadsheetError(.tooLarge, detail: "more than \(maximumCells) cells")
            return
        }
        if added > 1 { row.append(contentsOf: repeatElement("", count: added - 1)) }
        row.append(text)
    }

    private func storeRow() {
        defer { row = [] }
        guard !row.isEmpty else { return }
        if rowIndex < rows.count {
            // A row listed again or out of order: its cells go over what is there.
            var existing = rows[rowIndex]
            for (column, text) in row.enumerated() where !text.isEmpty {
                if column < existing.count {
                    existing[column] = text
                } else {
                    existing.append(contentsOf: repeatElement("", count: column - existing.count))
                    existing.append(text)
                    cells += 1
                }
            }
            rows[rowIndex] = existing
            return
        }
        let gap = rowIndex - rows.count
        cells += gap
        guard cells <= maximumCells else {
            failure = SpreadsheetError(.tooLarge, detail: "more than \(maximumCells) cells")
            return
        }
        if gap > 0 { rows.append(contentsOf: repeatElement([], count: gap)) }
        rows.append(row)
    }
}
