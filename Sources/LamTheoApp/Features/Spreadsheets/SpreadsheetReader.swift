import Foundation
import LamTheoCore
import LamTheoSpreadsheet

/// The rows of an uploaded file, whatever it is: XLSX (by its ZIP signature) or CSV in any of the
/// encodings offices write, with text typed in legacy Vietnamese fonts converted to Unicode.
struct SpreadsheetTable: Sendable {
    let rows: [[String]]
    /// How a CSV file was encoded; nil for XLSX.
    let fileEncoding: TextFileEncoding?
    /// The legacy font encoding found in cells, if any, and how many cells were converted.
    let legacyEncoding: LegacyVietnameseEncoding?
    let convertedCells: Int

    /// The largest file accepted, before decompression.
    static let maximumFileSize = 200_000_000

    /// - Throws: `DomainError` on the `file` field, in words a user understands.
    static func read(_ data: Data, sheet: String?) throws -> SpreadsheetTable {
        guard !data.isEmpty else {
            throw fileError(LocalizedText(vi: "Tệp trống", en: "The file is empty"))
        }
        guard data.count <= maximumFileSize else {
            throw fileError(LocalizedText(vi: "Tệp lớn quá 200 MB", en: "The file is larger than 200 MB"))
        }
        var rows: [[String]]
        var encoding: TextFileEncoding?
        do {
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                rows = try XLSXReader.read(data, sheet: sheet).rows
            } else {
                let decoded = try CSVFile.decode(data)
                encoding = decoded.encoding
                rows = try CSVFile.parse(decoded.text)
            }
        } catch let error as SpreadsheetError {
            throw fileError(LocalizedText(vi: error.vietnamese, en: error.english))
        } catch let error as TabularError {
            throw fileError(LocalizedText(vi: error.vietnamese, en: error.english))
        }
        var legacy: LegacyVietnameseEncoding?
        var converted = 0
        for row in rows.indices {
            for column in rows[row].indices {
                let cell = rows[row][column]
                if cell.utf8.allSatisfy({ $0 < 0x80 }) { continue }
                // Other text is tidied to NFC by the validators of the fields that keep it.
                if let repaired = LegacyVietnamese.repair(cell) {
                    rows[row][column] = repaired.text
                    legacy = legacy ?? repaired.encoding
                    converted += 1
                }
            }
        }
        guard let header = rows.first, header.contains(where: { !$0.isEmpty }) else {
            throw fileError(LocalizedText(vi: "Tệp không có dòng tiêu đề", en: "The file has no header row"))
        }
        return SpreadsheetTable(rows: rows, fileEncoding: encoding, legacyEncoding: legacy, convertedCells: converted)
    }

    private static func fileError(_ message: LocalizedText) -> DomainError {
        DomainError.invalid(field: "file", message)
    }
}
