import Foundation
import LamTheoCore
import Vapor

/// The API's pages of units (`GET /api/v1/organizations`) as encoded, kept by this process for the next caller with the
/// same scope and question. A page is a few statements and fifty units' figures turned into JSON — most of a small API
/// read — and scripts and apps ask the same pages again and again. An entry is given only
/// - while `organization_generation` is the one read just before its rows (the database counts up every change to the
///   units' table, 046); a process reads the number at most once a second, and at once after its own writes, so a
///   change through another process is seen within a second, one through this process at once;
/// - to a caller who sees the same units (the key holds the caller's readable subtrees), for `lifetime` at most.
/// A client that has just written or asks with `Cache-Control: no-cache` (`readsAfresh`) is answered afresh.
final class OrganizationPageCache: Sendable {
    struct Key: Hashable, Sendable {
        let filter: OrganizationQueries.Filter
        let page: Int
        let perPage: Int
    }

    private struct Entry: Sendable {
        let headers: HTTPHeaders
        let body: ByteBuffer
        /// The number read just before its rows: they are at least that new.
        let generation: Int64
    }

    static let lifetime: TimeInterval = 60
    /// Pages of some 15 KB: 30 MB at most.
    static let capacity = 2_000

    let generation: StoredGeneration
    private let pages = ExpiringCache<Key, Entry>(capacity: OrganizationPageCache.capacity)

    init(generation: StoredGeneration) {
        self.generation = generation
    }

    /// The answer kept at `key` while the units' table is as it was when it was read, else `read`'s, kept for the next
    /// callers when it succeeded.
    func response(_ key: Key, for request: Request, read: () async throws -> some AsyncResponseEncodable) async throws -> Response {
        guard !request.readsAfresh else { return try await read().encodeResponse(for: request) }
        let db = request.reads
        if let known = try await generation.follow(db, moved: pages.removeAll), let kept = pages.value(key), kept.generation == known {
            return Response(status: .ok, headers: kept.headers, body: .init(buffer: kept.body))
        }
        let readUnder = try await generation.read(db, moved: pages.removeAll)
        let response = try await read().encodeResponse(for: request)
        if let readUnder, response.status == .ok, let body = response.body.buffer {
            pages.keep(Entry(headers: response.headers, body: body, generation: readUnder), at: key,
                       until: Date().addingTimeInterval(Self.lifetime))
        }
        return response
    }
}

extension Application {
    /// Set by `configure`.
    var organizationPages: OrganizationPageCache {
        get { self[configured: OrganizationPageCacheKey.self] }
        set { self[configured: OrganizationPageCacheKey.self] = newValue }
    }

    private struct OrganizationPageCacheKey: StorageKey {
        typealias Value = OrganizationPageCache
    }
}
