import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// When e-mail goes out: never at night in Vietnam (what falls due then waits for the morning), and after a
/// failed try, later and later.
enum MailSchedule {
    /// Quiet from 21:00 to 06:00, Asia/Ho_Chi_Minh (UTC+7 all year).
    static let quietFrom = 21
    static let quietUntil = 6
    /// The wait after each failed try; after the last, the e-mail is failed for good.
    static let backoff: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600]
    /// How long a run holds an e-mail it is sending before another run may take it (a run that died).
    static let claim: TimeInterval = 10 * 60

    static func isQuiet(_ date: Date) -> Bool {
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) + 7 * 3600) % 86_400
        let hour = (seconds + 86_400) % 86_400 / 3600
        return hour >= quietFrom || hour < quietUntil
    }

    static func quietHoursWording(_ language: UILanguage) -> String {
        LocalizedText(vi: "Thư không gửi từ \(quietFrom) giờ tối đến \(quietUntil) giờ sáng; thư đến hạn trong khoảng đó được gửi lúc \(quietUntil) giờ.",
                      en: "No e-mail is sent from \(quietFrom):00 to \(quietUntil):00; what falls due then goes out at \(quietUntil):00.")(language)
    }
}

/// The e-mail of notifications, sent by the job runner: one message per notification for those who chose so,
/// one digest a morning for the others.
enum NotificationMail {
    static let sendKind = "notifications.mail"
    static let digestKind = "notifications.digest"
    /// Notifications read per query.
    static let batch = 200
    /// Notifications listed in a digest; the rest are counted.
    static let digestLines = 30

    struct Summary: Sendable, Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
        /// Read in the app before their e-mail went out, or the person stopped e-mail: not sent.
        var dropped = 0
        /// Nothing sent: quiet hours, or no SMTP configured.
        var held = false

        /// Adds the run's figures to the metrics' reminder deliveries.
        func count(channel: String, in app: Application) {
            guard let metrics = app.metrics, !held else { return }
            for (outcome, count) in [("sent", sent), ("retrying", retrying), ("failed", failed), ("dropped", dropped)] {
                metrics.countReminders(count, channel: channel, outcome: outcome)
            }
        }

