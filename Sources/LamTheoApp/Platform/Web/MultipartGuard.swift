import LamTheoCore
import Vapor

/// Checks a `multipart/form-data` body before anything parses it. MultipartKit stops the process on an
/// empty boundary (a precondition) and takes a body cut off before its closing delimiter for a whole one,
/// so: the boundary must be what RFC 2046 allows (1 to 70 characters of its set), and a body read whole
/// must end with the closing delimiter. A streamed upload (`postStreaming`) is checked by its own reader.
struct MultipartGuardMiddleware: AsyncMiddleware {
    private static let boundaryCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".unicodeScalars)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let contentType = request.headers.contentType, contentType.type == "multipart" else {
            return try await next.respond(to: request)
        }
        guard let boundary = Self.validBoundary(contentType.parameters["boundary"]) else {
            throw Self.malformed(LocalizedText(vi: "ranh giới (boundary) của biểu mẫu nhiều phần thiếu hoặc không hợp lệ",
                                               en: "the multipart boundary is missing or not valid"))
        }
        if request.route?.streamsBody != true {
            try await request.collectBody()
            guard let body = request.body.data, Self.endsWithClosingDelimiter(body, boundary: boundary) else {
                throw Self.malformed(LocalizedText(vi: "biểu mẫu nhiều phần bị cắt ngang hoặc thiếu dấu kết thúc",
                                                   en: "the multipart body is truncated or has no closing delimiter"))
            }
        }
        return try await next.respond(to: request)
    }

    static func validBoundary(_ boundary: String?) -> String? {
        guard let boundary, (1...70).contains(boundary.unicodeScalars.count), !boundary.hasSuffix(" "),
              boundary.unicodeScalars.allSatisfy(boundaryCharacters.contains) else { return nil }
        return boundary
    }

    /// `--boundary--`, followed by nothing but line breaks and spaces (RFC 2046's epilogue is ignored).
    private static func endsWithClosingDelimiter(_ body: ByteBuffer, boundary: String) -> Bool {
        let bytes = body.readableBytesView
        let trailing = bytes.reversed().prefix { $0 == 0x0D || $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }.count
        let delimiter = Array("--\(boundary)--".utf8)
        let end = bytes.endIndex - trailing
        guard end - bytes.startIndex >= delimiter.count else { return false }
        return bytes[(end - delimiter.count)..<end].elementsEqual(delimiter)
    }

    static func malformed(_ detail: LocalizedText) -> DomainError {
        DomainError.malformed(field: "body", detail)
    }
}
