import Vapor

/// Puts the signed-in reader's unread count in every page's header ("Thông báo 3"), one small indexed count per page.
/// Only for pages read with GET: a form's body may still be arriving, and nothing may wait on the database before
/// it is read (a refused form's page shows the header without the count).
struct InboxBadgeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, !request.isAPI, let actor = request.actor {
            let unread = try await NotificationQueries.unreadCount(of: actor.userId, on: request.reads)
            request.headerBadge = HeaderBadge(title: Inbox.title, count: unread, cap: NotificationQueries.unreadCountCap, path: NotificationRoute.inbox.path)
        }
        return try await next.respond(to: request)
    }
}
