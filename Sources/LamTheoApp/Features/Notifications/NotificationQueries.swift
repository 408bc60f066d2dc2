import Fluent
import Foundation
import LamTheoCore
import SQLKit

enum NotificationQueries {
    /// The most the header counts: "99+" beyond.
    static let unreadCountCap = 100

    /// The person's unread notifications, counted up to `unreadCountCap`.
    static func unreadCount(of userId: Int, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL LIMIT \(bind: unreadCountCap)) AS unread
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The person's inbox, newest first; only the unread ones when asked.
    static func inbox(of userId: Int, unreadOnly: Bool, page: Int, perPage: Int, on db: any Database) async throws -> Page<UserNotification> {
        let query = UserNotification.query(on: db).filter(\.$userId == userId)
        if unreadOnly { query.filter(\.$readAt == nil) }
        let total = try await query.count()
        let items = try await query.sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, page: page, perPage: perPage, total: total)
    }

    /// One of the person's notifications; another's is not found.
    static func require(_ id: Int, of userId: Int, on db: any Database) async throws -> UserNotification {
        guard let notification = try await UserNotification.find(id, on: db), notification.userId == userId else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy thông báo", en: "Notification not found"))
        }
        return notification
    }

    /// What was sent about a subtree's items, newest first, with the recipients' names.
    ///
    /// A campaign's reminders reach every member: at the national root there are millions. They are counted only up to
    /// `TextSearch.countLimit` ("more than"). At the root, past it, SQLite walks the ids newest first instead of sorting
    /// every one of them (20 s); PostgreSQL's planner makes that choice itself. Below the root both read the subtree's
    /// range and sort it (`id + 0`): walking newest first skipped every other province's, seconds for an old province.
    static func sent(in subtree: TreePath, page: Int, perPage: Int, on db: any Database) async throws -> Page<SentNotification> {
        let counted = try await TextSearch.boundedCount(db.sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE \(column: "organization_path", in: subtree) LIMIT \(bind: TextSearch.countLimit + 1)) s
            """), on: db)
        let atRoot = subtree.depth == 0
        let walksIds = atRoot && counted.isLowerBound && !db.isPostgres
        let ids = try await db.sql.raw("""
            SELECT id FROM notifications \(unsafeRaw: walksIds ? "NOT INDEXED" : "") WHERE \(column: "organization_path", in: subtree)
            ORDER BY \(unsafeRaw: atRoot ? "id" : "id + 0") DESC LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let byId = Dictionary(uniqueKeysWithValues: try await UserNotification.query(on: db).filter(\.$id ~~ ids).all().map { ($0.requireID(), $0) })
        let rows = ids.compactMap { byId[$0] }
        let names = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(rows.map(\.userId))).all()
            .map { ($0.id!, $0.displayName) })
        return Page(items: rows.map { SentNotification(notification: $0, recipient: names[$0.userId] ?? "") }, page: page, perPage: perPage,
                    total: counted.total, totalIsLowerBound: counted.isLowerBound)
    }

    /// The people whose e-mail address was refused lately: for administrators to correct.
    static func failedAddresses(on db: any Database) async throws -> [(user: String, email: String, failure: String, at: Date)] {
        let settings = try await NotificationSettings.query(on: db).filter(\.$emailFailedAt != nil).sort(\.$emailFailedAt, .descending).limit(100).all()
        let names = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ settings.compactMap(\.id)).all().map { ($0.id!, $0.displayName) })
        return settings.map { (names[$0.id!] ?? "", $0.email ?? "", $0.emailFailure ?? "", $0.emailFailedAt!) }
    }
}

struct SentNotification: Sendable {
    let notification: UserNotification
    let recipient: String
}
