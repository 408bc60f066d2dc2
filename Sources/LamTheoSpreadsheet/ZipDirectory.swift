import Foundation

/// What a ZIP file holds, read from its central directory without inflating anything: enough to tell a
/// DOCX (a ZIP with `word/document.xml`) from any other ZIP.
public enum ZipDirectory {
    /// False for data that is not a readable ZIP.
    public static func contains(_ entryName: String, in data: Data) -> Bool {
        (try? XLSXZipReader(data, maxUncompressedBytes: 0))?.entry(entryName) != nil
    }
}
