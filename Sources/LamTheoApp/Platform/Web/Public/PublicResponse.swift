import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Rendered public pages kept in the process for a minute, by address: a reader's page is built once however many
/// read it. Every write that changes what a public page shows (an article saved, published, unpublished; a site
/// edited) counts one more in `public_page_generation` (`Application.publicPagesChanged`); each process reads that
/// number at most once a second, on the database its pages are read from, and empties its cache when it moved. So a
/// publish through one process reaches every process's readers within a second (and a replica's lag). An entry lives at
/// most `lifetime`, so that a scheduled article appears and a view count moves within a minute.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        let body: String
        let etag: String
        let contentType: HTTPMediaType
        let expires: Date
    }

    static let lifetime: TimeInterval = 60
    /// Beyond this many addresses (searches are addresses too) the cache starts again empty.
    static let capacity = 2_000

    private let pages = ExpiringCache<String, Entry>(capacity: PublicPageCache.capacity)
    /// Read at most once a second per process, whatever the traffic.
    private let generation = StoredGeneration(table: "public_page_generation", interval: 1)

    /// Empties the cache when the stored generation has moved since this process last read it (at most once a second:
    /// the requests in between use the cache as it is).
    func follow(_ db: any Database, now: Date = Date()) async throws {
        try await generation.follow(db, now: now) { removeAll() }
    }

    func entry(_ key: String, now: Date = Date()) -> Entry? {
        pages.value(key, now: now)
    }

    func keep(_ entry: Entry, at key: String) {
        pages.keep(entry, at: key, until: entry.expires)
    }

    func removeAll() {
        pages.removeAll()
    }
}

extension Application {
    /// After a write that changes what public pages show: every process's cache is emptied (this one's at once).
    func publicPagesChanged() async throws {
        publicPages.removeAll()
        try await writeBookkeeping { db in
            try await db.sql.raw("UPDATE public_page_generation SET generation = generation + 1 WHERE id = 1").run()
        }
    }

    /// The public pages' cache, set by `configure`.
    var publicPages: PublicPageCache {
        get { self[configured: PublicPageCacheKey.self] }
        set { self[configured: PublicPageCacheKey.self] = newValue }
    }

    private struct PublicPageCacheKey: StorageKey {
        typealias Value = PublicPageCache
    }
}

extension Request {
    /// A public page's answer: the body kept in the cache while fresh, else `build`'s (kept for the next reader), with
    /// its ETag, to be kept by anyone and checked again each time; 304 with no body when the browser already holds that version.
    /// - Parameter fresh: what each reader gets anew in a kept page (a form's signed time token, which must name the
    ///   second it was served), applied to the body after the cache; the ETag is the kept body's, so a browser's copy
    ///   keeps the token it was first served with.
    func publicResponse(contentType: HTTPMediaType = .html, fresh: ((String) async throws -> String)? = nil,
                        _ build: () async throws -> String) async throws -> Response {
        let key = url.string
        let cache = application.publicPages
        // An editor who just published reads the page fresh from the primary, and does not keep it for readers of the replica.
        let keeps = !wroteRecently
        if keeps { try await cache.follow(reads) }
        let entry: PublicPageCache.Entry
        if keeps, let kept = cache.entry(key) {
            entry = kept
        } else {
            let body = try await build()
            let digest = SHA256.hash(data: Data(body.utf8)).hex.prefix(24)
            entry = PublicPageCache.Entry(body: body, etag: "\"\(digest)\"", contentType: contentType,
                                          expires: Date().addingTimeInterval(PublicPageCache.lifetime))
            if keeps { cache.keep(entry, at: key) }
        }
        let isKept = headers[.ifNoneMatch].flatMap { $0.split(separator: ",") }
            .contains { $0.trimmingCharacters(in: .whitespaces) == entry.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        let response = isKept ? Response(status: .notModified) : Response(status: .ok, body: .init(string: try await fresh?(entry.body) ?? entry.body))
        response.headers.contentType = entry.contentType
        response.headers.replaceOrAdd(name: .eTag, value: entry.etag)
        // Anyone may keep it, but asks again each time (a 304 costs the server nothing): a page taken down is gone at once.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, no-cache")
        response.headers.replaceOrAdd(name: .contentLanguage, value: "vi")
        return response
    }
}
