import Crypto
import Foundation
import LamTheoCore
import LamTheoSpreadsheet
import Vapor

/// The kinds of file a document, a reflection or a check-in's evidence may carry, told apart by their first
/// bytes, never by the name's extension: a renamed program is refused whatever it is called.
enum AttachmentType: CaseIterable {
    case pdf
    case docx
    case jpeg
    case png

    static let maximumSize = 20 * 1024 * 1024
    /// A request carrying one file of `maximumSize` and the rest of a form (base64 in JSON takes a third more).
    static let uploadLimit: ByteCount = "30mb"
    /// What documents and reflections take.
    static let documents: [AttachmentType] = [.pdf, .docx]
    /// What a check-in's evidence takes: a document, a scan or a photo.
    static let evidence: [AttachmentType] = [.pdf, .docx, .jpeg, .png]

    var mediaType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        }
    }

    var name: String {
        switch self {
        case .pdf: return "PDF"
        case .docx: return "DOCX"
        case .jpeg: return "JPEG"
        case .png: return "PNG"
        }
    }

    /// A PDF starts with `%PDF-`; a DOCX is a ZIP holding `word/document.xml` (an XLSX or a plain ZIP does not);
    /// a JPEG starts with FF D8 FF, a PNG with its eight-byte signature.
    init?(sniffing data: Data) {
        if data.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else if data.starts(with: [0x50, 0x4B, 0x03, 0x04]), ZipDirectory.contains("word/document.xml", in: data) {
            self = .docx
        } else if data.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
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
        Response.download(try read(key), named: fileName, mediaType: mediaType)
    }
}

/// An uploaded file after checking: its name without any path, its type read from its bytes, and the bytes.
struct CheckedAttachment {
    let fileName: String
    let type: AttachmentType
    let data: Data
}

extension LamTheoCore.Validator {
    /// A file of one of `types` (by default a PDF or DOCX) of at most `AttachmentType.maximumSize`, whatever its name says.
    mutating func attachment(named rawName: String?, _ data: Data, field: String,
                             accepting types: [AttachmentType] = AttachmentType.documents) -> CheckedAttachment? {
        // Browsers of some systems send the whole path; only the last part is the name.
        let baseName = (rawName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
        let fileName = requiredText(baseName, field: field, label: LocalizedText(vi: "Tên tệp", en: "File name"), maxLength: 255)
        let type = AttachmentType(sniffing: data).flatMap { types.contains($0) ? $0 : nil }
        if data.isEmpty {
            add(field, LocalizedText(vi: "Tệp rỗng", en: "The file is empty"))
        } else if data.count > AttachmentType.maximumSize {
            let megabytes = AttachmentType.maximumSize / 1_048_576
            add(field, LocalizedText(vi: "Tệp lớn quá \(megabytes) MB (\(VietnameseFormat.integer(data.count)) byte)",
                                     en: "The file is larger than \(megabytes) MB (\(data.count) bytes)"))
        } else if type == nil {
            let names = types.map(\.name)
            let list = { (conjunction: String) in names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last! }
            add(field, LocalizedText(vi: "Chỉ đính kèm được tệp \(list("hoặc")) (nội dung tệp này không phải \(list("hay")))",
                                     en: "Only \(list("and")) files can be attached (this file's content is \(names.count == 2 ? "neither" : "none of them"))"))
        }
        return type.map { CheckedAttachment(fileName: fileName, type: $0, data: data) }
    }

    /// An optional evidence file of a check-in, from a multipart part or JSON's `{"filename", "data": base64}`.
    /// A browser sends an empty part when no file was chosen: that is no file.
    mutating func evidence(_ file: File?, field: String) -> CheckedAttachment? {
        guard let file, file.data.readableBytes > 0 || !file.filename.isEmpty else { return nil }
        return attachment(named: file.filename, Data(buffer: file.data), field: field, accepting: AttachmentType.evidence)
    }
}

/// A row that may carry an evidence file (commitments' and breakthroughs' check-ins): where its bytes are
/// stored, the name it came with and its media type.
protocol EvidenceCarrying: AnyObject {
    var evidenceKey: String? { get set }
    var evidenceName: String? { get set }
    var evidenceType: String? { get set }
}

extension EvidenceCarrying {
    /// Stores the file's bytes (see `DocumentFileStore.save`) and records them on the row, which the caller saves.
    func attach(_ file: CheckedAttachment, in store: DocumentFileStore) throws {
        evidenceKey = try store.save(file.data)
        evidenceName = file.fileName
        evidenceType = file.type.mediaType
    }

    /// The evidence file as a download; not found when the row carries none.
    func evidenceDownload(from store: DocumentFileStore) throws -> Response {
        guard let key = evidenceKey else { throw Abort(.notFound) }
        return try store.download(key, named: evidenceName ?? "minh-chung", mediaType: evidenceType ?? "application/octet-stream")
    }

    /// "name (key)" for the audit trail: which file, unmistakably.
    var evidenceAuditValue: String? {
        evidenceKey.map { "\(evidenceName ?? "") (\($0))" }
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
