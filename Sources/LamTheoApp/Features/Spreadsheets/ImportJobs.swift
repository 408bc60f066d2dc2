import Fluent
import Foundation
import LamTheoCore
import Vapor

/// Imports run as background jobs (`JobQueue`), so that a large file neither holds a request open nor is lost with
/// the process: the page that started one shows its progress, then its report, read from the database (after a
/// restart too). There is a job kind per spreadsheet kind (`import.members`, `import.orgs`).
///
/// The uploaded file waits on disk in `<files directory>/uploads/` (never in memory) while a job may still need it:
/// a dry run's file is applied later by a second job. It is deleted when the job that needs it has ended, except a
/// checked file that may still be imported, kept `keptForApply` and then deleted by `discardFiles`. Each user runs
/// `runningPerUser` imports at a time at most, since a running import holds its file in memory.
enum ImportJobs {
    static let runningPerUser = 2
    static let keptForApply: TimeInterval = 2 * 3600

    /// What an import job is given: the file, how to read it, and who started it (the job runs with their rights).
    struct Payload: Codable, Sendable {
        /// The file's name in the uploads folder, where it waits.
        let file: String
        /// The name the sender gave it.
        let fileName: String
        let kind: SpreadsheetKind
        let sheet: String?
        let dryRun: Bool
        let userId: Int
        /// The audit origin's source and address: the request that started it.
        let source: String
        let ip: String?
    }

    /// What a job imports: an uploaded file, read as `kind`.
    struct Upload: Sendable {
        let kind: SpreadsheetKind
        let file: UploadedFile
        let sheet: String?
    }

    static func jobName(_ kind: SpreadsheetKind) -> String {
        "import.\(kind.rawValue)"
    }

    static var jobKinds: [JobKind] {
        SpreadsheetKind.allCases.map { kind in
            JobKind(name: jobName(kind), title: LocalizedText(vi: "Nhập danh sách \(kind.label.vi)", en: "Import of \(kind.label.en)"),
                    run: run, ended: ended)
        }
    }

    /// Every half hour: the files no job needs any more (a checked file never imported, what a crash left behind).
    static let discardFiles = JobKind(name: "import.discard-files", title: LocalizedText(vi: "Xóa tệp nhập đã hết hạn", en: "Delete expired import files")) { context in
        let discarded = try await discardUnneededFiles(app: context.app)
        return JobOutcome(summary: LocalizedText(vi: "Đã xóa \(VietnameseFormat.integer(discarded)) tệp", en: "Deleted \(discarded) files"))
    }

    static func uploadsDirectory(_ app: Application) -> URL {
        app.documentFiles.directory.appendingPathComponent("uploads", isDirectory: true)
    }

    /// Moves the upload into the uploads folder and queues its import; refused (and the file deleted) when the user
    /// already runs `runningPerUser` imports.
    static func start(_ upload: Upload, dryRun: Bool, actor: Actor, origin: AuditOrigin, app: Application) async throws -> String {
        do {
            try await checkRunningImports(of: actor.userId, app: app)
        } catch {
            upload.file.discard()
            throw error
        }
        let directory = uploadsDirectory(app)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = UUID().uuidString.lowercased()
        do {
            try FileManager.default.moveItem(at: upload.file.url, to: directory.appendingPathComponent(name))
        } catch {
            upload.file.discard()
            throw error
        }
        let payload = Payload(file: name, fileName: upload.file.fileName, kind: upload.kind, sheet: upload.sheet, dryRun: dryRun,
                              userId: actor.userId, source: origin.source, ip: origin.ip)
        return try await enqueue(payload, app: app)
    }

    /// Imports the file a checked (dry-run) job read, as a new job.
    static func apply(_ checked: JobRecord, actor: Actor, origin: AuditOrigin, app: Application) async throws -> String {
        guard let payload = checked.payload(as: Payload.self), payload.dryRun, checked.state == .succeeded,
              checked.result(as: ImportReport.self)?.errors.isEmpty == true else {
            throw DomainError(.conflict, title: LocalizedText(vi: "Chỉ ghi được tệp đã kiểm tra xong và không có lỗi",
                                                              en: "Only a file checked without errors can be imported"))
        }
        guard FileManager.default.fileExists(atPath: path(of: payload, app: app)) else { throw fileGone }
        try await checkRunningImports(of: actor.userId, app: app)
        return try await enqueue(Payload(file: payload.file, fileName: payload.fileName, kind: payload.kind, sheet: payload.sheet, dryRun: false,
                                         userId: actor.userId, source: origin.source, ip: origin.ip), app: app)
    }

    static let fileGone = DomainError(.conflict, title: LocalizedText(
        vi: "Tệp không còn trên máy chủ (đã nhập, hoặc quá \(Int(keptForApply / 3600)) giờ sau khi kiểm tra). Hãy tải tệp lên lại.",
        en: "The file is no longer on the server (imported already, or checked over \(Int(keptForApply / 3600)) hours ago). Please upload it again."))

    static func path(of payload: Payload, app: Application) -> String {
        uploadsDirectory(app).appendingPathComponent(payload.file).path
    }

