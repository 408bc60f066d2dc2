import Foundation
import LamTheoCore
import Vapor

/// An import from start to end: read the file, then the kind's own importer. A dry run reports what would
/// happen and writes nothing; a real run writes everything or, if any row is refused, nothing.
enum SpreadsheetImport {
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
        let report = ImportReport(kind: source.kind, fileName: source.fileName, table: table)
        switch source.kind {
        case .members:
            return try await MemberImport.run(table, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app, progress: progress)
        case .organizations:
            return try await OrganizationImport.run(table, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app, progress: progress)
        }
    }
}

/// Imports that run in the background so that a large file neither holds a request open nor the server
/// up: the page that started one shows its progress and then its report.
actor ImportJobs {
    enum State: Sendable {
        case running(done: Int, total: Int)
        case finished(ImportReport)
        case failed(LocalizedText)
    }

    struct Job: Sendable {
        let id: String
        let source: SpreadsheetImport.Source
        let dryRun: Bool
        let ownerId: Int
        var state: State
    }

    private var jobs: [String: Job] = [:]

    /// Starts the import in the background and returns its id at once.
    func start(_ source: SpreadsheetImport.Source, dryRun: Bool, actor: Actor, origin: AuditOrigin, app: Application) -> String {
        let id = UUID().uuidString.lowercased()
        jobs[id] = Job(id: id, source: source, dryRun: dryRun, ownerId: actor.userId, state: .running(done: 0, total: 1))
        Task.detached {
            let state: State
            do {
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

    private func update(_ id: String, _ state: State) {
        // A late progress report never overwrites the final state.
        if case .running = state, case .finished = jobs[id]?.state { return }
        if case .running = state, case .failed = jobs[id]?.state { return }
        jobs[id]?.state = state
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
