import Foundation
import LamTheoCore
import Vapor

/// `lamtheo jobs list|show|retry|cancel`: the background jobs from the command line. It reads and changes the
/// queue only; the serving processes run the jobs (a retried job starts at their next tick).
struct JobsCommand: AsyncCommandGroup {
    var help: String { "Lists, shows, retries and cancels background jobs: jobs list [--state failed] [--kind import.members]" }

    var commands: [String: any AnyAsyncCommand] {
        ["list": ListJobs(), "show": ShowJob(), "retry": ChangeJob(change: .retry), "cancel": ChangeJob(change: .cancel)]
    }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    struct ListJobs: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "state", help: "queued, running, succeeded, failed, interrupted or cancelled")
            var state: String?

            @Option(name: "kind", help: "A job kind, e.g. import.members")
            var kind: String?

            @Option(name: "limit", help: "How many, newest first (default 50)")
            var limit: Int?

            init() {}
        }

        var help: String { "Lists jobs, newest first" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let state = try signature.state.map { text in
                guard let state = JobState(rawValue: text) else {
                    throw Refused(description: "--state: \(JobState.allCases.map(\.rawValue).joined(separator: " | "))")
                }
                return state
            }
            let app = context.application
            try await app.autoMigrate()
            let limit = min(max(signature.limit ?? 50, 1), Paging.maximumPerPage)
            let page = try await app.jobs.list(state: state, kind: signature.kind, perPage: limit)
            for job in page.items {
                context.console.print(JobsCommand.line(job))
            }
            context.console.print("\(page.items.count) / \(page.total) việc / jobs")
        }
    }

    struct ShowJob: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "id", help: "The job's id")
            var id: String

            init() {}
        }

        var help: String { "Shows one job: state, progress, attempts, summary or error, times" }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.autoMigrate()
            guard let job = try await context.application.jobs.job(signature.id) else { throw JobsCommand.notFound(signature.id) }
            for (label, value) in JobsCommand.details(job) {
                context.console.print("\(label): \(value)")
            }
        }
    }

    /// `retry ID` queues a failed, interrupted or cancelled job again; `cancel ID` cancels a queued one or asks a
    /// running one to stop.
    struct ChangeJob: AsyncCommand {
        enum Change {
            case retry, cancel
        }

        struct Signature: CommandSignature {
            @Argument(name: "id", help: "The job's id (jobs list)")
            var id: String

            init() {}
        }

        let change: Change

        var help: String {
            switch change {
            case .retry: return "Queues a failed, interrupted or cancelled job again"
            case .cancel: return "Cancels a queued job, or asks a running one to stop"
            }
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.autoMigrate()
            let jobs = context.application.jobs
            let job = try await JobsCommand.refusingInText {
                switch change {
                case .retry: return try await jobs.retry(signature.id)
                case .cancel: return try await jobs.cancel(signature.id)
                }
            }
            let outcome = switch (change, job.state) {
            case (.retry, _): "Đã xếp hàng chạy lại / queued again"
            case (.cancel, .cancelled): "Đã hủy / cancelled"
            case (.cancel, _): "Đã yêu cầu dừng / asked to stop"
            }
            context.console.print("\(outcome): \(JobsCommand.line(job))")
        }
    }

    static func notFound(_ id: String) -> Refused {
        Refused(description: "Không có việc nền / no such job: \(id)")
    }

    /// A refusal (no such job, a state that does not allow it) as the one line the console shows.
    static func refusingInText(_ body: () async throws -> JobRecord) async throws -> JobRecord {
        do {
            return try await body()
        } catch let error as DomainError {
            throw Refused(description: "\(error.title.vi) / \(error.title.en)")
        }
    }

    /// "3f2a…  failed  import.members  12/40  2026-12-05 08:30  #4  Tệp không đọc được"
    static func line(_ job: JobRecord) -> String {
        let note = job.state == .succeeded ? job.summary?.vi : job.error?.vi
        return [job.id, job.state.rawValue, job.kind, "\(job.done)/\(job.total)", VietnameseFormat.dateTime(job.createdAt),
                job.ownerId.map { "#\($0)" } ?? "—", note ?? ""].joined(separator: "  ")
    }

    static func details(_ job: JobRecord) -> [(String, String)] {
        let time = { (date: Date?) in date.map(VietnameseFormat.dateTime) ?? "—" }
        return [
            ("id", job.id),
            ("Loại / kind", "\(job.kind) (\(job.title.vi))"),
            ("Trạng thái / state", "\(job.state.rawValue) (\(job.state.label.vi))" + (job.cancelRequested && job.state == .running ? ", đã yêu cầu dừng / stop asked" : "")),
            ("Tiến độ / progress", "\(job.done)/\(job.total)"),
            ("Số lần chạy / attempts", "\(job.attempts) / \(JobKinds.kind(named: job.kind)?.maxAttempts ?? JobKind.defaultMaxAttempts)"),
            ("Người chạy / owner", job.ownerId.map { "#\($0)" } ?? "—"),
            ("Khóa / unique key", job.uniqueKey ?? "—"),
            ("Tạo lúc / created", time(job.createdAt)),
            ("Chạy từ / runs after", time(job.runAfter)),
            ("Bắt đầu / started", time(job.startedAt)),
            ("Kết thúc / ended", time(job.endedAt)),
            ("Tiến trình / lease", job.leaseOwner.map { "\($0) → \(time(job.leaseUntil))" } ?? "—"),
            ("Kết quả / summary", job.summary.map { "\($0.vi) / \($0.en)" } ?? "—"),
            ("Lỗi / error", job.error.map { "\($0.vi) / \($0.en)" } ?? "—"),
        ]
    }
}
