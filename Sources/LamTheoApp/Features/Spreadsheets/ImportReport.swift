import Foundation
import LamTheoCore
import Vapor

/// What an import did, or would do on a dry run: counts, every row-level error, the columns passed over, and
/// what was converted.
struct ImportReport: Sendable, Codable {
    struct RowError: Sendable, Codable, Hashable {
        /// The line of the file (the header is line 1).
        let line: Int
        /// The column's header as the template writes it; nil for the whole row.
        let column: String?
        let message: LocalizedText
    }

    var kind: SpreadsheetKind
    var fileName: String
    var fileEncoding: TextFileEncoding?
    var legacyEncoding: LegacyVietnameseEncoding?
    var convertedCells = 0
    var rows = 0
    var created = 0
    var changed = 0
    var unchanged = 0
    var errors: [RowError] = []
    /// Columns of the file that were not imported (on line 1, under the file's own header), which did not stop
    /// the import.
    var ignoredColumns: [RowError]
    /// False on a dry run, and when errors stopped the import: then nothing was written.
    var applied = false

    init(kind: SpreadsheetKind, fileName: String, table: SpreadsheetTable, columns: ColumnMap) {
        self.kind = kind
        self.fileName = fileName
        fileEncoding = table.fileEncoding
        legacyEncoding = table.legacyEncoding
        convertedCells = table.convertedCells
        ignoredColumns = columns.ignored
    }

    /// "12.345 dòng: 100 thêm mới, 3 thay đổi, 12.242 giữ nguyên" and the conversion note.
    func summary(_ language: UILanguage) -> String {
        var parts = [LocalizedText(
            vi: "\(VietnameseFormat.integer(rows)) dòng: \(VietnameseFormat.integer(created)) thêm mới, \(VietnameseFormat.integer(changed)) thay đổi, \(VietnameseFormat.integer(unchanged)) giữ nguyên",
            en: "\(rows) rows: \(created) new, \(changed) changed, \(unchanged) unchanged")(language)]
        if let legacyEncoding, convertedCells > 0 {
            let name = legacyEncoding == .tcvn3 ? "TCVN3 (ABC)" : "VNI"
            parts.append(LocalizedText(vi: "đã chuyển \(VietnameseFormat.integer(convertedCells)) ô từ bảng mã \(name) sang Unicode",
                                       en: "converted \(convertedCells) cells from \(name) to Unicode")(language))
        }
        if fileEncoding == .windows1258 {
            parts.append(LocalizedText(vi: "tệp CSV mã Windows-1258 đã được đọc thành Unicode", en: "the CSV file was read from Windows-1258")(language))
        }
        return parts.joined(separator: "; ")
    }
}

/// Thrown inside an import's transaction to roll all of it back (a dry run, or a refused row), carrying the
/// report to return instead.
struct ImportRollBack: Error {
    let report: ImportReport
}
