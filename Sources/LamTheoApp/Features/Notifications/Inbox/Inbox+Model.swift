import Foundation
import LamTheoCore

/// A person's notifications, newest first: reminders of what they have to do and digests of the units lagging
/// below them, each leading to where it is done.
enum Inbox {}

extension Inbox {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: Int
            let title: LocalizedText
            /// A digest's lines ("45 bài thu hoạch chưa nộp quá hạn ở 3 đơn vị: …").
            let lines: [LocalizedText]
            let createdOn: CalendarDate
            let isRead: Bool
        }

        let rows: [Row]
        let unreadOnly: Bool
        let unread: Int
        /// How the person hears beyond the inbox, said under the heading.
        let emailState: EmailState
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
