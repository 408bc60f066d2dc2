import Foundation

/// A relationship of a `.rels` part.
struct XLSXRelationship: Sendable {
    var id: String
    var type: String
    var target: String
    var external: Bool
}

/// Reads a `.rels` part.
final class XLSXRelationshipsHandler: XLSXSAXHandler {
    private(set) var relationships: [XLSXRelationship] = []

    override func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship" else { return }
        relationships.append(XLSXRelationship(
            id: attributes["Id"] ?? "",
            type: attributes["Type"] ?? "",
            target: attributes["Target"] ?? "",
            external: attributes["TargetMode"]?.lowercased() == "external"))
    }
}

/// A sheet as `xl/workbook.xml` lists it.
struct XLSXSheetEntry: Sendable {
    var name: String
    var relationshipID: String?
}

/// Reads `xl/workbook.xml`: the sheets in order, and the date system.
final class XLSXWorkbookHandler: XLSXSAXHandler {
    private(set) var sheets: [XLSXSheetEntry] = []
    private(set) var date1904 = false
    private var inSheets = false

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "workbookPr":
            if let value = attributes["date1904"]?.lowercased() {
                date1904 = value == "1" || value == "true"
            }
        case "sheets":
            inSheets = true
        case "sheet" where inSheets:
            sheets.append(XLSXSheetEntry(name: attributes["name"] ?? "",
                                         relationshipID: Self.attribute("id", in: attributes)))
        default:
            break
        }
    }

    override func end(_ name: String) {
        if name == "sheets" { inSheets = false }
    }
}

/// Reads `xl/styles.xml`: for each cell format (`cellXfs`), how it shows a number.
final class XLSXStylesHandler: XLSXSAXHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false
    private var inNumFmts = false

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmts":
            inNumFmts = true
        case "numFmt" where inNumFmts:
            if let id = attributes["numFmtId"].flatMap(XLSXCellText.integer), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            formatIDs.append(attributes["numFmtId"].flatMap(XLSXCellText.integer) ?? 0)
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "numFmts": inNumFmts = false
        case "cellXfs": inCellXfs = false
        default: break
        }
    }

    /// How each cell format index (a cell's `s`) shows a number.
    var kinds: [XLSXCellText.NumberKind] {
        formatIDs.map { id in
            if let code = customFormats[id] { return XLSXCellText.kind(ofFormatCode: code) }
            return XLSXCellText.kind(ofBuiltInFormat: id)
        }
    }
}

/// Reads `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` elements, rich-text runs joined, phonetic
/// runs (`<rPh>`) left out, `_xHHHH_` escapes decoded.
final class XLSXSharedStringsHandler: XLSXSAXHandler {
    private(set) var strings: [String] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var current = ""
    private let maximumCount: Int

    init(maximumCount: Int) {
        self.maximumCount = maximumCount
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "sst":
            if let count = attributes["uniqueCount"].flatMap(XLSXCellText.integer), count > 0 {
                strings.reserveCapacity(min(count, maximumCount, 4_000_000))
            }
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t" where inItem && phoneticDepth == 0:
            inText = true
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si":
            inItem = false
            guard strings.count < maximumCount else {
                failure = SpreadsheetError(.tooLarge, detail: "more than \(maximumCount) shared strings")
                return
            }
            strings.append(XLSXCellText.decodingEscapes(current))
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    override func text(_ string: String) {
        if inText { current += string }
    }
}
