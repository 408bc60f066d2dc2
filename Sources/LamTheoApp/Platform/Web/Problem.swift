import LamTheoCore
import Vapor

/// An RFC 9457 problem document: how every API error is answered (`application/problem+json`).
struct Problem: Content {
    struct InvalidField: Content {
        let field: String
        let detail: String
    }

    let type: String
    let title: String
    let status: Int
    let detail: String?
    let instance: String
    let errors: [InvalidField]?
}

extension HTTPMediaType {
    static let problemJSON = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}

/// Turns every error into an answer the caller understands, in their language: problem+json under
/// `/api`, an HTML page elsewhere. Unexpected errors are logged and described without internals.
struct ErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let description = ErrorDescription(error, language: request.language)
            if description.status == .internalServerError {
                request.logger.report(error: error)
            }
            let response = request.isAPI
                ? try problemResponse(description, for: request)
                : ErrorPage(description: description).response(for: request, status: description.status)
            for (name, value) in description.headers where name.lowercased() != "content-type" {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            return response
        }
    }

    private func problemResponse(_ description: ErrorDescription, for request: Request) throws -> Response {
        let problem = Problem(
            type: "urn:lamtheo:problem:\(description.kind)",
            title: description.title,
            status: Int(description.status.code),
            detail: description.fieldErrors.isEmpty ? nil : description.fieldErrors.map { "\($0.field): \($0.detail)" }.joined(separator: "; "),
            instance: request.url.path,
            errors: description.fieldErrors.isEmpty ? nil : description.fieldErrors
        )
        let response = Response(status: description.status)
        try response.content.encode(problem, using: JSONEncoder.lamtheo)
        response.headers.contentType = .problemJSON
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        return response
    }
}

/// The parts of an error a user may see, already in their language.
struct ErrorDescription {
    let status: HTTPResponseStatus
    let kind: String
    let title: String
    let fieldErrors: [Problem.InvalidField]
    /// Headers the answer must carry (`Allow` with a 405, `Retry-After` with a 429 or 503).
    var headers: HTTPHeaders = [:]

    init(_ error: any Error, language: UILanguage) {
        switch error {
        case let domain as DomainError:
            switch domain.kind {
            case .invalid: (status, kind) = (.unprocessableEntity, "invalid")
            case .malformed: (status, kind) = (.badRequest, "malformed")
            case .conflict: (status, kind) = (.conflict, "conflict")
            case .notFound: (status, kind) = (.notFound, "not-found")
            case .unauthorized: (status, kind) = (.unauthorized, "unauthorized")
            case .forbidden: (status, kind) = (.forbidden, "forbidden")
            case .tooManyAttempts: (status, kind) = (.tooManyRequests, "too-many-attempts")
            case .unavailable: (status, kind) = (.serviceUnavailable, "unavailable")
            }
            if let seconds = domain.retryAfter { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            title = domain.title(language)
            fieldErrors = domain.fieldErrors.map { .init(field: $0.field, detail: $0.message(language)) }
        case let decoding as DecodingError:
            status = .badRequest
            kind = "malformed"
            let field = decoding.fieldPath
            title = LocalizedText(vi: "Nội dung gửi lên không đọc được", en: "The request body could not be read")(language)
            fieldErrors = [.init(field: field.isEmpty ? "body" : field,
                                 detail: LocalizedText(vi: "thiếu hoặc sai kiểu dữ liệu", en: "missing or of the wrong type")(language))]
        case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            // MultipartKit's parser errors are not public types; every one of them means a malformed body.
            status = .badRequest
            kind = "malformed"
            title = LocalizedText(vi: "Nội dung gửi lên không đọc được", en: "The request body could not be read")(language)
            fieldErrors = [.init(field: "body", detail: LocalizedText(vi: "biểu mẫu nhiều phần (multipart) không hợp lệ",
                                                                      en: "the multipart form is not valid")(language))]
        case let abort as any AbortError:
            status = abort.status
            kind = abort.status.code == 404 ? "not-found" : "http-\(abort.status.code)"
            title = ErrorDescription.standardTitle(for: abort.status, language: language) ?? abort.reason
            fieldErrors = []
            headers = abort.headers
        default:
            status = .internalServerError
            kind = "internal"
            title = LocalizedText(vi: "Lỗi hệ thống, xin thử lại sau", en: "Internal error, please try again later")(language)
            fieldErrors = []
        }
    }

    private static func standardTitle(for status: HTTPResponseStatus, language: UILanguage) -> String? {
        switch status.code {
        case 400: return LocalizedText(vi: "Yêu cầu không hợp lệ", en: "Bad request")(language)
        case 401: return LocalizedText(vi: "Cần đăng nhập", en: "Sign-in required")(language)
        case 403: return LocalizedText(vi: "Không có quyền truy cập", en: "Access denied")(language)
        case 404: return LocalizedText(vi: "Không tìm thấy", en: "Not found")(language)
        case 405: return LocalizedText(vi: "Phương thức không được hỗ trợ", en: "Method not allowed")(language)
        case 413: return LocalizedText(vi: "Dữ liệu gửi lên quá lớn", en: "Payload too large")(language)
        case 414: return LocalizedText(vi: "Địa chỉ yêu cầu quá dài", en: "The address is too long")(language)
        case 415: return LocalizedText(vi: "Định dạng dữ liệu không được hỗ trợ", en: "Unsupported media type")(language)
        case 431: return LocalizedText(vi: "Phần đầu yêu cầu quá lớn", en: "The request headers are too large")(language)
        default: return nil
        }
    }
}

extension DecodingError {
    /// `parentId`, `members[2].name`: where in the body the problem is.
    var fieldPath: String {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
}

extension JSONEncoder {
    /// ISO dates, sorted keys: stable output that diffs and caches well.
    static var lamtheo: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
