import Crypto
import Foundation
import LamTheoCore
import LamTheoSpreadsheet
import Vapor

/// The kinds of file a document may carry, told apart by their first bytes, never by the name's
/// extension: a renamed program is refused whatever it is called.
enum AttachmentType: CaseIterable {
    case pdf
    case docx

    static let maximumSize = 20 * 1024 * 1024

    var mediaType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// A PDF starts with `%PDF-`; a DOCX is a ZIP holding `word/document.xml` (an XLSX or a plain ZIP does not).
    init?(sniffing data: Data) {
        if data.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else if data.starts(with: [0x50, 0x4B, 0x03, 0x04]), ZipDirectory.contains("word/document.xml", in: data) {
            self = .docx
        } else {
            return nil
        }
    }
}

/// Where attachments' bytes live: a directory outside the database (`LAMTHEO_FILES_DIR`), each file named
/// by the SHA-256 of its content, so a user's file name never reaches the file system and the same file
/// attached twice is stored once.
struct DocumentFileStore: Sendable {
    let directory: URL

    static func key(of data: Data) -> String {
        SHA256.hash(data: data).hex
    }

    /// Stores `data` under its key (atomically; a file already there is the same content) and returns the key.
    func save(_ data: Data) throws -> String {
        let key = Self.key(of: data)
        let url = location(of: key)
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        }
        return key
    }

    func read(_ key: String) throws -> Data {
        try Data(contentsOf: location(of: key))
    }

    func remove(_ key: String) {
        try? FileManager.default.removeItem(at: location(of: key))
    }

    /// `ab/abcdef…`: a first level of 256 directories keeps each one small.
    private func location(of key: String) -> URL {
        directory.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent(key)
    }
}

extension Application {
    var documentFiles: DocumentFileStore {
        get { storage[DocumentFileStoreKey.self] ?? DocumentFileStore(directory: URL(fileURLWithPath: "lamtheo-files")) }
        set { storage[DocumentFileStoreKey.self] = newValue }
    }

    private struct DocumentFileStoreKey: StorageKey {
        typealias Value = DocumentFileStore
    }
}
