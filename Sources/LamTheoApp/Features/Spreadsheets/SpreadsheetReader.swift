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
    static func read(_ data: Data, sheet: String?) async throws -> SpreadsheetTable {
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
                rows = try await BlockingWork.run { try XLSXReader.read(data, sheet: sheet).rows }
            } else {
                let decoded = try await BlockingWork.run { try CSVFile.decode(data) }
                encoding = decoded.encoding
                rows = try await BlockingWork.run { try CSVFile.parse(decoded.text) }
            }
        } catch let error as SpreadsheetError {
            throw fileError(LocalizedText(vi: error.vietnamese, en: error.english))
        } catch let error as TabularError {
            throw fileError(LocalizedText(vi: error.vietnamese, en: error.english))
        }
        // The font is decided for the whole file when it can be, then applied cell by cell: a short cell
        // alone ("Chi bé") can read as Unicode or as either font, but not among the file's other cells. A
        // file mixing both fonts (pasted together from two offices) is repaired cell by cell. Cells are
        // analysed on every core; only those that read as a legacy font on their own count for the file's font.
        let legacyCells = await rows.concurrentMap { row in
            row.indices.filter { !row[$0].utf8.allSatisfy { $0 < 0x80 } && LegacyVietnamese.detect(row[$0]) != nil }
        }
        let fileFont = LegacyVietnamese.detect(in: zip(rows, legacyCells).lazy.flatMap { row, columns in columns.map { row[$0] } })
        var legacy = fileFont
        var converted = 0
        if fileFont != nil || legacyCells.contains(where: { !$0.isEmpty }) {
            let repaired = await Array(zip(rows, legacyCells)).concurrentMap { row, flagged in repair(row, flagged: flagged, fileFont: fileFont) }
            rows = repaired.map(\.cells)
            converted = repaired.reduce(0) { $0 + $1.converted }
            legacy = legacy ?? repaired.lazy.compactMap(\.font).first
        }
        guard let header = rows.first, header.contains(where: { !$0.isEmpty }) else {
            throw fileError(LocalizedText(vi: "Tệp không có dòng tiêu đề", en: "The file has no header row"))
        }
        return SpreadsheetTable(rows: rows, fileEncoding: encoding, legacyEncoding: legacy, convertedCells: converted)
    }

    /// A row's cells repaired: with the file's font, every non-ASCII cell that reads as it; without one, the
    /// cells that read as a legacy font on their own (`flagged`), each in its own.
    private static func repair(_ row: [String], flagged: [Int], fileFont: LegacyVietnameseEncoding?)
        -> (cells: [String], converted: Int, font: LegacyVietnameseEncoding?) {
        var cells = row
        var converted = 0
        var found: LegacyVietnameseEncoding?
        for column in fileFont == nil ? flagged : row.indices.filter({ !row[$0].utf8.allSatisfy { $0 < 0x80 } }) {
            let repaired = fileFont.map { font in LegacyVietnamese.repair(row[column], assuming: font).map { ($0, font) } }
                ?? LegacyVietnamese.repair(row[column]).map { ($0.text, $0.encoding) }
            if let (text, font) = repaired {
                cells[column] = text
                converted += 1
                found = found ?? font
            }
        }
        return (cells, converted, found)
    }

    /// A row with nothing but spaces and tabs in it, which imports pass over: what Foundation's
    /// `.whitespaces` trims, tested scalar by scalar because it runs for every row.
    static func isBlank(_ row: [String]) -> Bool {
        row.allSatisfy { $0.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } }
    }

    private static func fileError(_ message: LocalizedText) -> DomainError {
        DomainError.invalid(field: "file", message)
    }
}
