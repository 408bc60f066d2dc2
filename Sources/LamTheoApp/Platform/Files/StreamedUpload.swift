import Foundation
import LamTheoCore
import Vapor

/// A file received in a request, kept in a temporary file instead of memory. Whoever receives it owns
/// the file and calls `discard()` when it is no longer needed.
struct UploadedFile: Sendable, Hashable {
    let url: URL
    /// The name the sender gave it, without any directory.
    let fileName: String
    let size: Int

    func discard() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Reads a large upload as it arrives (routes declared with `postStreaming`), writing the file to disk
/// piece by piece: a 200 MB import costs the server a few kilobytes of memory while it is received.
enum StreamedUpload {
    /// The whole body is the file (the API).
    static func body(of request: Request, fileName: String, limit: Int) async throws -> UploadedFile {
        let sink = try FileSink(fileName: fileName, limit: limit)
        do {
            for try await var buffer in request.body {
                try sink.write(&buffer)
            }
            return try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// A browser's `multipart/form-data` form: its short fields, and the part named `fileField` as a file
    /// (nil when the form had no file in it). Fields are small (64 KB in all at most).
    static func form(of request: Request, fileField: String, limit: Int) async throws -> (fields: [String: String], file: UploadedFile?) {
        guard let contentType = request.headers.contentType, contentType.type == "multipart", contentType.subType == "form-data" else {
            throw Abort(.unsupportedMediaType)
        }
        guard let boundary = MultipartGuardMiddleware.validBoundary(contentType.parameters["boundary"]) else {
            throw MultipartGuardMiddleware.boundaryRefused
        }
        let reader = MultipartFormReader(boundary: boundary, fileField: fileField, limit: limit)
        do {
            for try await buffer in request.body {
                try reader.execute(buffer)
            }
            return try reader.finish()
        } catch {
            reader.abandon()
            throw error
        }
    }
}

/// Writes received bytes to a new temporary file, refusing more than `limit` bytes.
private final class FileSink {
    let url: URL
    let fileName: String
    let limit: Int
    private let handle: FileHandle
    private var size = 0

    init(fileName: String, limit: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "Cannot create a temporary file for an upload")
        }
        handle = try FileHandle(forWritingTo: url)
        // Browsers on Windows may send the whole path (`C:\\Ảnh\\tệp.csv`).
        self.fileName = String(fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
        self.limit = limit
    }

    func write(_ buffer: inout ByteBuffer) throws {
        size += buffer.readableBytes
        guard size <= limit else { throw Abort(.payloadTooLarge) }
        if let bytes = buffer.readBytes(length: buffer.readableBytes) {
            try handle.write(contentsOf: bytes)
        }
    }

    func finish() throws -> UploadedFile {
        try handle.close()
        return UploadedFile(url: url, fileName: fileName, size: size)
    }

    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}

/// MultipartKit's streaming parser, fed the body piece by piece: the file part goes to a `FileSink`, the
/// other parts are collected as text.
private final class MultipartFormReader {
    static let fieldBytesLimit = 64 * 1_024

    private let parser: MultipartParser
    private var headerNames: MultipartHeaderNames
    private let fileField: String
    private let limit: Int
    private var headers: [String: String] = [:]
    private var partStarted = false
    private var field = ByteBuffer()
    private var fieldBytes = 0
    private var sink: FileSink?
    private var file: UploadedFile?
    private var fields: [String: String] = [:]
    private var failure: (any Error)?

    init(boundary: String, fileField: String, limit: Int) {
        parser = MultipartParser(boundary: boundary)
        headerNames = MultipartHeaderNames(boundary: boundary)
        self.fileField = fileField
        self.limit = limit
        parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
        parser.onBody = { [unowned self] buffer in receive(&buffer) }
        parser.onPartComplete = { [unowned self] in completePart() }
    }

    func execute(_ buffer: ByteBuffer) throws {
        guard headerNames.scan(buffer.readableBytesView) else { throw MultipartGuardMiddleware.headerNameRefused }
        do {
            try parser.execute(buffer)
        } catch let error as DomainError {
            throw error
        } catch {
            throw MultipartGuardMiddleware.malformed(LocalizedText(vi: "biểu mẫu nhiều phần không đọc được", en: "the multipart body could not be read"))
        }
        if let failure { throw failure }
    }

    func finish() throws -> (fields: [String: String], file: UploadedFile?) {
        guard sink == nil, !partStarted || headers.isEmpty else {
            throw MultipartGuardMiddleware.malformed(LocalizedText(vi: "biểu mẫu nhiều phần bị cắt ngang", en: "the multipart body is truncated"))
        }
        return (fields, file)
    }

    func abandon() {
        sink?.abandon()
        file?.discard()
    }

    private func receive(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        do {
            if !partStarted { try startPart() }
            if let sink {
                try sink.write(&buffer)
            } else {
                fieldBytes += buffer.readableBytes
                guard fieldBytes <= Self.fieldBytesLimit else { throw Abort(.payloadTooLarge) }
                field.writeBuffer(&buffer)
            }
        } catch {
            failure = error
        }
    }

    private func startPart() throws {
        partStarted = true
        let disposition = ContentDisposition(headers["content-disposition"] ?? "")
        if disposition.name == fileField, let fileName = disposition.fileName {
            guard file == nil else {
                throw MultipartGuardMiddleware.malformed(LocalizedText(vi: "biểu mẫu có nhiều hơn một tệp", en: "the form has more than one file"))
            }
            sink = try FileSink(fileName: fileName, limit: limit)
        }
    }

    private func completePart() {
        guard failure == nil else { return }
        do {
            if !partStarted { try startPart() }
            let name = ContentDisposition(headers["content-disposition"] ?? "").name
            if let sink {
                let received = try sink.finish()
                self.sink = nil
                // A file input left empty still sends a part, with no bytes and no name.
                if received.size == 0 && received.fileName.isEmpty { received.discard() } else { file = received }
            } else if let name {
                fields[name] = field.readString(length: field.readableBytes) ?? ""
            }
        } catch {
            failure = error
        }
        headers = [:]
        partStarted = false
        field.clear()
    }
}

/// `form-data; name="file"; filename="danh sách.csv"`: the two values a form part is known by.
private struct ContentDisposition {
    var name: String?
    var fileName: String?

    init(_ header: String) {
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            switch pair[0].lowercased() {
            case "name": name = value
            case "filename": fileName = value
            default: break
            }
        }
    }
}
