import Crypto
import Foundation
import LamTheoCore
import LamTheoSpreadsheet
import Vapor

/// The kinds of file a document or a reflection may carry, told apart by their first bytes, never by the name's
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

    /// Stores `data` under its key (atomically; a file already there is the same content) and returns the key.
    func save(_ data: Data) throws -> String {
        let key = SHA256.hash(data: data).hex
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

extension DocumentFileStore {
    /// The stored bytes under their media type, as a download named after the original file.
    func download(_ key: String, named fileName: String, mediaType: String) throws -> Response {
        let response = Response(status: .ok, body: .init(data: try read(key)))
        response.headers.replaceOrAdd(name: .contentType, value: mediaType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        // RFC 6266: an ASCII fallback, then the real (Vietnamese) name percent-encoded.
        let fallback = fileName.map { character in
            character.isASCII && (character.isLetter || character.isNumber || "-._".contains(character))
                ? String(character) : VietnameseText.searchKey(String(character)).nonEmpty ?? "_"
        }.joined()
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? fallback
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
        return response
    }
}

/// An uploaded file after checking: its name without any path, and its type read from its bytes.
struct CheckedAttachment {
    let fileName: String
    let type: AttachmentType
}

extension LamTheoCore.Validator {
    /// A PDF or DOCX of at most `AttachmentType.maximumSize`, whatever its name says.
    mutating func attachment(named rawName: String?, _ data: Data, field: String) -> CheckedAttachment? {
        // Browsers of some systems send the whole path; only the last part is the name.
        let baseName = (rawName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
        let fileName = requiredText(baseName, field: field, label: LocalizedText(vi: "Tên tệp", en: "File name"), maxLength: 255)
        let type = AttachmentType(sniffing: data)
        if data.isEmpty {
            add(field, LocalizedText(vi: "Tệp rỗng", en: "The file is empty"))
        } else if data.count > AttachmentType.maximumSize {
            let megabytes = AttachmentType.maximumSize / 1_048_576
            add(field, LocalizedText(vi: "Tệp lớn quá \(megabytes) MB (\(VietnameseFormat.integer(data.count)) byte)",
                                     en: "The file is larger than \(megabytes) MB (\(data.count) bytes)"))
        } else if type == nil {
            add(field, LocalizedText(vi: "Chỉ đính kèm được tệp PDF hoặc DOCX (nội dung tệp này không phải PDF hay DOCX)",
                                     en: "Only PDF and DOCX files can be attached (this file's content is neither)"))
        }
        return type.map { CheckedAttachment(fileName: fileName, type: $0) }
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