        var wording: LocalizedText {
            if held { return LocalizedText(vi: "Giờ nghỉ hoặc chưa cấu hình thư: chưa gửi", en: "Quiet hours or no mail server: nothing sent") }
            return LocalizedText(vi: "Đã gửi \(sent) thư, \(retrying) thư sẽ thử lại, \(failed) thư không gửi được, \(dropped) thư không cần gửi",
                                 en: "\(sent) sent, \(retrying) to retry, \(failed) failed, \(dropped) not needed")
        }
    }

    /// Sends every single-message e-mail due by `now`. Each is first claimed (its next try moved past `claim`), so a
    /// second run at the same time takes others; a run that dies leaves its claims to expire and be retried.
    static func sendPending(app: Application, now: Date = Date()) async throws -> Summary {
        var summary = Summary()
        defer { summary.count(channel: "email", in: app) }
        guard let transport = app.mailTransport, !MailSchedule.isQuiet(now) else {
            summary.held = true
            return summary
        }
        var after = 0
        while true {
            let due = try await UserNotification.query(on: app.db).filter(\.$emailState == .pending).filter(\.$emailNextAt <= now)
                .filter(\.$id > after).sort(\.$id).limit(batch).all()
            guard let last = due.last else { return summary }
            after = last.id!
            for notification in due {
                guard try await claim(notification, now: now, app: app) else { continue }
                try await deliver(notification, transport: transport, now: now, app: app, summary: &summary)
            }
        }
    }

    private static func claim(_ notification: UserNotification, now: Date, app: Application) async throws -> Bool {
        try await app.writeBookkeeping { db in
            try await db.sql.update(UserNotification.schema).set("email_next_at", to: now.addingTimeInterval(MailSchedule.claim))
                .where("id", .equal, notification.id!).where("email_state", .equal, EmailState.pending.rawValue)
                .where("email_next_at", .lessThanOrEqual, now).returning("id").all().count == 1
        }
    }

    private static func deliver(_ notification: UserNotification, transport: any MailTransport, now: Date, app: Application,
                                summary: inout Summary) async throws {
        let settings = try await NotificationSettings.find(notification.userId, on: app.db)
        guard notification.readAt == nil, let settings, settings.emailEnabled, let address = settings.email,
              let user = try await User.find(notification.userId, on: app.db), user.isActive else {
            summary.dropped += 1
            try await record([notification.id!], .none, error: nil, now: now, app: app)
            return
        }
        let message = MailMessage(to: address, toName: user.displayName, subject: "LamTheo – \(notification.title.vi)",
                                  text: body(greeting: user.displayName, lines: [notification.title.vi] + (notification.body?.vi.split(separator: "\n").map(String.init) ?? []),
                                             link: notification.link, app: app))
        do {
            try await transport.send(message)
            summary.sent += 1
            try await record([notification.id!], .sent, error: nil, now: now, app: app)
        } catch let error as MailError {
            let attempts = notification.emailAttempts + 1
            if case .temporary = error, attempts < MailSchedule.backoff.count {
                summary.retrying += 1
                try await app.writeBookkeeping { db in
                    try await db.sql.update(UserNotification.schema).set("email_attempts", to: attempts)
                        .set("email_next_at", to: now.addingTimeInterval(MailSchedule.backoff[attempts - 1])).set("email_error", to: error.text)
                        .where("id", .equal, notification.id!).run()
                }
            } else {
                summary.failed += 1
                try await record([notification.id!], .failed, error: error.text, now: now, app: app)
                try await addressRefused(notification.userId, error, now: now, app: app)
            }
        }
    }

    /// Sends each person who chose a digest one message with the notifications gathered since the last one.
    static func sendDigests(app: Application, now: Date = Date()) async throws -> Summary {
        var summary = Summary()
        defer { summary.count(channel: "digest", in: app) }
        guard let transport = app.mailTransport else {
            summary.held = true
            return summary
        }
        var after = 0
        while true {
            let users = try await app.db.sql.raw("""
                SELECT DISTINCT user_id FROM notifications WHERE email_state = \(bind: EmailState.digest.rawValue) AND user_id > \(bind: after)
                ORDER BY user_id LIMIT \(bind: batch)
                """).all().map { try $0.decode(column: "user_id", as: Int.self) }
            guard let last = users.last else { return summary }
            after = last
            for userId in users {
                try await sendDigest(to: userId, transport: transport, now: now, app: app, summary: &summary)
            }
        }
    }

    private static func sendDigest(to userId: Int, transport: any MailTransport, now: Date, app: Application, summary: inout Summary) async throws {
        let gathered = try await UserNotification.query(on: app.db).filter(\.$userId == userId).filter(\.$emailState == .digest).sort(\.$id, .descending).all()
        let ids = gathered.map { $0.id! }
        let unread = gathered.filter { $0.readAt == nil }
        let settings = try await NotificationSettings.find(userId, on: app.db)
        guard !unread.isEmpty, let settings, settings.emailEnabled, let address = settings.email,
              let user = try await User.find(userId, on: app.db), user.isActive else {
            summary.dropped += ids.count
            try await record(ids, .none, error: nil, now: now, app: app)
            return
        }
        var lines = unread.prefix(digestLines).map { "• \($0.title.vi)" }
        if unread.count > digestLines { lines.append("… và \(unread.count - digestLines) thông báo khác") }
        let message = MailMessage(to: address, toName: user.displayName, subject: "LamTheo – \(unread.count) thông báo mới",
                                  text: body(greeting: user.displayName, lines: lines, link: NotificationRoute.inbox.path(query: ["unread": "1"]), app: app))
        do {
            try await transport.send(message)
            summary.sent += 1
            try await record(ids, .sent, error: nil, now: now, app: app)
        } catch let error as MailError {
            if case .temporary = error {
                // Tomorrow's digest carries them, with what comes meanwhile.
                summary.retrying += 1
                try await app.writeBookkeeping { db in
                    try await db.sql.update(UserNotification.schema).set("email_error", to: error.text).where("id", .in, ids).run()
                }
            } else {
                summary.failed += 1
                try await record(ids, .failed, error: error.text, now: now, app: app)
                try await addressRefused(userId, error, now: now, app: app)
            }
        }
    }

    /// The plain-text body: the greeting, the lines, the link, and how to stop.
    static func body(greeting name: String, lines: [String], link: String, app: Application) -> String {
        """
        Kính gửi đồng chí \(name),

        \(lines.joined(separator: "\n"))

        Xem và thực hiện: \(app.publicAddress)\(link)

        --
        Thư do LamTheo gửi tự động, xin đừng trả lời thư này.
        Đổi cách nhận thông báo: \(app.publicAddress)\(NotificationRoute.settings.path)
        """
    }

    private static func record(_ ids: [Int], _ state: EmailState, error: String?, now: Date, app: Application) async throws {
        try await app.writeBookkeeping { db in
            try await db.sql.update(UserNotification.schema).set("email_state", to: state.rawValue).set("email_error", to: error)
                .set("emailed_at", to: state == .sent ? now : nil).where("id", .in, ids).run()
        }
    }

    /// The address is shown to administrators as refused, until the person changes it — when the refusal is about the
    /// address: a refused login or a missing STARTTLS is the server's set-up, recorded on the notification only.
    private static func addressRefused(_ userId: Int, _ error: MailError, now: Date, app: Application) async throws {
        guard case .addressRefused = error else { return }
        try await app.writeBookkeeping { db in
            try await db.sql.update(NotificationSettings.schema).set("email_failed_at", to: now).set("email_failure", to: error.text)
                .where("user_id", .equal, userId).run()
        }
    }
}
