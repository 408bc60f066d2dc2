import Crypto
import Foundation
import Vapor

/// A stylesheet served as a file: its bytes made once, not per request, and an ETag of its content, so that a browser
/// holding it after its hour in the cache gets a 304 without the body. Both stylesheets (the app's, the public sites')
/// are answered through it.
struct StylesheetFile: Sendable {
    private let bytes: ByteBuffer
    private let etag: String

    init(_ css: String) {
        bytes = ByteBuffer(string: css)
        etag = "\"" + String(SHA256.hash(data: Data(css.utf8)).hex.prefix(20)) + "\""
    }

    func response(for request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.cacheControl = .init(maxAge: 3600)
        headers.replaceOrAdd(name: .eTag, value: etag)
        if request.headers[.ifNoneMatch].contains(where: { $0.contains(etag) }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: bytes))
    }
}
