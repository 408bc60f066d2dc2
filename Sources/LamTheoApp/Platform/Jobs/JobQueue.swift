import Fluent
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The queue of background jobs, in the database (table `jobs`, migration 031), shared by every process on it.
///
/// A process claims a queued job by marking it running under its own lease (its `processId`, until
/// `leaseDuration` from now), renewed by a heartbeat while the job runs. A job whose lease has expired belongs to a
/// process that died: the next runner to notice marks it interrupted and queues it again while it has attempts
/// left. Claiming is one UPDATE of the oldest queued row: `FOR UPDATE SKIP LOCKED` on PostgreSQL, so that two
/// processes never claim the same job; SQLite has one writer, and this process's writes take turns (`WriteGate`).
/// The writes here are bookkeeping, not users' writes: they leave no audit event.
struct JobQueue: Sendable {
    static let leaseDuration: TimeInterval = 60
    /// How often a running job's progress is stored and a cancellation looked for.
    static let heartbeat: Duration = .seconds(1)
    /// How long ended jobs are kept.
    static let retention: TimeInterval = 30 * 86_400

    let app: Application
    /// This process's lease owner: a new one at every start, so that a restarted process's former jobs expire.
    let processId: String
    let local: JobRunnerState

    init(app: Application, processId: String = JobQueue.newProcessId()) {
        self.app = app
        self.processId = processId
        local = JobRunnerState()
    }

