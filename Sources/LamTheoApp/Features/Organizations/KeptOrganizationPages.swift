import Foundation
import LamTheoCore
import Vapor

/// The API's pages of units (`GET /api/v1/organizations`) as encoded, kept by this process for the next caller with the
/// same scope and question while `organization_generation` holds (the database counts up every change to the units'
/// table, 046; `GenerationKept`). A page is a few statements and fifty units' figures turned into JSON — most of a
/// small API read — and scripts and apps ask the same pages again and again. The key holds the caller's readable
/// subtrees: a page is given only to callers who see the same units.
enum KeptOrganizationPages {
    struct Key: Hashable, Sendable {
        let filter: OrganizationQueries.Filter
        let page: Int
        let perPage: Int
    }

    /// An answer as encoded.
    struct Answer: Sendable {
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    /// Pages of some 15 KB: 30 MB at most.
    static let capacity = 2_000
}

extension GenerationKept where Key == KeptOrganizationPages.Key, Value == KeptOrganizationPages.Answer {
    /// The page at `key` as kept, else `read`'s, encoded.
    func response(_ key: Key, for request: Request, read: () async throws -> some AsyncResponseEncodable) async throws -> Response {
        let answer = try await value(key, for: request) {
            let response = try await read().encodeResponse(for: request)
            return KeptOrganizationPages.Answer(headers: response.headers, body: response.body.buffer ?? ByteBuffer(data: response.body.data ?? Data()))
        }
        return Response(status: .ok, headers: answer.headers, body: .init(buffer: answer.body))
    }
}

extension Application {
    /// Set by `configure`.
    var organizationPages: GenerationKept<KeptOrganizationPages.Key, KeptOrganizationPages.Answer> {
        get { self[configured: OrganizationPagesKey.self] }
        set { self[configured: OrganizationPagesKey.self] = newValue }
    }

    private struct OrganizationPagesKey: StorageKey {
        typealias Value = GenerationKept<KeptOrganizationPages.Key, KeptOrganizationPages.Answer>
    }
}
