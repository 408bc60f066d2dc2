import Foundation

/// Reads the sheets of an XLSX file (Office Open XML SpreadsheetML, as Excel, LibreOffice and Google Sheets write
/// it) as text.
///
/// - The file is checked before anything else: an OLE compound file (D0 CF 11 E0: a password-protected XLSX or an
///   old .xls) is `encrypted`; anything that is not a ZIP is `notASpreadsheet`, and so is a ZIP that is clearly
///   another kind of document (a Word or PowerPoint file, an OpenDocument file); a ZIP without a workbook, or with
///   XML that does not parse, is `corrupt`.
/// - Limits (see `XLSXZipReader`): the parts read decompress to at most `maxUncompressedBytes` together, a part of
///   more than 1 MiB to at most 100 times its compressed size, and inflating stops as soon as a part gives more than
///   it declared. The cells kept (with the "" that pad a row up to a cell) are at most
///   `max(1,000,000, maxUncompressedBytes / 16)`. Over any limit is `tooLarge`.
/// - The sheet and the shared strings are inflated on a second thread and streamed through Foundation's SAX
///   `XMLParser`, so memory holds the compressed file, the shared strings and the rows, never the sheet's XML.
/// - Only the parts needed are read: the package and workbook relationships, the workbook, the styles (for dates),
///   the shared strings and the one sheet.
///
/// Both functions are synchronous and CPU-bound (about a second per 50,000 rows of 15 columns in a release build):
/// call them off the event loop.
public enum XLSXReader {
    /// The default for `maxUncompressedBytes`.
    public static let defaultMaxUncompressedBytes = 300_000_000

    /// Names of the sheets, in workbook order (hidden sheets and chart sheets included).
    public static func sheetNames(in data: Data) throws -> [String] {
        var package = try XLSXPackage(data, maxUncompressedBytes: defaultMaxUncompressedBytes)
        return try package.workbook().sheets.map(\.name)
    }

    /// The first sheet, or the one named `sheet` (matched case-insensitively). `maxUncompressedBytes` defaults to
    /// 300 MB; each entry's ratio of uncompressed to compressed size must be at most 100 (check the ZIP's declared
    /// sizes before extracting, AND stop extraction if more bytes come out than declared).
    ///
    /// "The first sheet" is the first worksheet in workbook order (a chart sheet before it is passed over). A name is
    /// matched ignoring case and surrounding spaces; a sheet that is named but cannot be found is `sheetNotFound`
    /// with the name as `detail`.
    public static func read(_ data: Data, sheet: String? = nil,
                            maxUncompressedBytes: Int = 300_000_000) throws -> Worksheet {
        var package = try XLSXPackage(data, maxUncompressedBytes: maxUncompressedBytes)
        let workbook = try package.workbook()
        let chosen: XLSXPackage.Sheet
        if let sheet {
            let wanted = sheet.trimmingCharacters(in: .whitespaces).lowercased()
            guard let found = workbook.sheets.first(where: {
                $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted
            }) else {
                throw SpreadsheetError(.sheetNotFound, detail: sheet)
            }
            chosen = found
        } else {
            guard let first = workbook.sheets.first(where: \.isWorksheet) ?? workbook.sheets.first else {
                throw SpreadsheetError(.sheetNotFound)
            }
            chosen = first
        }
        let rows = try package.rows(of: chosen, in: workbook, maxUncompressedBytes: maxUncompressedBytes)
        return Worksheet(name: chosen.name, rows: rows)
    }
}

/// The parts of an XLSX package that reading needs, found through its relationships.
struct XLSXPackage {
    struct Sheet {
        var name: String
        /// The part, e.g. "xl/worksheets/sheet1.xml"; nil when the workbook's relationship is missing.
        var path: String?
        var isWorksheet: Bool
    }

    struct Workbook {
        var path: String
        var sheets: [Sheet]
        var date1904: Bool
        var stylesPath: String?
        var sharedStringsPath: String?
    }

    private var zip: XLSXZipReader

