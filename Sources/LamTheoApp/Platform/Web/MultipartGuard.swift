import LamTheoCore
import Vapor

/// Checks a `multipart/form-data` body before anything parses it. MultipartKit stops the process on an
/// empty boundary (a precondition) and takes a body cut off before its closing delimiter for a whole one,
/// so: the boundary must be what RFC 2046 allows (1 to 70 characters of its set), and a body read whole
/// must end with the closing delimiter, and its parts' header names must be ASCII (see
/// `MultipartHeaderNames`). A streamed upload (`postStreaming`) is checked by its own reader.
struct MultipartGuardMiddleware: AsyncMiddleware {
    private static let boundaryCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".unicodeScalars)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let contentType = request.headers.contentType, contentType.type == "multipart" else {
            return try await next.respond(to: request)
        }
        guard let boundary = Self.validBoundary(contentType.parameters["boundary"]) else { throw Self.boundaryRefused }
        if request.route?.streamsBody != true {
            try await request.collectBody()
            guard let body = request.body.data, Self.endsWithClosingDelimiter(body, boundary: boundary) else {
                throw Self.malformed(LocalizedText(vi: "biểu mẫu nhiều phần bị cắt ngang hoặc thiếu dấu kết thúc",
                                                   en: "the multipart body is truncated or has no closing delimiter"))
            }
            var names = MultipartHeaderNames(boundary: boundary)
            guard names.scan(body.readableBytesView) else { throw Self.headerNameRefused }
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

    static let boundaryRefused = malformed(LocalizedText(vi: "ranh giới (boundary) của biểu mẫu nhiều phần thiếu hoặc không hợp lệ",
                                                         en: "the multipart boundary is missing or not valid"))
    static let headerNameRefused = malformed(LocalizedText(vi: "tên trường đầu của một phần trong biểu mẫu có ký tự không hợp lệ",
                                                           en: "a part's header name holds a character that is not allowed"))

    static func malformed(_ detail: LocalizedText) -> DomainError {
        DomainError.malformed(field: "body", detail)
    }
}

/// MultipartKit reads a part's header names through a table of the 128 ASCII characters and stops the
/// process on any other byte. This scanner, fed the body piece by piece, finds the header names of every
/// part (after each `--boundary` line, up to the blank line) and says whether all of them are ASCII, so
/// that a body that would stop the parser is refused before it reaches it. Header values may hold UTF-8
/// (browsers send `filename="ảnh.jpg"` as it is).
struct MultipartHeaderNames {
    private enum State { case body, delimiterEnd, name, value }

    private let delimiter: [UInt8]
    private let fallback: [Int]
    private var matched = 0
    private var state = State.body
    private var lineStart = true

    init(boundary: String) {
        // The delimiter can only start a line, so the one before the first part may have no line break.
        delimiter = Array("--\(boundary)".utf8)
        // Knuth–Morris–Pratt: where a partial match resumes after a mismatch, so that a delimiter split
        // across two pieces of the body is still found.
        var fallback = [0]
        var length = 0
        for index in delimiter.indices.dropFirst() {
            while length > 0 && delimiter[index] != delimiter[length] { length = fallback[length - 1] }
            if delimiter[index] == delimiter[length] { length += 1 }
            fallback.append(length)
        }
        self.fallback = fallback
    }

    /// False as soon as a header name holds a byte beyond ASCII.
    mutating func scan(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch state {
            case .body:
                while matched > 0 && byte != delimiter[matched] { matched = fallback[matched - 1] }
                if byte == delimiter[matched] { matched += 1 }
                if matched == delimiter.count {
                    matched = 0
                    state = .delimiterEnd
                }
            case .delimiterEnd:
                // `--` closes the body (the rest is an epilogue); otherwise the line ends and headers follow.
                if byte == UInt8(ascii: "\n") {
                    state = .name
                    lineStart = true
                } else if byte == UInt8(ascii: "-") {
                    state = .body
                }
            case .name:
                if byte == UInt8(ascii: "\n") {
                    // A blank line ends the headers.
                    if lineStart { state = .body }
                    lineStart = true
                } else if byte == UInt8(ascii: ":") {
                    state = .value
                } else if byte != UInt8(ascii: "\r") {
                    guard byte < 0x80 else { return false }
                    lineStart = false
                }
            case .value:
                if byte == UInt8(ascii: "\n") {
                    state = .name
                    lineStart = true
                }
            }
        }
        return true
    }
}
