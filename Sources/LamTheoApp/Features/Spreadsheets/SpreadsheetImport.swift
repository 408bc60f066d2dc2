import Foundation
import LamTheoCore
import Vapor

/// An import from start to end: read the file, then the kind's own importer. A dry run reports what would
/// happen and writes nothing; a real run writes everything or, if any row is refused, nothing.
enum SpreadsheetImport {
    /// The largest file accepted over HTTP (a national list is about 150 MB of CSV).
    static let uploadLimit: ByteCount = "200mb"

    struct Source: Sendable {
        let kind: SpreadsheetKind
        let fileName: String
        let data: Data
        let sheet: String?
    }

    /// - Parameter actor: the caller, whose scope limits every row; nil for the command line.
    static func run(_ source: Source, dryRun: Bool, actor: Actor?, origin: AuditOrigin, app: Application,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let table = try await SpreadsheetTable.read(source.data, sheet: source.sheet)
        let columns = try ColumnMap(kind: source.kind, header: table.rows[0])
        let report = ImportReport(kind: source.kind, fileName: source.fileName, table: table, columns: columns)
        switch source.kind {
        case .members:
            return try await MemberImport.run(table, columns: columns, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app,
                                              progress: progress)
        case .organizations:
            return try await OrganizationImport.run(table, columns: columns, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app,
                                                    progress: progress)
        }
    }
}

/// Imports that run in the background so that a large file neither holds a request open nor the server
/// up: the page that started one shows its progress and then its report.
///
/// An uploaded file stays on disk (never in memory) while a job may still need it: a dry run's file is
/// applied later by a second job. Jobs are forgotten `retention` after they end, and a file is deleted
/// when no job refers to it any more. Each user runs a few imports at a time at most, since a running
/// import holds its file in memory.
actor ImportJobs {
    static let runningPerUser = 2
    static let retention: TimeInterval = 2 * 3600

    enum State: Sendable {
        case running(done: Int, total: Int)
        case finished(ImportReport)
        case failed(LocalizedText)
    }

    /// What a job imports: an uploaded file, read as `kind`.
    struct Upload: Sendable {
        let kind: SpreadsheetKind
        let file: UploadedFile
        let sheet: String?
    }

    struct Job: Sendable {
        let id: String
        let upload: Upload
        let dryRun: Bool
        let ownerId: Int
        var state: State
        var endedAt: Date?

        var isRunning: Bool {
            if case .running = state { return true }
            return false
        }
    }

    private var jobs: [String: Job] = [:]

    /// Starts the import in the background and returns its id at once; refused (and the file deleted,
    /// unless a job holds it) when the user already runs `runningPerUser` imports.
    func start(_ upload: Upload, dryRun: Bool, actor: Actor, origin: AuditOrigin, app: Application) throws -> String {
        forgetEndedJobs()
        guard jobs.values.filter({ $0.ownerId == actor.userId && $0.isRunning }).count < Self.runningPerUser else {
            discardUnreferenced([upload.file])
            throw DomainError(.tooManyAttempts, title: LocalizedText(
                vi: "Bạn đang có \(Self.runningPerUser) lần nhập chưa xong. Vui lòng chờ chúng xong rồi gửi tệp khác.",
                en: "You already have \(Self.runningPerUser) imports running. Please wait for them to finish before sending another file."))
        }
        let id = UUID().uuidString.lowercased()
        jobs[id] = Job(id: id, upload: upload, dryRun: dryRun, ownerId: actor.userId, state: .running(done: 0, total: 1))
        Task.detached {
            let state: State
            do {
                // The file is in memory only while its import runs.
                let source = SpreadsheetImport.Source(kind: upload.kind, fileName: upload.file.fileName,
                                                      data: try Data(contentsOf: upload.file.url), sheet: upload.sheet)
                let report = try await SpreadsheetImport.run(source, dryRun: dryRun, actor: actor, origin: origin, app: app) { done, total in
                    Task { await self.update(id, .running(done: done, total: total)) }
                }
                state = .finished(report)
            } catch let error as DomainError {
                state = .failed(error.fieldErrors.first?.message ?? error.title)
            } catch {
                app.logger.report(error: error)
                state = .failed(LocalizedText(vi: "Lỗi hệ thống khi nhập tệp", en: "Internal error while importing"))
            }
            await self.update(id, state)
        }
        return id
    }

    /// The job, only for the user who started it.
    func job(_ id: String, for actor: Actor) -> Job? {
        jobs[id].flatMap { $0.ownerId == actor.userId ? $0 : nil }
    }

    /// The job once it has ended, or as it stands after `limit`.
    func waitForEnd(of id: String, for actor: Actor, upTo limit: Duration) async -> Job? {
        let deadline = ContinuousClock.now + limit
        while let job = job(id, for: actor), job.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(200))
        }
        return job(id, for: actor)
    }

    private func update(_ id: String, _ state: State) {
        // A late progress report never overwrites the final state.
        guard jobs[id]?.isRunning == true else { return }
        jobs[id]?.state = state
        if jobs[id]?.isRunning == false { jobs[id]?.endedAt = Date() }
    }

    /// At shutdown: no upload outlives the process that received it.
    func discardAll() {
        let files = jobs.values.map(\.upload.file)
        jobs = [:]
        discardUnreferenced(files)
    }

    private func forgetEndedJobs() {
        let before = Date().addingTimeInterval(-Self.retention)
        let ended = jobs.values.filter { ($0.endedAt ?? .distantFuture) < before }
        for job in ended { jobs[job.id] = nil }
        discardUnreferenced(ended.map(\.upload.file))
    }

    private func discardUnreferenced(_ files: [UploadedFile]) {
        let held = Set(jobs.values.map(\.upload.file.url))
        for file in Set(files) where !held.contains(file.url) { file.discard() }
    }
}

/// Deletes the uploads still held when the server stops.
struct ImportJobsCleanup: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.importJobs.discardAll()
    }
}

extension Application {
    /// Set once in `configure`.
    var importJobs: ImportJobs {
        get { storage[ImportJobsKey.self]! }
        set { storage[ImportJobsKey.self] = newValue }
    }

    private struct ImportJobsKey: StorageKey {
        typealias Value = ImportJobs
    }
}
