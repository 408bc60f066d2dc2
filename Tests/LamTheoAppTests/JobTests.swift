import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Durable jobs")
struct JobTests {
    /// A kind of the test's own (the registry is shared by the tests running at the same time), counting its runs.
    static func countingKind(maxAttempts: Int = 3, _ body: @escaping @Sendable (JobContext) async throws -> Void = { _ in }) -> (JobKind, NIOLockedValueBox<[String: Int]>) {
        let runs = NIOLockedValueBox([String: Int]())
        let kind = JobKind(name: "test.\(UUID().uuidString.prefix(8))", title: LocalizedText(vi: "Việc thử", en: "Test job"), maxAttempts: maxAttempts) { context in
            runs.withLockedValue { $0[context.id, default: 0] += 1 }
            try await body(context)
            return JobOutcome(summary: LocalizedText(vi: "Đã chạy", en: "Ran"), result: Data("{\"ok\":true}".utf8))
        }
        JobKinds.register(kind)
        return (kind, runs)
    }

    /// Waits (up to a minute: the whole suite may be running) until `condition` holds.
    static func eventually(_ what: Comment, _ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("never happened: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test("a unique key records one job however often it is enqueued; a schedule's slot is enqueued once by every process", arguments: TestBackend.allCases)
    func uniqueKey(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (kind, runs) = Self.countingKind()
            let first = try await app.jobs.enqueue(kind: kind.name, uniqueKey: "\(kind.name)@2026-12-05")
            #expect(first != nil)
            #expect(try await app.jobs.enqueue(kind: kind.name, uniqueKey: "\(kind.name)@2026-12-05") == nil)
            #expect(try await app.jobs.enqueue(kind: kind.name) != nil, "no key, no limit")
            #expect(try await app.jobs.enqueue(kind: kind.name) != nil)
            #expect(try await StoredJob.query(on: app.db).filter(\.$kind == kind.name).count() == 3)
            #expect(try await app.jobs.runPending() == 3)
            #expect(runs.withLockedValue { $0.values.reduce(0, +) } == 3)

            JobSchedules.register(JobSchedule(kind: kind.name, cadence: .daily(hour: 7, minute: 0)))
            let other = JobQueue(app: app, processId: "other")
            let morning = try #require(ISO8601DateFormatter().date(from: "2026-12-05T01:30:00Z"))  // 08:30 in Hanoi
            try await app.jobs.enqueueScheduled(at: morning)
            try await other.enqueueScheduled(at: morning)
            try await other.enqueueScheduled(at: morning.addingTimeInterval(3_600))
            let scheduled = try await StoredJob.query(on: app.db).filter(\.$kind == kind.name).filter(\.$uniqueKey != nil).all()
            #expect(scheduled.map(\.uniqueKey) == ["\(kind.name)@2026-12-05"])
        }
    }

    @Test("schedule slots: a daily one from its time of day in Vietnam, an interval one counted from midnight there")
    func slots() throws {
        let at = { (text: String) in try #require(ISO8601DateFormatter().date(from: text)) }
        let daily = JobSchedule(kind: "reminders.generate", cadence: .daily(hour: 7, minute: 0))
        #expect(daily.slot(at: try at("2026-12-04T23:59:00Z")) == nil, "06:59 in Hanoi")
        #expect(daily.slot(at: try at("2026-12-05T00:00:00Z"))?.key == "reminders.generate@2026-12-05")
        #expect(daily.slot(at: try at("2026-12-05T16:59:00Z"))?.key == "reminders.generate@2026-12-05", "23:59 in Hanoi")
        #expect(daily.slot(at: try at("2026-12-05T17:00:00Z")) == nil, "midnight in Hanoi: the next day, before 07:00")
        let often = JobSchedule(kind: "mail.send", cadence: .every(minutes: 5))
        let slot = try #require(often.slot(at: try at("2026-12-05T00:07:30Z")))
        #expect(slot.key == "mail.send@2026-12-05T07:05")
        #expect(slot.start == (try at("2026-12-05T00:05:00Z")))
    }

    @Test("two processes racing for the same jobs run each exactly once", arguments: TestBackend.allCases)
    func race(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (kind, runs) = Self.countingKind { _ in try await Task.sleep(for: .milliseconds(5)) }
            var ids: [String] = []
            for _ in 0..<30 { ids.append(try #require(try await app.jobs.enqueue(kind: kind.name))) }
            let first = JobQueue(app: app, processId: "process-a")
            let second = JobQueue(app: app, processId: "process-b")
            async let a = first.runPending()
            async let b = second.runPending()
            let (ranA, ranB) = try await (a, b)
            #expect(ranA + ranB == 30)
            #expect(runs.withLockedValue { $0 } == Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }))
            let jobs = try await StoredJob.query(on: app.db).filter(\.$kind == kind.name).all()
            #expect(jobs.allSatisfy { $0.state == .succeeded && $0.attempts == 1 && $0.leaseOwner == nil && $0.endedAt != nil })
            #expect(jobs.first?.record.summary == LocalizedText(vi: "Đã chạy", en: "Ran"))
        }
    }

    @Test("a running job whose process died (its lease expired) is interrupted and retried while it has attempts left, then stays interrupted until a person retries it",
          arguments: TestBackend.allCases)
    func expiredLease(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let ended = NIOLockedValueBox([JobState]())
            var (kind, runs) = Self.countingKind(maxAttempts: 2)
            kind.ended = { _, state in ended.withLockedValue { $0.append(state) } }
            JobKinds.register(kind)
            @Sendable func dieWhileRunning(_ id: String, attempts: Int) async throws {
                try await app.db.sql.raw("""
                    UPDATE jobs SET state = 'running', lease_owner = 'dead-process', lease_until = \(bind: Date().addingTimeInterval(-1)), attempts = \(bind: attempts)
                    WHERE id = \(bind: id)
                    """).run()
            }
            let id = try #require(try await app.jobs.enqueue(kind: kind.name))
            try await dieWhileRunning(id, attempts: 1)
            // A live lease of another process is left alone.
            let alive = try #require(try await app.jobs.enqueue(kind: kind.name))
            try await app.db.sql.raw("UPDATE jobs SET state = 'running', lease_owner = 'live-process', lease_until = \(bind: Date().addingTimeInterval(60)) WHERE id = \(bind: alive)").run()

            #expect(try await app.jobs.runPending() == 1)
            var job = try #require(try await app.jobs.job(id))
            #expect(job.state == .succeeded && job.attempts == 2 && runs.withLockedValue { $0[id] } == 1)
            #expect(try await app.jobs.job(alive)?.state == .running)

            // Its last attempt interrupted: it stays so, with the reason.
            try await dieWhileRunning(id, attempts: 2)
            #expect(try await app.jobs.runPending() == 0)
            job = try #require(try await app.jobs.job(id))
            #expect(job.state == .interrupted && job.endedAt != nil)
            #expect(job.error == JobQueue.interruptedError)
            #expect(ended.withLockedValue { $0 } == [.succeeded, .interrupted])

            job = try await app.jobs.retry(id)
            #expect(job.state == .queued && job.attempts == 0)
            await #expect(throws: DomainError.self) { try await app.jobs.retry(id) }
            #expect(try await app.jobs.runPending() == 1)
            #expect(try await app.jobs.job(id)?.state == .succeeded)
            #expect(runs.withLockedValue { $0[id] } == 2)
        }
    }

    @Test("cancelling: a queued job at once, a running one when it next reports progress (asked from another process)", arguments: TestBackend.allCases)
    func cancel(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (kind, runs) = Self.countingKind { context in
                for step in 0..<2_000 {
                    try await context.progress(done: step, total: 2_000)
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            let queued = try #require(try await app.jobs.enqueue(kind: kind.name))
            #expect(try await app.jobs.cancel(queued).state == .cancelled)
            await #expect(throws: DomainError.self) { try await app.jobs.cancel(queued) }
            #expect(try await app.jobs.runPending() == 0)
            #expect(runs.withLockedValue { $0[queued] } == nil)

            let running = try #require(try await app.jobs.enqueue(kind: kind.name))
            let runner = Task { try await app.jobs.runPending() }
            let other = JobQueue(app: app, processId: "other")
            try await Self.eventually("the job runs") { try await other.job(running)?.state == .running }
            let asked = try await other.cancel(running)
            #expect(asked.state == .running && asked.cancelRequested)
            #expect(try await runner.value == 1)
            let job = try #require(try await other.job(running))
            #expect(job.state == .cancelled && job.endedAt != nil && job.done < 2_000)
        }
    }

    @Test("a job that throws records its error: a refusal at once, an unexpected error after its retries", arguments: TestBackend.allCases)
    func failures(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            struct Unexpected: Error {}
            let (refusing, _) = Self.countingKind { _ in
                throw DomainError.invalid(field: "file", LocalizedText(vi: "Tệp không đọc được", en: "The file cannot be read"))
            }
            let (crashing, crashes) = Self.countingKind(maxAttempts: 2) { _ in throw Unexpected() }
            let refused = try #require(try await app.jobs.enqueue(kind: refusing.name))
            let crashed = try #require(try await app.jobs.enqueue(kind: crashing.name))
            #expect(try await app.jobs.runPending() == 2)
            var job = try #require(try await app.jobs.job(refused))
            #expect(job.state == .failed && job.error == LocalizedText(vi: "Tệp không đọc được", en: "The file cannot be read") && job.attempts == 1)
            job = try #require(try await app.jobs.job(crashed))
            #expect(job.state == .queued && job.error == JobQueue.internalError, "to be retried")
            #expect(job.runAfter.timeIntervalSince(try #require(job.updatedAt)) >= 29, "after a backoff of 30 s")
            // The backoff over, its last attempt fails for good.
            try await app.db.sql.raw("UPDATE jobs SET run_after = \(bind: Date().addingTimeInterval(-1)) WHERE id = \(bind: crashed)").run()
            #expect(try await app.jobs.runPending() == 1)
            job = try #require(try await app.jobs.job(crashed))
            #expect(job.state == .failed && job.attempts == 2 && job.endedAt != nil && crashes.withLockedValue { $0[crashed] } == 2)
        }
    }

    @Test("a running job's progress is visible from another process", arguments: TestBackend.allCases)
    func progress(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let release = NIOLockedValueBox(false)
            let (kind, _) = Self.countingKind { context in
                try await context.progress(done: 3, total: 10)
                while !release.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
                try await context.progress(done: 10, total: 10)
            }
            let id = try #require(try await app.jobs.enqueue(kind: kind.name, owner: nil))
            let runner = Task { try await app.jobs.runPending() }
            let other = JobQueue(app: app, processId: "other")
            try await Self.eventually("the progress is stored") {
                guard let job = try await other.job(id) else { return false }
                return job.state == .running && job.done == 3 && job.total == 10
            }
            release.withLockedValue { $0 = true }
            _ = try await runner.value
            let job = try #require(try await other.job(id))
            #expect(job.state == .succeeded && job.done == 10 && job.total == 10)
        }
    }

    @Test("ended jobs are deleted after 30 days, by the runner's own scheduled job", arguments: TestBackend.allCases)
    func cleanup(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (kind, _) = Self.countingKind()
            let old = try #require(try await app.jobs.enqueue(kind: kind.name))
            let recent = try #require(try await app.jobs.enqueue(kind: kind.name))
            let waiting = try #require(try await app.jobs.enqueue(kind: kind.name, uniqueKey: "later"))
            try await app.jobs.runPending()
            try await app.db.sql.raw("UPDATE jobs SET ended_at = \(bind: Date().addingTimeInterval(-31 * 86_400)) WHERE id = \(bind: old)").run()
            try await app.db.sql.raw("UPDATE jobs SET state = 'queued', ended_at = NULL, run_after = \(bind: Date().addingTimeInterval(86_400)), created_at = \(bind: Date().addingTimeInterval(-40 * 86_400)) WHERE id = \(bind: waiting)").run()
            let cleanup = try #require(try await app.jobs.enqueue(kind: JobQueue.cleanup.name))
            #expect(try await app.jobs.runPending() == 1)
            #expect(try await app.jobs.job(old) == nil)
            #expect(try await app.jobs.job(recent) != nil)
            #expect(try await app.jobs.job(waiting) != nil)
            #expect(try await app.jobs.job(cleanup)?.summary?.vi == "Đã xóa 1 việc nền kết thúc quá 30 ngày")
        }
    }
}


