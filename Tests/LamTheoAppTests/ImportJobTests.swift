import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import LamTheoSpreadsheet
import Testing
import Vapor
import VaporTesting

@Suite("Imports as durable jobs")
struct ImportJobTests {
    static let header = SpreadsheetTests.memberHeader

    static func csv(_ rows: [[String]]) -> ByteBuffer {
        ByteBuffer(data: CSVFile.write([header] + rows))
    }

    static func uploads(_ app: Application) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ImportJobs.uploadsDirectory(app).path)) ?? []).sorted()
    }

    @Test("an import's report is kept in the database: after the app that ran it has shut down, another app on the same database shows it and imports the file",
          arguments: TestBackend.allCases)
    func reportOutlivesTheProcess(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            var configuration = AppConfiguration(database: app.configuredDatabase)
            configuration.filesDirectory = app.documentFiles.directory.path
            let first = try await Application.make(.testing)
            first.logger.logLevel = .warning
            let id: String
            do {
                try await configure(first, configuration)
                let started = try await first.testing().sendRequest(.POST, "/api/v1/imports?kind=members&dryRun=true&fileName=chi-bo.csv", headers: admin.api,
                                                                    body: Self.csv([["600001", "Nguyễn Văn An", "Nam", "", "", "", "PA-1", ""]]))
                #expect(started.status == .accepted)
                id = try started.content.decode(SpreadsheetAPI.JobDTO.self).id
                #expect(try await first.jobs.runPending() == 1)
            } catch {
                try? await first.asyncShutdown()
                throw error
            }
            try await first.asyncShutdown()

            let tester = try app.testing()
            let job = try await tester.sendRequest(.GET, "/api/v1/imports/\(id)", headers: admin.api).content.decode(SpreadsheetAPI.JobDTO.self)
            #expect(job.state == "finished" && job.report?.rows == 1 && job.report?.created == 1 && job.report?.applied == false)
            let page = try await tester.sendRequest(.GET, "/imports/\(id)", headers: admin.web)
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("Kiểm tra tệp chi-bo.csv") && html.contains("1 dòng: 1 thêm mới"))
            #expect(html.contains(SpreadsheetRoute.applyJob(.value(id)).path))

            let applied = try await tester.sendRequest(.POST, "/imports/\(id)/apply", headers: admin.web) {
                try $0.content.encode(admin.form([:]), as: .urlEncodedForm)
            }
            #expect(applied.status == .seeOther)
            #expect(try await app.jobs.runPending() == 1)
            #expect(try await Member.query(on: app.db).filter(\.$cardNumber == "600001").count() == 1)
            #expect(Self.uploads(app).isEmpty, "imported: the file is gone")
        }
    }

    @Test("uploads wait in the files directory: a checked file until its import, a refused or imported one goes when its job ends, two at a time per user",
          arguments: TestBackend.allCases)
    func uploadedFiles(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            func start(_ rows: [[String]], dryRun: Bool) async throws -> String {
                let started = try await tester.sendRequest(.POST, "/api/v1/imports?kind=members&dryRun=\(dryRun)&fileName=a.csv", headers: admin.api,
                                                           body: Self.csv(rows))
                #expect(started.status == .accepted)
                let job = try started.content.decode(SpreadsheetAPI.JobDTO.self)
                return job.id
            }
            let good = [["610001", "Trần Văn Bình", "Nam", "", "", "", "PA-1", ""]]
            let bad = [["610002", "", "Nam", "", "", "", "PA-1", ""]]

            let checked = try await start(good, dryRun: true)
            let refused = try await start(bad, dryRun: true)
            #expect(Self.uploads(app).count == 2, "waiting on disk for their jobs")
            // Two imports at a time per user: a third is refused and its file not kept.
            let third = try await tester.sendRequest(.POST, "/api/v1/imports?kind=members&fileName=c.csv", headers: admin.api, body: Self.csv(good))
            #expect(third.status == .tooManyRequests)
            #expect(Self.uploads(app).count == 2)

            #expect(try await app.jobs.runPending() == 2)
            let kept = try #require(try await app.jobs.job(checked)?.payload(as: ImportJobs.Payload.self))
            #expect(Self.uploads(app) == [kept.file], "the checked file waits for its import; the refused one is gone")
            // Nothing deletes a file a job still needs, however old.
            #expect(try await ImportJobs.discardUnneededFiles(app: app) == 0)

            let user = try #require(try await User.find(admin.userId, on: app.db))
            let actor = try await ActorLoader.actor(for: user, on: app.db)
            let checkedJob = try #require(try await app.jobs.job(checked))
            let refusedJob = try #require(try await app.jobs.job(refused))
            await #expect(throws: DomainError.self, "a file with errors cannot be imported") {
                try await ImportJobs.apply(refusedJob, actor: actor, origin: .commandLine(user: "test"), app: app)
            }
            let importing = try await ImportJobs.apply(checkedJob, actor: actor, origin: .commandLine(user: "test"), app: app)
            #expect(try await app.jobs.runPending() == 1)
            #expect(try await app.jobs.job(importing)?.result(as: ImportReport.self)?.applied == true)
            #expect(Self.uploads(app).isEmpty, "imported, the file is deleted")
            await #expect(throws: DomainError.self, "its file is gone") {
                try await ImportJobs.apply(checkedJob, actor: actor, origin: .commandLine(user: "test"), app: app)
            }

            // A real import's file goes when it ends; a file no job refers to goes once an hour old.
            _ = try await start([["610003", "Lê Thị Cúc", "Nữ", "", "", "", "PA-2", ""]], dryRun: false)
            #expect(try await app.jobs.runPending() == 1)
            #expect(Self.uploads(app).isEmpty)
            let stray = ImportJobs.uploadsDirectory(app).appendingPathComponent("stray")
            let young = ImportJobs.uploadsDirectory(app).appendingPathComponent("young")
            try Data("x".utf8).write(to: stray)
            try Data("x".utf8).write(to: young)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7_200)], ofItemAtPath: stray.path)
            #expect(try await ImportJobs.discardUnneededFiles(app: app) == 1)
            #expect(Self.uploads(app) == ["young"])
        }
    }

    @Test("an import runs with the rights its user holds, and the audit trail names them as the origin", arguments: TestBackend.allCases)
    func runsAsItsUser(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()
            func run(_ rows: [[String]]) async throws -> JobRecord {
                let started = try await tester.sendRequest(.POST, "/api/v1/imports?kind=members&dryRun=false&fileName=b.csv", headers: wardA.api,
                                                           body: Self.csv(rows))
                let id = try started.content.decode(SpreadsheetAPI.JobDTO.self).id
                #expect(try await app.jobs.runPending() == 1)
                return try #require(try await app.jobs.job(id))
            }
            let inScope = ["620001", "Phạm Văn Dũng", "Nam", "", "", "", "PA-1", ""]
            var job = try await run([inScope, ["620002", "Võ Thị Em", "Nữ", "", "", "", "PB-1", ""]])
            #expect(job.ownerId == wardA.userId && job.state == .succeeded)
            var report = try #require(job.result(as: ImportReport.self))
            #expect(!report.applied && report.errors.map(\.line) == [3], "ward B is outside the importer's scope: nothing written")
            #expect(job.summary?.vi == report.summary(.vi))

            job = try await run([inScope])
            report = try #require(job.result(as: ImportReport.self))
            #expect(report.applied && report.created == 1)
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "import.members").first())
            #expect(event.actorUserId == wardA.userId && event.actorName == "phuonga" && event.source == "api")
        }
    }
}