    static func newProcessId() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    }

    // MARK: Enqueueing

    /// Records a queued job and returns its id. With a `uniqueKey` already present, returns nil and records nothing.
    @discardableResult
    func enqueue(kind: String, payload: Data? = nil, owner: Int? = nil, uniqueKey: String? = nil) async throws -> String? {
        let id = try await app.writeBookkeeping { db in
            try await Self.enqueue(kind: kind, payload: payload, owner: owner, uniqueKey: uniqueKey, on: db)
        }
        if id != nil { local.wake() }
        return id
    }

    /// `enqueue` inside the caller's own transaction: the job exists only if the caller's write is kept.
    static func enqueue(kind: String, payload: Data? = nil, owner: Int? = nil, uniqueKey: String? = nil, runAfter: Date = Date(),
                        on db: any Database) async throws -> String? {
        let id = UUID().uuidString.lowercased()
        let now = Date()
        let inserted = try await db.sql.raw("""
            INSERT INTO jobs (id, kind, state, payload, unique_key, owner_id, attempts, progress_done, progress_total, cancel_requested,
                              run_after, created_at, updated_at)
            VALUES (\(bind: id), \(bind: kind), \(bind: JobState.queued), \(bind: payload), \(bind: uniqueKey), \(bind: owner), 0, 0, 0,
                    \(bind: false), \(bind: runAfter), \(bind: now), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING
            RETURNING id
            """).first()
        return inserted == nil ? nil : id
    }

    /// Enqueues the slot of every registered schedule that has begun, once per slot: the unique key makes a second
    /// process's (or a second tick's) enqueue of the same slot record nothing.
    func enqueueScheduled(at now: Date = Date()) async throws {
        for schedule in JobSchedules.all where JobKinds.kind(named: schedule.kind) != nil {
            guard let slot = schedule.slot(at: now), local.lastSlot(of: schedule.kind) != slot.key else { continue }
            _ = try await app.writeBookkeeping { db in
                try await Self.enqueue(kind: schedule.kind, uniqueKey: slot.key, runAfter: slot.start, on: db)
            }
            local.noteSlot(slot.key, of: schedule.kind)
        }
    }

    // MARK: Running

    /// Claims and runs queued jobs until none is left (what the background loop calls each tick; tests call it
    /// directly to run jobs deterministically), after marking the jobs of dead processes interrupted. Returns how
    /// many ran.
    @discardableResult
    func runPending() async throws -> Int {
        try await recoverExpiredLeases()
        var ran = 0
        while !Task.isCancelled, let job = try await claimNext() {
            await run(job)
            ran += 1
        }
        return ran
    }

    /// The oldest queued job of a kind this process knows, now running under this process's lease.
    private func claimNext() async throws -> StoredJob? {
        let kinds = JobKinds.names
        guard !kinds.isEmpty else { return nil }
        let now = Date()
        let leaseUntil = now.addingTimeInterval(Self.leaseDuration)
        let claimed: String? = try await app.writeBookkeeping { db in
            let skipLocked: SQLQueryString = db.isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
            let row = try await db.sql.raw("""
                UPDATE jobs SET state = \(bind: JobState.running), lease_owner = \(bind: processId), lease_until = \(bind: leaseUntil),
                       started_at = \(bind: now), updated_at = \(bind: now), attempts = attempts + 1, cancel_requested = \(bind: false)
                WHERE id = (SELECT id FROM jobs WHERE state = \(bind: JobState.queued) AND run_after <= \(bind: now)
                            AND \(try db.condition("kind", isIn: kinds)) ORDER BY run_after, created_at, id LIMIT 1\(skipLocked))
                  AND state = \(bind: JobState.queued)
                RETURNING id
                """).first()
            return try row?.decode(column: "id", as: String.self)
        }
        guard let claimed else { return nil }
        return try await StoredJob.find(claimed, on: app.db)
    }

    /// Runs a claimed job to its end, with a heartbeat beside it, and records how it ended.
    private func run(_ job: StoredJob) async {
        guard let id = job.id, let kind = JobKinds.kind(named: job.kind) else { return }
        let live = LiveJob()
        local.started(id, live)
        defer { local.ended(id) }
        let context = JobContext(app: app, id: id, payload: job.payload, ownerId: job.ownerId, live: live)
        let work = Task { try await kind.run(context) }
        let heartbeat = Task { await beat(id, live: live, work: work) }
        // The runner stopping (shutdown) stops the job too; its lease then expires and another run retries it.
        let result = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        heartbeat.cancel()
        await heartbeat.value
        await finish(job, kind: kind, context: context, result: result)
    }

    /// Every `heartbeat`: stores new progress (renewing the lease at least every quarter of it) and looks for a
    /// cancellation. A lease lost (another process found it expired and took the job back) stops the job here.
    private func beat(_ id: String, live: LiveJob, work: Task<JobOutcome, any Error>) async {
        var renewed = Date()
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.heartbeat)
            if Task.isCancelled { return }
            do {
                let now = Date()
                let unstored = live.takeUnstored()
                let state: SQLRow?
                if unstored != nil || now.timeIntervalSince(renewed) >= Self.leaseDuration / 4 {
                    let progress = unstored ?? live.progress
                    state = try await app.writeBookkeeping { db in
                        try await db.sql.raw("""
                            UPDATE jobs SET progress_done = \(bind: progress.done), progress_total = \(bind: progress.total),
                                   lease_until = \(bind: now.addingTimeInterval(Self.leaseDuration)), updated_at = \(bind: now)
                            WHERE id = \(bind: id) AND state = \(bind: JobState.running) AND lease_owner = \(bind: processId)
                            RETURNING cancel_requested
                            """).first()
                    }
                    renewed = now
                } else {
                    state = try await app.db.sql.raw("""
                        SELECT cancel_requested FROM jobs WHERE id = \(bind: id) AND state = \(bind: JobState.running) AND lease_owner = \(bind: processId)
                        """).first()
                }
                guard let state else {
                    app.logger.warning("job \(id): its lease was taken over by another process; stopping it here")
                    work.cancel()
                    return
                }
                if try state.decode(column: "cancel_requested", as: Bool.self) {
                    live.requestCancel()
                    work.cancel()
                }
            } catch {
                app.logger.report(error: error)
            }
        }
    }

    /// Records the job's end. A job stopped without a cancellation asked for (the process shutting down, the lease
    /// lost) is left as it is: its lease expires and a runner queues it again.
    private func finish(_ job: StoredJob, kind: JobKind, context: JobContext, result: Result<JobOutcome, any Error>) async {
        guard let id = job.id else { return }
        let now = Date()
        let progress = context.live?.progress ?? (done: 0, total: 0)
        var end = JobEnd(state: .succeeded, endedAt: now)
        switch result {
        case .success(let outcome):
            end.summary = outcome.summary
            end.result = outcome.result
        case .failure(let error):
            if context.live?.isCancelRequested == true {
                end.state = .cancelled
            } else if error is CancellationError {
                return
            } else if let error = error as? DomainError {
                end.state = .failed
                end.error = error.fieldErrors.first?.message ?? error.title
            } else {
                app.logger.report(error: error)
                end.state = .failed
                end.error = Self.internalError
                if job.attempts < kind.maxAttempts {
                    // Queued again after a backoff: 30 s, 1 min, 2 min…
                    end.state = .queued
                    end.endedAt = nil
                    end.runAfter = now.addingTimeInterval(30 * pow(2, Double(max(0, job.attempts - 1))))
                }
            }
        }
        do {
            let recorded = try await app.writeBookkeeping { [end] db in
                try await db.sql.raw("""
                    UPDATE jobs SET state = \(bind: end.state), summary_vi = \(bind: end.summary?.vi), summary_en = \(bind: end.summary?.en),
                           result = \(bind: end.result), error_vi = \(bind: end.error?.vi), error_en = \(bind: end.error?.en),
                           ended_at = \(bind: end.endedAt), run_after = \(bind: end.runAfter ?? job.runAfter), lease_owner = NULL, lease_until = NULL,
                           progress_done = \(bind: progress.done), progress_total = \(bind: progress.total), updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND state = \(bind: JobState.running) AND lease_owner = \(bind: processId)
                    RETURNING id
                    """).first()
            }
            if recorded != nil, end.state.isEnded {
                await kind.ended?(context, end.state)
            }
        } catch {
            app.logger.report(error: error)
        }
    }

    private struct JobEnd: Sendable {
        var state: JobState
        var endedAt: Date?
        var runAfter: Date?
        var summary: LocalizedText?
        var result: Data?
        var error: LocalizedText?
    }

    static let internalError = LocalizedText(vi: "Lỗi hệ thống khi chạy việc nền; xem nhật ký máy chủ",
                                             en: "Internal error while running the job; see the server's log")

    static let interruptedError = LocalizedText(vi: "Bị gián đoạn: tiến trình đang chạy việc này đã dừng (máy chủ khởi động lại hoặc gặp sự cố)",
                                                en: "Interrupted: the process running it stopped (the server restarted or crashed)")

    /// Running jobs of other processes whose lease has expired: queued again while they have attempts left,
    /// interrupted for good after that. Each is taken by one runner only (the UPDATE checks the lease again).
    func recoverExpiredLeases() async throws {
        let now = Date()
        let expired = try await app.db.sql.raw("""
            SELECT id FROM jobs WHERE state = \(bind: JobState.running) AND lease_until < \(bind: now)
              AND (lease_owner IS NULL OR lease_owner <> \(bind: processId))
            """).all().map { try $0.decode(column: "id", as: String.self) }
        for id in expired {
            guard let job = try await StoredJob.find(id, on: app.db) else { continue }
            let kind = JobKinds.kind(named: job.kind)
            let retried = job.attempts < (kind?.maxAttempts ?? JobKind.defaultMaxAttempts)
            let state: JobState = retried ? .queued : .interrupted
            let taken = try await app.writeBookkeeping { db in
                try await db.sql.raw("""
                    UPDATE jobs SET state = \(bind: state), lease_owner = NULL, lease_until = NULL, run_after = \(bind: now),
                           ended_at = \(bind: retried ? nil : now), error_vi = \(bind: Self.interruptedError.vi), error_en = \(bind: Self.interruptedError.en),
                           updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND state = \(bind: JobState.running) AND lease_until < \(bind: now)
                    RETURNING id
                    """).first()
            }
            guard taken != nil else { continue }
            app.logger.warning("job \(id) (\(job.kind)) was interrupted: \(retried ? "queued again" : "attempts used up")")
            if !retried, let kind {
                await kind.ended?(JobContext(app: app, id: id, payload: job.payload, ownerId: job.ownerId, live: nil), state)
            }
        }
    }

    // MARK: A person's acts

    /// Runs an ended job again (failed, interrupted, cancelled), with a fresh series of attempts.
    @discardableResult
    func retry(_ id: String) async throws -> JobRecord {
        let now = Date()
        let retried = try await app.writeBookkeeping { db in
            try await db.sql.raw("""
                UPDATE jobs SET state = \(bind: JobState.queued), attempts = 0, run_after = \(bind: now), ended_at = NULL, cancel_requested = \(bind: false),
                       lease_owner = NULL, lease_until = NULL, progress_done = 0, updated_at = \(bind: now)
                WHERE id = \(bind: id) AND \(try db.condition("state", isIn: JobState.allCases.filter(\.isRetryable).map(\.rawValue)))
                RETURNING id
                """).first()
        }
        guard retried != nil else { throw try await refusal(id, LocalizedText(vi: "Chỉ chạy lại được việc đã lỗi, bị gián đoạn hoặc đã hủy",
                                                                              en: "Only a failed, interrupted or cancelled job can be retried")) }
        local.wake()
        return try await job(id)!
    }

    /// Cancels a queued job at once; asks a running one to stop (it ends as cancelled when its runner sees it, within
    /// about a second).
    @discardableResult
    func cancel(_ id: String) async throws -> JobRecord {
        let now = Date()
        let cancelled = try await app.writeBookkeeping { db in
            try await db.sql.raw("""
                UPDATE jobs SET state = \(bind: JobState.cancelled), ended_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: JobState.queued)
                RETURNING id
                """).first()
        }
        if cancelled != nil {
            if let job = try await StoredJob.find(id, on: app.db), let kind = JobKinds.kind(named: job.kind) {
                await kind.ended?(JobContext(app: app, id: id, payload: job.payload, ownerId: job.ownerId, live: nil), .cancelled)
            }
            return try await job(id)!
        }
        let asked = try await app.writeBookkeeping { db in
            try await db.sql.raw("""
                UPDATE jobs SET cancel_requested = \(bind: true), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: JobState.running)
                RETURNING id
                """).first()
        }
        guard asked != nil else { throw try await refusal(id, LocalizedText(vi: "Việc này đã kết thúc", en: "This job has already ended")) }
        return try await job(id)!
    }

    /// Not found, or a conflict with the job's state.
    private func refusal(_ id: String, _ conflict: LocalizedText) async throws -> DomainError {
        guard try await job(id) != nil else { return DomainError(.notFound, title: LocalizedText(vi: "Không có việc nền này", en: "No such job")) }
        return DomainError(.conflict, title: conflict)
    }

    // MARK: Reading

    /// The job, with the progress of a run in this process as it stands this instant.
    func job(_ id: String) async throws -> JobRecord? {
        guard var record = try await StoredJob.find(id, on: app.db)?.record else { return nil }
        if record.state == .running, let live = local.live(id) {
            (record.done, record.total) = live.progress
        }
        return record
    }

    /// Jobs, newest first.
    func list(state: JobState? = nil, kind: String? = nil, owner: Int? = nil, page: Int = 1, perPage: Int = 50) async throws -> Page<JobRecord> {
        var query = StoredJob.query(on: app.db)
        if let state { query = query.filter(\.$state == state) }
        if let kind { query = query.filter(\.$kind == kind) }
        if let owner { query = query.filter(\.$ownerId == owner) }
        let total = try await query.count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: rows.map(\.record), page: page, perPage: perPage, total: total)
    }

    /// How many jobs are in each state (the metrics' queue depth): one GROUP BY over the `jobs_queue` index
    /// (state, run_after), read when metrics are scraped; a state without jobs counts 0.
    static func countsByState(on db: any Database) async throws -> [JobState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        for row in try await db.sql.raw("SELECT state, COUNT(*) AS jobs FROM jobs GROUP BY state").all() {
            counts[try row.decode(column: "state", as: JobState.self)] = try row.decode(column: "jobs", as: Int.self)
        }
        return counts
    }

    /// Ended jobs older than `retention` (a schedule of the runner's own, `jobs.cleanup`).
    static let cleanup = JobKind(name: "jobs.cleanup", title: LocalizedText(vi: "Xóa việc nền cũ", en: "Delete old jobs")) { context in
        let before = Date().addingTimeInterval(-retention)
        let deleted = try await context.app.writeBookkeeping { db in
            try await db.sql.raw("""
                DELETE FROM jobs WHERE ended_at < \(bind: before) AND \(try db.condition("state", isIn: JobState.allCases.filter(\.isEnded).map(\.rawValue)))
                RETURNING id
                """).all().count
        }
        return JobOutcome(summary: LocalizedText(vi: "Đã xóa \(VietnameseFormat.integer(deleted)) việc nền kết thúc quá 30 ngày",
                                                 en: "Deleted \(deleted) jobs ended over 30 days ago"))
    }
}

