import Foundation
import LamTheoSpreadsheet
import Testing
import ZIPFoundation

/// Builds XLSX files by hand for the reader's tests: XML parts zipped with ZIPFoundation, and ZIPs whose central
/// directory is then altered to lie about sizes.
enum XLSXTestZip {
    /// A ZIP of the parts, in order, deflated (or stored).
    static func make(_ parts: [(String, String)], compression: CompressionMethod = .deflate) throws -> Data {
        try make(parts.map { ($0.0, Data($0.1.utf8)) }, compression: compression)
    }

    static func make(_ parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: compression, bufferSize: 64 * 1024) { position, size in
                let start = Int(position)
                return bytes.subdata(in: start..<min(bytes.count, start + size))
            }
        }
        return try #require(archive.data)
    }

    /// The central directory entry of `path`: its offset in `data`.
    static func centralDirectoryOffset(of path: String, in data: Data) throws -> Int {
        let bytes = [UInt8](data)
        var eocd = bytes.count - 22
        while eocd >= 0, !(bytes[eocd] == 0x50 && bytes[eocd + 1] == 0x4B && bytes[eocd + 2] == 0x05 && bytes[eocd + 3] == 0x06) {
            eocd -= 1
        }
        try #require(eocd >= 0)
        let count = Int(u16(bytes, eocd + 10))
        var cursor = Int(u32(bytes, eocd + 16))
        for _ in 0..<count {
            let nameLength = Int(u16(bytes, cursor + 28))
            let extra = Int(u16(bytes, cursor + 30))
            let comment = Int(u16(bytes, cursor + 32))
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            if name == path { return cursor }
            cursor += 46 + nameLength + extra + comment
        }
        throw XLSXTestError.noSuchEntry(path)
    }

    /// `data` with the sizes the central directory declares for `path` replaced.
    static func declaring(_ path: String, in data: Data, compressedSize: UInt32? = nil,
                          uncompressedSize: UInt32? = nil) throws -> Data {
        let offset = try centralDirectoryOffset(of: path, in: data)
        var bytes = [UInt8](data)
        if let compressedSize { put(&bytes, offset + 20, compressedSize) }
        if let uncompressedSize { put(&bytes, offset + 24, uncompressedSize) }
        return Data(bytes)
    }

    /// The sizes the central directory declares for `path`.
    static func declaredSizes(of path: String, in data: Data) throws -> (compressed: UInt32, uncompressed: UInt32) {
        let offset = try centralDirectoryOffset(of: path, in: data)
        let bytes = [UInt8](data)
        return (u32(bytes, offset + 20), u32(bytes, offset + 24))
    }

    /// The text of one entry.
    static func text(of path: String, in data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path])
        var out = Data()
        _ = try archive.extract(entry) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same entries, zipped again with another compression method.
    static func rezipped(_ data: Data, compression: CompressionMethod) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts.append((entry.path, bytes))
        }
        return try make(parts, compression: compression)
    }

    static func paths(in data: Data) throws -> [String] {
        try Archive(data: data, accessMode: .read).map(\.path)
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    private static func put(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    }
}

enum XLSXTestError: Error {
    case noSuchEntry(String)
}

/// The XML parts of a minimal workbook.
enum XLSXTestParts {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    /// `xl/workbook.xml` listing the sheets as rId1, rId2…
    static func workbook(_ names: [String], date1904: Bool = false) -> String {
        let sheets = names.enumerated().map { index, name in
            "<sheet name=\"\(name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(main)" xmlns:r="\(relationships)">\
            \(date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")<sheets>\(sheets)</sheets></workbook>
            """
    }

    /// `xl/_rels/workbook.xml.rels`: rIdN → worksheets/sheetN.xml, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var relationships = (1...sheetCount).map {
            "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }
        relationships.append("<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        relationships.append("<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships.joined())</Relationships>
            """
    }

    /// A worksheet part with the given `<sheetData>` content.
    static func sheet(_ sheetData: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)" xmlns:r="\(relationships)"><sheetData>\(sheetData)</sheetData></worksheet>
        """
    }

    /// Styles: cellXfs 0 General, 1 built-in 14 (date), 2 custom "dd/mm/yyyy", 3 built-in 20 (h:mm),
    /// 4 custom `#,##0" ngày"` (a number, with a "y" inside quotes), 5 custom "[h]:mm:ss", 6 built-in 22 (date time).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="\(main)"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
        <numFmt numFmtId="165" formatCode="#,##0&quot; ngày&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>\
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="1"><fill><patternFill patternType="none"/></fill></fills>\
        <borders count="1"><border/></borders>\
        <cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="7"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="22" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
        """

    static func sharedStrings(_ items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(main)" count="\(items.count)" uniqueCount="\(items.count)">\(items.map { "<si>\($0)</si>" }.joined())</sst>
        """
    }

    /// A whole package: one worksheet per entry of `sheets` (name, sheetData content), with styles and shared
    /// strings (each item is the inside of an `<si>`).
    static func package(sheets: [(String, String)], sharedStrings items: [String] = [], date1904: Bool = false)
        -> [(String, String)] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbook(sheets.map(\.0), date1904: date1904)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles),
            ("xl/sharedStrings.xml", sharedStrings(items)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", self.sheet(sheet.1)))
        }
        return parts
    }
}

/// The reason of the `SpreadsheetError` an expression throws, nil when it throws nothing or something else.
func xlsxReason(_ body: () throws -> Void) -> SpreadsheetError.Reason? {
    do {
        try body()
        return nil
    } catch let error as SpreadsheetError {
        return error.reason
    } catch {
        return nil
    }
}

extension String {
    /// The Unicode scalars, to compare without canonical equivalence (String's == treats NFC and NFD as equal).
    var xlsxScalars: [UInt32] { unicodeScalars.map(\.value) }
}

/// A small deterministic generator (SplitMix64), for test data that does not compress well.
struct XLSXTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
