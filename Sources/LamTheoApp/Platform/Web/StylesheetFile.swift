import Crypto
import Foundation
import Vapor
import ZIPFoundation

/// A stylesheet served as a file: its bytes made once, not per request, as they are and compressed with gzip (every
/// browser asks for gzip: a phone on a slow network gets a quarter of the bytes), each with an ETag of its own, so that
/// a browser holding it after its hour in the cache gets a 304 without the body. Both stylesheets (the app's, the
/// public sites') are answered through it. A stylesheet holds no secret, so compressing it reveals nothing (pages,
/// which hold the form token beside what the reader typed, are not compressed).
struct StylesheetFile: Responder {
    private let plain: Representation
    /// Absent only if zlib refused to compress (it does not for bytes in memory): then every browser gets the plain file.
    private let gzipped: Representation?

    /// The bytes and the headers that go with them, made once.
    private struct Representation: Sendable {
        let bytes: ByteBuffer
        let etag: String
        let headers: HTTPHeaders

        init(bytes: ByteBuffer, etag: String, encoding: String?) {
            self.bytes = bytes
            self.etag = etag
            var headers = HTTPHeaders()
            headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            headers.cacheControl = .init(maxAge: 3600)
            headers.add(name: .eTag, value: etag)
            headers.add(name: .vary, value: "Accept-Encoding")
            if let encoding { headers.add(name: .contentEncoding, value: encoding) }
            // Tells the response compressor Vapor puts before every answer that this one is settled as it is, before it
            // parses the content type to decide (the compressor takes the marker out).
            headers.responseCompression = .disable
            self.headers = headers
        }
    }

    init(_ css: String) {
        let hash = String(SHA256.hash(data: Data(css.utf8)).hex.prefix(20))
        plain = Representation(bytes: ByteBuffer(string: css), etag: "\"\(hash)\"", encoding: nil)
        gzipped = (try? Self.gzip(Data(css.utf8))).map { Representation(bytes: ByteBuffer(bytes: $0), etag: "\"\(hash)-gzip\"", encoding: "gzip") }
    }

    func respond(to request: Request) -> EventLoopFuture<Response> {
        request.eventLoop.makeSucceededFuture(response(for: request))
    }

    func response(for request: Request) -> Response {
        let chosen = (Self.acceptsGzip(request.headers[.acceptEncoding]) ? gzipped : nil) ?? plain
        if request.headers[.ifNoneMatch].contains(where: { $0.contains(chosen.etag) }) {
            return Response(status: .notModified, headers: chosen.headers)
        }
        return Response(status: .ok, headers: chosen.headers, body: .init(buffer: chosen.bytes))
    }

    /// Whether an `Accept-Encoding` header admits gzip: named without `q=0`, or not named and `*` without `q=0`
    /// (RFC 9110: a coding named decides for itself).
    static func acceptsGzip(_ values: [String]) -> Bool {
        var qualities: [String: Double] = [:]
        for entry in values.lazy.flatMap({ $0.split(separator: ",") }) {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { continue }
            qualities[coding] = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
        }
        return (qualities["gzip"] ?? qualities["*"] ?? 0) > 0
    }

    /// A gzip member (RFC 1952) around zlib's raw deflate of `data`: header, deflated bytes, CRC-32 and length.
    static func gzip(_ data: Data) throws -> [UInt8] {
        var deflated: [UInt8] = []
        let crc = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { deflated += $0 })
        let size = UInt32(truncatingIfNeeded: data.count)
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + deflated
            + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> $0) } + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: size >> $0) }
    }
}
