import Foundation
import Vapor

/// Puts the signed-in reader's unread count in every page's header ("Thông báo 3"): one small indexed count, kept by the
/// process (`UnreadCounts`) until a notification changes. Only for pages read with GET: a form's body may still be
/// arriving, and nothing may wait on the database before it is read (a refused form's page shows the header without
/// the count).
struct InboxBadgeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, !request.isAPI, let actor = request.actor {
            let unread = try await request.application.unreadCounts.count(of: actor.userId, for: request)
            request.headerBadge = HeaderBadge(title: Inbox.title, count: unread, cap: NotificationQueries.unreadCountCap, path: NotificationRoute.inbox.path)
        }
        return try await next.respond(to: request)
    }
}

/// Each reader's unread count as last read, kept by this process while `notification_generation` stays the number it
/// was read under (the database counts up every notification added, removed or read, 046): the header shows it on
/// every page, and it changes far less often than pages are read. A process reads the number at most once a second
/// and at once after its own writes (a reader who marks a notification read sees the count fall on the next page).
/// Kept only beside the primary's number: a count read from a lagging replica could be older than it; a reader who has
/// just written or reloads with `Cache-Control: no-cache` gets it counted afresh.
final class UnreadCounts: Sendable {
    private struct Entry: Sendable {
        let count: Int
        let generation: Int64
    }

    static let lifetime: TimeInterval = 60
    static let capacity = 50_000

    let generation: StoredGeneration
    private let counts = ExpiringCache<Int, Entry>(capacity: UnreadCounts.capacity)

    init(generation: StoredGeneration) {
        self.generation = generation
    }

    func count(of userId: Int, for request: Request) async throws -> Int {
        let db = request.reads
        guard request.readTarget == .primary, !request.readsAfresh else { return try await NotificationQueries.unreadCount(of: userId, on: db) }
        // Read before the count: the count is at least as new as the number it is kept under.
        let known = try await generation.follow(db, moved: counts.removeAll)
        if let known, let kept = counts.value(userId), kept.generation == known { return kept.count }
        let count = try await NotificationQueries.unreadCount(of: userId, on: db)
        if let known { counts.keep(Entry(count: count, generation: known), at: userId, until: Date().addingTimeInterval(Self.lifetime)) }
        return count
    }
}

extension Application {
    /// Set by `configure`.
    var unreadCounts: UnreadCounts {
        get { self[configured: UnreadCountsKey.self] }
        set { self[configured: UnreadCountsKey.self] = newValue }
    }

    private struct UnreadCountsKey: StorageKey {
        typealias Value = UnreadCounts
    }
}
