import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import Vapor

/// A kind of background work, registered once at start-up (`configure`), as features register their to-do
/// sources. A job is one run of a kind, recorded in the `jobs` table (`JobQueue`).
///
/// Retries: a job interrupted by the end of its process (its lease expired) is queued again automatically,
/// and so is one that threw an unexpected error (after a backoff: 30 s, 1 min, 2 min…), while it has been
/// started fewer than `maxAttempts` times. A `DomainError` is the job's own verdict on its input and ends it
/// as failed at once. Past that, a person retries it (`lamtheo jobs retry`, the API, the /jobs page).
struct JobKind: Sendable {
    /// "import.members", "reminders.generate", "mail.send".
    let name: String
    /// "Nhập danh sách đảng viên" / "Member import".
    let title: LocalizedText
    var maxAttempts: Int = 3
    let run: @Sendable (JobContext) async throws -> JobOutcome
    /// Called once when a job of this kind has ended for good (succeeded, failed, cancelled, or interrupted past
    /// its attempts), by whichever process saw it end: where a kind lets go of what its jobs held (an import's file).
    var ended: (@Sendable (JobContext, JobState) async -> Void)? = nil
}

enum JobKinds {
    private static let registered = NIOLockedValueBox([String: JobKind]())

    /// A kind registered again under the same name replaces the former one (tests register their own kinds).
    static func register(_ kind: JobKind) {
        registered.withLockedValue { $0[kind.name] = kind }
    }

    static func kind(named name: String) -> JobKind? {
        registered.withLockedValue { $0[name] }
    }

    static var names: [String] {
        registered.withLockedValue { Array($0.keys).sorted() }
    }

    /// The kind's title, or its name when this process does not know it.
    static func title(of name: String) -> LocalizedText {
        kind(named: name)?.title ?? LocalizedText(vi: name, en: name)
    }
}

/// What a running job is given.
struct JobContext: Sendable {
    let app: Application
    /// UUID text.
    let id: String
    /// What `enqueue` stored (JSON).
    let payload: Data?
    /// The user who started it; nil for scheduled work.
    let ownerId: Int?
    /// The run's progress as this process knows it; nil for a job that is not running here (an `ended` call).
    let live: LiveJob?

    /// Notes progress, which the runner's heartbeat stores in the database (at most about once a second, with the
    /// lease renewed), and throws `CancellationError` when the job was cancelled meanwhile (from any process).
    ///
    /// It never waits for the database: a job may call it from inside its own write transaction (on SQLite, where
    /// writes take turns, waiting there for another write would never end).
    func progress(done: Int, total: Int) async throws {
        noteProgress(done: done, total: total)
        if live?.isCancelRequested == true || Task.isCancelled { throw CancellationError() }
    }

    /// `progress` for code that cannot await (an importer's synchronous callback); cancellation then reaches the
    /// job as the cancellation of its task.
    func noteProgress(done: Int, total: Int) {
        live?.note(done: done, total: total)
    }

    /// Decodes the payload as `T`.
    func payload<T: Decodable>(as type: T.Type) throws -> T {
        guard let payload else { throw DomainError(.invalid, title: LocalizedText(vi: "Việc nền thiếu dữ liệu đầu vào", en: "The job has no payload")) }
        return try JSONDecoder().decode(T.self, from: payload)
    }
}

/// A job's end as the job states it: stored with the job, what its page and the API show after a restart.
struct JobOutcome: Sendable {
    /// One line: "Đã tạo 1.234 nhắc việc".
    var summary: LocalizedText
    /// JSON the kind's own page decodes (an import's report).
    var result: Data? = nil
}

/// Scheduled work: each process's runner enqueues the slot's job with a unique key
/// ("reminders.generate@2026-12-05", "mail.send@2026-12-05T07:05"), so that with several processes each slot
/// runs once.
struct JobSchedule: Sendable {
    enum Cadence: Sendable {
        /// Every day at this time in Asia/Ho_Chi_Minh.
        case daily(hour: Int, minute: Int)
        case every(minutes: Int)
    }

    let kind: String
    let cadence: Cadence
}

enum JobSchedules {
    private static let registered = NIOLockedValueBox([String: JobSchedule]())

    /// One schedule per kind; registering a kind's schedule again replaces it.
    static func register(_ schedule: JobSchedule) {
        registered.withLockedValue { $0[schedule.kind] = schedule }
    }

    static var all: [JobSchedule] {
        registered.withLockedValue { $0.values.sorted { $0.kind < $1.kind } }
    }
}

extension JobSchedule {
    static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// The slot `date` falls in, if one has begun: its unique key and when it began. A daily slot begins at its
    /// time of day (before it, nothing is due that day); an `every` slot is the interval, counted from midnight
    /// in Vietnam, that holds `date`.
    func slot(at date: Date) -> (key: String, start: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.timeZone
        let day = calendar.startOfDay(for: date)
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = Self.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        switch cadence {
        case .daily(let hour, let minute):
            guard let start = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day), date >= start else { return nil }
            formatter.dateFormat = "yyyy-MM-dd"
            return ("\(kind)@\(formatter.string(from: start))", start)
        case .every(let minutes):
            let length = Double(max(1, minutes) * 60)
            let start = day.addingTimeInterval((date.timeIntervalSince(day) / length).rounded(.down) * length)
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            return ("\(kind)@\(formatter.string(from: start))", start)
        }
    }
}
