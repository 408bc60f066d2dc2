import Foundation
@testable import LamTheoApp
import NIOConcurrencyHelpers
import Vapor

/// Checks every answer under `/api/v1` that a test provokes against the OpenAPI document: the status must be one
/// the document lists for the operation (method and path template), and a JSON or problem+json body must fit the
/// schema documented for that status. Installed by `withTestApp`, which records what it found as the test's
/// issues, so that every API test also guards the document.
final class APIResponseAudit: AsyncMiddleware, Sendable {
    private let found = NIOLockedValueBox<[String]>([])

    /// What did not fit the document, in the order met.
    var findings: [String] { found.withLockedValue { $0 } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let path = request.url.path
        guard path.hasPrefix(Self.prefix + "/") else { return response }
        let problems = Self.problems(method: request.method.rawValue, path: String(path.dropFirst(Self.prefix.count)), response: response)
        if !problems.isEmpty {
            let line = "\(request.method) \(path) → \(response.status.code): " + problems.joined(separator: "; ")
            found.withLockedValue { if !$0.contains(line) { $0.append(line) } }
        }
        return response
    }

    static let prefix = "/api/v1"

    /// What is wrong with `response` as the answer to `method` on `path` (below `/api/v1`).
    static func problems(method: String, path: String, response: Response) -> [String] {
        // A path or method the document does not have is the route table test's business (and a 404 or 405).
        guard let (template, operation) = operation(method: method.lowercased(), path: path) else { return [] }
        let name = operation["operationId"]?.text ?? template
        let validator = JSONSchemaValidator()
        guard let documented = operation["responses"]?[String(response.status.code)].map(validator.dereferenced) else {
            return ["\(name) does not document the status \(response.status.code)"]
        }
        let mediaType = response.headers.contentType.map { "\($0.type)/\($0.subType)" }
        let body = response.body.buffer.map { Data(buffer: $0) } ?? response.body.data ?? Data()
        guard let content = documented["content"]?.members else {
            return body.isEmpty ? [] : ["\(name) documents no body for \(response.status.code), the answer has \(body.count) bytes"]
        }
        guard let mediaType, let entry = content[mediaType] else {
            return ["\(name) documents \(content.keys.sorted().joined(separator: ", ")) for \(response.status.code), the answer is \(mediaType ?? "untyped")"]
        }
        guard mediaType == "application/json" || mediaType == "application/problem+json", let schema = entry["schema"] else { return [] }
        do {
            return validator.errors(of: try JSONTree(json: body), against: schema).map { "\(name): \($0)" }
        } catch {
            return ["\(name): the body is not JSON: \(error)"]
        }
    }

    /// The documented operation a request reaches. The path is matched first, as the server does (`RouteMethods`):
    /// of the templates that fit, the one whose segments are literal furthest along; a method that path does not
    /// have is then a 405, and no operation.
    static func operation(method: String, path: String) -> (template: String, operation: JSONTree)? {
        let segments = path.split(separator: "/").map(String.init)
        let candidates = JSONTree.apiDocument["paths"]?.members.compactMap { template, operations -> ([Bool], String, JSONTree)? in
            let parts = template.split(separator: "/").map(String.init)
            guard parts.count == segments.count else { return nil }
            var literal: [Bool] = []
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") { literal.append(false) } else if part == segment { literal.append(true) } else { return nil }
            }
            return (literal, template, operations)
        } ?? []
        guard let best = candidates.max(by: { lower, higher in lower.0.lexicographicallyPrecedes(higher.0) { !$0 && $1 } }),
              let operation = best.2[method] else { return nil }
        return (best.1, operation)
    }
}
