import Fluent
import LamTheoCore

extension Inbox {
    enum Query {
        static func run(userId: Int, unreadOnly: Bool, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let notifications = try await NotificationQueries.inbox(of: userId, unreadOnly: unreadOnly, page: page, perPage: perPage, on: db)
            let unread = try await NotificationQueries.unreadCount(of: userId, on: db)
            let settings = try await NotificationSettings.find(userId, on: db)
            return Model(
                rows: notifications.items.map { notification in
                    Model.Row(id: notification.id!, title: notification.title, lines: notification.body.map(Self.lines) ?? [],
                              createdOn: notification.createdOn, isRead: notification.readAt != nil)
                },
                unreadOnly: unreadOnly, unread: unread, emailState: settings?.newEmailState ?? .none,
                page: notifications.page, pageCount: notifications.pageCount, total: notifications.total)
        }

        /// A digest's body, line by line, without the bullets its e-mail shows.
        private static func lines(_ body: LocalizedText) -> [LocalizedText] {
            let vi = body.vi.split(separator: "\n"), en = body.en.split(separator: "\n")
            return vi.indices.map { index in
                LocalizedText(vi: Self.unbulleted(vi[index]), en: Self.unbulleted(index < en.count ? en[index] : vi[index]))
            }
        }

        private static func unbulleted(_ line: Substring) -> String {
            String(line.hasPrefix("• ") ? line.dropFirst(2) : line)
        }
    }
}