    private static func enqueue(_ payload: Payload, app: Application) async throws -> String {
        guard let id = try await app.jobs.enqueue(kind: jobName(payload.kind), payload: try JSONEncoder().encode(payload), owner: payload.userId) else {
            throw Abort(.internalServerError, reason: "An import job without a unique key was not recorded")
        }
        return id
    }

    private static func checkRunningImports(of userId: Int, app: Application) async throws {
        let running = try await StoredJob.query(on: app.db).filter(\.$ownerId == userId)
            .filter(\.$kind ~~ SpreadsheetKind.allCases.map(jobName)).filter(\.$state ~~ [.queued, .running]).count()
        guard running < runningPerUser else {
            throw DomainError(.tooManyAttempts, title: LocalizedText(
                vi: "Bạn đang có \(runningPerUser) lần nhập chưa xong. Vui lòng chờ chúng xong rồi gửi tệp khác.",
                en: "You already have \(runningPerUser) imports running. Please wait for them to finish before sending another file."))
        }
    }

    /// An import's job for the user who started it (nobody else sees it), or nil.
    static func job(_ id: String, for actor: Actor, app: Application) async throws -> JobRecord? {
        guard let job = try await app.jobs.job(id), job.ownerId == actor.userId, job.payload(as: Payload.self) != nil,
              SpreadsheetKind.allCases.map(jobName).contains(job.kind) else { return nil }
        return job
    }

    /// The job once it has ended, or as it stands after `limit`. Without a runner in this process (tests, which run
    /// jobs themselves) there is nothing to wait for.
    static func waitForEnd(of id: String, for actor: Actor, upTo limit: Duration, app: Application) async throws -> JobRecord? {
        let deadline = ContinuousClock.now + (app.jobs.local.isLooping ? limit : .zero)
        var job = try await job(id, for: actor, app: app)
        while let current = job, !current.state.isEnded, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            job = try await self.job(id, for: actor, app: app)
        }
        return job
    }

    /// Runs the import as the user who started it, with the rights they hold now.
    @Sendable static func run(_ context: JobContext) async throws -> JobOutcome {
        let payload = try context.payload(as: Payload.self)
        guard let user = try await User.find(payload.userId, on: context.app.db), user.isActive else {
            throw DomainError(.forbidden, title: LocalizedText(vi: "Tài khoản đã gửi tệp không còn hoạt động", en: "The account that sent the file is no longer active"))
        }
        let actor = try await ActorLoader.actor(for: user, on: context.app.db)
        guard let data = FileManager.default.contents(atPath: path(of: payload, app: context.app)) else { throw fileGone }
        let origin = AuditOrigin(userId: actor.userId, name: actor.username, source: payload.source, ip: payload.ip)
        let report = try await SpreadsheetImport.run(.init(kind: payload.kind, fileName: payload.fileName, data: data, sheet: payload.sheet),
                                                     dryRun: payload.dryRun, actor: actor, origin: origin, app: context.app) { done, total in
            context.noteProgress(done: done, total: total)
        }
        return JobOutcome(summary: LocalizedText(vi: report.summary(.vi), en: report.summary(.en)), result: try JSONEncoder().encode(report))
    }

    /// The file goes with the job that needed it, unless another job still needs it, or it was checked and may
    /// still be imported.
    @Sendable static func ended(_ context: JobContext, _ state: JobState) async {
        guard let payload = try? context.payload(as: Payload.self) else { return }
        do {
            if try await !filesInUse(app: context.app).contains(payload.file) {
                try? FileManager.default.removeItem(atPath: path(of: payload, app: context.app))
            }
        } catch {
            context.app.logger.report(error: error)
        }
    }

    /// The files that queued or running imports need, and the checked ones (a dry run without errors, in the last
    /// `keptForApply`) not yet imported: a failed import of a checked file may be retried.
    private static func filesInUse(app: Application) async throws -> Set<String> {
        let since = Date().addingTimeInterval(-keptForApply)
        let jobs = try await StoredJob.query(on: app.db).filter(\.$kind ~~ SpreadsheetKind.allCases.map(jobName))
            .group(.or) { $0.filter(\.$state ~~ [.queued, .running]).filter(\.$endedAt >= since) }.all().map(\.record)
        let byFile = Dictionary(grouping: jobs.compactMap { job in job.payload(as: Payload.self).map { (file: $0.file, dryRun: $0.dryRun, job: job) } },
                                by: { $0.file })
        return Set(byFile.compactMap { file, jobs in
            let needed = jobs.contains { !$0.job.state.isEnded }
            let checked = jobs.contains { $0.dryRun && $0.job.state == .succeeded && $0.job.result(as: ImportReport.self)?.errors.isEmpty == true }
            let imported = jobs.contains { !$0.dryRun && $0.job.state == .succeeded }
            return needed || (checked && !imported) ? file : nil
        })
    }

    /// Deletes the uploads no job needs that are older than an hour (a younger one may be on its way to its job).
    static func discardUnneededFiles(app: Application) async throws -> Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: uploadsDirectory(app), includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        let inUse = try await filesInUse(app: app)
        let before = Date().addingTimeInterval(-3600)
        var discarded = 0
        for file in files where !inUse.contains(file.lastPathComponent) {
            guard let modified = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, modified < before else { continue }
            if (try? FileManager.default.removeItem(at: file)) != nil { discarded += 1 }
        }
        return discarded
    }
}