extension JobKind {
    static let defaultMaxAttempts = 3
}

/// What this process knows of its own runs: their live progress, the background loop and its wake-up, the
/// schedule slots it has enqueued.
final class JobRunnerState: Sendable {
    private struct State {
        var live: [String: LiveJob] = [:]
        var woken = false
        var slots: [String: String] = [:]
        var loop: Task<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())

    func started(_ id: String, _ live: LiveJob) { state.withLockedValue { $0.live[id] = live } }
    func ended(_ id: String) { state.withLockedValue { $0.live[id] = nil } }
    func live(_ id: String) -> LiveJob? { state.withLockedValue { $0.live[id] } }

    func lastSlot(of kind: String) -> String? { state.withLockedValue { $0.slots[kind] } }
    func noteSlot(_ key: String, of kind: String) { state.withLockedValue { $0.slots[kind] = key } }

    /// Ends the loop's wait at once: a job was just enqueued or retried here.
    func wake() { state.withLockedValue { $0.woken = true } }

    /// Waits up to `limit`, or less when woken.
    func sleep(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if state.withLockedValue({ let woken = $0.woken; $0.woken = false; return woken }) { return }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Whether this process runs jobs in the background (a serving process).
    var isLooping: Bool { state.withLockedValue { $0.loop != nil } }

    func startLoop(_ body: @escaping @Sendable () async -> Void) {
        state.withLockedValue { $0.loop = Task { await body() } }
    }

    /// Stops the loop and waits for it (a running job stops with it) up to `limit`.
    func stopLoop(waitingUpTo limit: Duration) async {
        guard let loop = state.withLockedValue({ state -> Task<Void, Never>? in defer { state.loop = nil }; return state.loop }) else { return }
        loop.cancel()
        let stopped = NIOLockedValueBox(false)
        Task { await loop.value; stopped.withLockedValue { $0 = true } }
        let deadline = ContinuousClock.now + limit
        while !stopped.withLockedValue({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