extension JobTests {
    @Test("a serving process's loop runs a job enqueued there at once, and stopping it leaves a running job to its lease, which another process then takes over",
          arguments: TestBackend.allCases)
    func servingLoop(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let started = NIOLockedValueBox(0)
            let (quick, _) = Self.countingKind()
            let (long, _) = Self.countingKind { _ in
                started.withLockedValue { $0 += 1 }
                try await Task.sleep(for: .seconds(600))
            }
            // The slots of the schedules registered (reminders, mail…) enqueued and run first: the loop then has only this test's jobs.
            try await app.jobs.enqueueScheduled()
            try await app.jobs.runPending()
            app.lifecycle.use(JobRunnerLoop(tick: .seconds(60)))
            try await app.asyncBoot()
            #expect(app.jobs.local.isLooping)
            // Enqueued here, it does not wait for the next tick (a minute away).
            let id = try #require(try await app.jobs.enqueue(kind: quick.name))
            try await Self.eventually("the loop runs it") { try await app.jobs.job(id)?.state == .succeeded }

            let stopped = try #require(try await app.jobs.enqueue(kind: long.name))
            try await Self.eventually("the long job starts") { started.withLockedValue { $0 } == 1 }
            await app.jobs.local.stopLoop(waitingUpTo: .seconds(10))
            #expect(!app.jobs.local.isLooping)
            var job = try #require(try await app.jobs.job(stopped))
            #expect(job.state == .running && job.leaseOwner == app.jobs.processId, "left to its lease")

            try await app.db.sql.raw("UPDATE jobs SET lease_until = \(bind: Date().addingTimeInterval(-1)) WHERE id = \(bind: stopped)").run()
            // The process that takes it over runs the kind's code as it now is.
            JobKinds.register(JobKind(name: long.name, title: long.title) { _ in JobOutcome(summary: LocalizedText(vi: "Xong", en: "Done")) })
            #expect(try await JobQueue(app: app, processId: "next-process").runPending() >= 1)
            job = try #require(try await app.jobs.job(stopped))
            #expect(job.state == .succeeded && job.attempts == 2)
        }
    }
}
