import Foundation
import LamTheoCore

/// The background work of notifications, run by the job runner: the day's reminders early in the morning, the
/// single e-mails every few minutes (held at night), the digests once quiet hours end.
enum NotificationJobs {
    static let generateKind = "reminders.generate"

    static let kinds: [JobKind] = [
        JobKind(name: generateKind, title: LocalizedText(vi: "Tạo nhắc việc trong ngày", en: "The day's reminders")) { context in
            let summary = try await ReminderEngine.generate(on: .today(), app: context.app) { done, total in
                try await context.progress(done: done, total: total)
            }
            return JobOutcome(summary: LocalizedText(
                vi: "Đã xét \(NumberFormat.vi.integer(summary.itemsRead)) việc; tạo \(NumberFormat.vi.integer(summary.reminders)) nhắc việc và \(NumberFormat.vi.integer(summary.digests)) thư đôn đốc",
                en: "\(NumberFormat.en.integer(summary.itemsRead)) items read; \(NumberFormat.en.integer(summary.reminders)) reminders and \(NumberFormat.en.integer(summary.digests)) digests recorded"))
        },
        JobKind(name: NotificationMail.sendKind, title: LocalizedText(vi: "Gửi thư thông báo", en: "Notification e-mail")) { context in
            JobOutcome(summary: try await NotificationMail.sendPending(app: context.app).wording)
        },
        JobKind(name: NotificationMail.digestKind, title: LocalizedText(vi: "Gửi thư tổng hợp buổi sáng", en: "Morning digest e-mail")) { context in
            JobOutcome(summary: try await NotificationMail.sendDigests(app: context.app).wording)
        },
    ]

    /// Reminders at 05:30 so that the digests at 06:00, when quiet hours end, carry them.
    static let schedules: [JobSchedule] = [
        JobSchedule(kind: generateKind, cadence: .daily(hour: 5, minute: 30)),
        JobSchedule(kind: NotificationMail.sendKind, cadence: .every(minutes: 5)),
        JobSchedule(kind: NotificationMail.digestKind, cadence: .daily(hour: MailSchedule.quietUntil, minute: 0)),
    ]
}