    init(_ data: Data, maxUncompressedBytes: Int) throws {
        let signature = Array(data.prefix(8))
        if signature.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw SpreadsheetError(.encrypted, detail: "OLE compound file")
        }
        guard signature.count >= 4, signature[0] == 0x50, signature[1] == 0x4B,
              (signature[2] == 0x03 && signature[3] == 0x04) || (signature[2] == 0x05 && signature[3] == 0x06)
                || (signature[2] == 0x07 && signature[3] == 0x08) else {
            throw SpreadsheetError(.notASpreadsheet, detail: "no ZIP signature")
        }
        zip = try XLSXZipReader(data, maxUncompressedBytes: maxUncompressedBytes)
    }

    /// The workbook part, its sheets and where the styles and shared strings are.
    mutating func workbook() throws -> Workbook {
        var workbookPath = "xl/workbook.xml"
        let packageRelationships = XLSXRelationshipsHandler()
        if try zip.parse("_rels/.rels", with: packageRelationships),
           let office = packageRelationships.relationships.first(where: {
               !$0.external && $0.type.hasSuffix("/officeDocument")
           }) {
            workbookPath = Self.resolve(office.target, from: "")
        }
        let handler = XLSXWorkbookHandler()
        guard try zip.parse(workbookPath, with: handler) else {
            if zip.entry("word/document.xml") != nil || zip.entry("ppt/presentation.xml") != nil
                || zip.entry("mimetype") != nil {
                throw SpreadsheetError(.notASpreadsheet, detail: "a ZIP document that is not a workbook")
            }
            throw SpreadsheetError(.corrupt, detail: "no workbook part (\(workbookPath))")
        }

        let directory = workbookPath.contains("/") ? String(workbookPath[...workbookPath.lastIndex(of: "/")!]) : ""
        let fileName = workbookPath.split(separator: "/").last.map(String.init) ?? workbookPath
        let relationshipsHandler = XLSXRelationshipsHandler()
        let hasRelationships = try zip.parse(directory + "_rels/" + fileName + ".rels", with: relationshipsHandler)
        var byID: [String: XLSXRelationship] = [:]
        for relationship in relationshipsHandler.relationships where !relationship.external && byID[relationship.id] == nil {
            byID[relationship.id] = relationship
        }
        func target(ofType suffix: String) -> String? {
            relationshipsHandler.relationships.first { !$0.external && $0.type.hasSuffix(suffix) }
                .map { Self.resolve($0.target, from: directory) }
        }

        var sheets: [Sheet] = []
        for (index, entry) in handler.sheets.enumerated() {
            if let id = entry.relationshipID, let relationship = byID[id] {
                sheets.append(Sheet(name: entry.name, path: Self.resolve(relationship.target, from: directory),
                                    isWorksheet: relationship.type.hasSuffix("/worksheet")))
            } else if !hasRelationships {
                // No relationships part at all: assume the conventional names.
                sheets.append(Sheet(name: entry.name, path: directory + "worksheets/sheet\(index + 1).xml", isWorksheet: true))
            } else {
                sheets.append(Sheet(name: entry.name, path: nil, isWorksheet: false))
            }
        }
        return Workbook(
            path: workbookPath, sheets: sheets, date1904: handler.date1904,
            stylesPath: target(ofType: "/styles") ?? (hasRelationships ? nil : directory + "styles.xml"),
            sharedStringsPath: target(ofType: "/sharedStrings") ?? (hasRelationships ? nil : directory + "sharedStrings.xml"))
    }

    /// The rows of a sheet.
    mutating func rows(of sheet: Sheet, in workbook: Workbook, maxUncompressedBytes: Int) throws -> [[String]] {
        guard let path = sheet.path else {
            throw SpreadsheetError(.corrupt, detail: "sheet \(sheet.name) has no part")
        }
        var kinds: [XLSXCellText.NumberKind] = []
        if let stylesPath = workbook.stylesPath {
            let styles = XLSXStylesHandler()
            if try zip.parse(stylesPath, with: styles) { kinds = styles.kinds }
        }
        let maximumCells = max(1_000_000, maxUncompressedBytes / 16)
        var sharedStrings: [String] = []
        if let sharedStringsPath = workbook.sharedStringsPath {
            let handler = XLSXSharedStringsHandler(maximumCount: maximumCells)
            if try zip.parse(sharedStringsPath, with: handler) { sharedStrings = handler.strings }
        }
        let handler = XLSXSheetHandler(sharedStrings: sharedStrings, numberKinds: kinds, date1904: workbook.date1904,
                                       maximumCells: maximumCells)
        guard try zip.parse(path, with: handler) else {
            throw SpreadsheetError(.corrupt, detail: "the part of sheet \(sheet.name) (\(path)) is missing")
        }
        return handler.rows
    }

    /// A relationship target as a part name: relative to the source part's folder, or absolute from the package
    /// root ("/xl/…"); "." and ".." resolved, percent-escapes decoded.
    static func resolve(_ target: String, from directory: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let joined = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : directory + decoded
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}
