import Vapor

/// Puts the signed-in reader's unread count in every page's header ("Thông báo 3"): one small indexed count, kept by the
/// process by reader (`GenerationKept`) while `notification_generation` holds — the database counts up every
/// notification added, removed, read or given to another (046) —, since it changes far less often than pages are read.
/// Only for pages read with GET: a form's body may still be arriving, and nothing may wait on the database before it is
/// read (a refused form's page shows the header without the count).
struct InboxBadgeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, !request.isAPI, let actor = request.actor {
            let unread = try await request.application.unreadCounts.value(actor.userId, for: request) {
                try await NotificationQueries.unreadCount(of: actor.userId, on: request.reads)
            }
            request.headerBadge = HeaderBadge(title: Inbox.title, count: unread, cap: NotificationQueries.unreadCountCap, path: NotificationRoute.inbox.path)
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    /// Each reader's unread count, by user id. Set by `configure`.
    var unreadCounts: GenerationKept<Int, Int> {
        get { self[configured: UnreadCountsKey.self] }
        set { self[configured: UnreadCountsKey.self] = newValue }
    }

    private struct UnreadCountsKey: StorageKey {
        typealias Value = GenerationKept<Int, Int>
    }
}
