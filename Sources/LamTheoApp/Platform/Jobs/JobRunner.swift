import Foundation
import LamTheoCore
import Vapor

/// The background loop of a serving process: every tick (or at once when a job is enqueued here), the schedules'
/// due slots are enqueued and the queued jobs run, one at a time. An error is logged and the loop goes on; at
/// shutdown it stops, and a job still running is left to its lease (expired, it is interrupted and retried).
struct JobRunnerLoop: LifecycleHandler {
    let tick: Duration

    func didBootAsync(_ application: Application) async throws {
        let jobs = application.jobs
        let tick = self.tick
        jobs.local.startLoop {
            application.logger.info("job runner \(jobs.processId) started (tick \(tick))")
            while !Task.isCancelled {
                do {
                    try await jobs.enqueueScheduled()
                    try await jobs.runPending()
                } catch is CancellationError {
                    return
                } catch {
                    application.logger.report(error: error)
                }
                await jobs.local.sleep(upTo: tick)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await application.jobs.local.stopLoop(waitingUpTo: .seconds(10))
    }
}

extension Application {
    /// The job queue, set in `configure`.
    var jobs: JobQueue {
        guard let jobs = storage[JobQueueKey.self] else { fatalError("configure sets the job queue") }
        return jobs
    }

    /// Sets up the job queue and its own housekeeping; `runsLoop` (a serving process only: tests call `runPending`,
    /// one-off commands run no jobs) starts the background loop.
    func useJobs(runsLoop: Bool, tick: Duration) {
        storage[JobQueueKey.self] = JobQueue(app: self)
        JobKinds.register(JobQueue.cleanup)
        JobSchedules.register(JobSchedule(kind: JobQueue.cleanup.name, cadence: .daily(hour: 3, minute: 30)))
        if runsLoop {
            lifecycle.use(JobRunnerLoop(tick: tick))
        }
    }

    private struct JobQueueKey: StorageKey {
        typealias Value = JobQueue
    }
}
