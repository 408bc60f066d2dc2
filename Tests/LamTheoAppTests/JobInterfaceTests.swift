import Foundation
import NIOConcurrencyHelpers
@testable import LamTheoApp
import LamTheoCore
import Testing
import Vapor
import VaporTesting

@Suite("Jobs: command line, API and page")
struct JobInterfaceTests {
    /// A console that keeps what a command prints.
    final class CapturedConsole: Console, Sendable {
        private let printed = NIOLockedValueBox("")
        private let info = NIOLockedValueBox([AnySendableHashable: any Sendable]())

        var text: String { printed.withLockedValue { $0 } }
        var size: (width: Int, height: Int) { (200, 50) }
        var userInfo: [AnySendableHashable: any Sendable] {
            get { info.withLockedValue { $0 } }
            set { info.withLockedValue { $0 = newValue } }
        }

        func input(isSecure: Bool) -> String { "" }
        func output(_ text: ConsoleText, newLine: Bool) {
            printed.withLockedValue { $0 += text.fragments.map(\.string).joined() + (newLine ? "\n" : "") }
        }
        func clear(_ type: ConsoleClear) {}
        func report(error: String, newLine: Bool) { output(ConsoleText(stringLiteral: error), newLine: newLine) }
    }

    /// `lamtheo jobs …` on the test's database: what it printed, or the error it ended with.
    static func jobs(_ app: Application, _ arguments: String...) async -> (output: String, error: (any Error)?) {
        let console = CapturedConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["lamtheo jobs"] + arguments))
        context.application = app
        do {
            try await console.run(JobsCommand(), with: context)
            return (console.text, nil)
        } catch {
            return (console.text, error)
        }
    }

    @Test("lamtheo jobs list, show, retry and cancel: readable lines, a refusal is an error (a non-zero exit)", arguments: TestBackend.allCases)
    func commandLine(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (kind, _) = JobTests.countingKind { _ in
                throw DomainError.invalid(field: "file", LocalizedText(vi: "Tệp không đọc được", en: "The file cannot be read"))
            }
            let failed = try #require(try await app.jobs.enqueue(kind: kind.name))
            #expect(try await app.jobs.runPending() == 1)
            let queued = try #require(try await app.jobs.enqueue(kind: kind.name, uniqueKey: "\(kind.name)@2026-12-05"))

            var run = await Self.jobs(app, "list")
            #expect(run.error == nil)
            #expect(run.output.contains("\(failed)  failed  \(kind.name)") && run.output.contains("Tệp không đọc được"))
            #expect(run.output.contains("\(queued)  queued") && run.output.contains("2 / 2 việc / jobs"))
            run = await Self.jobs(app, "list", "--state", "failed")
            #expect(!run.output.contains(queued) && run.output.contains("1 / 1 việc"))
            run = await Self.jobs(app, "list", "--kind", "import.members")
            #expect(run.output.contains("0 / 0 việc"))
            run = await Self.jobs(app, "list", "--state", "broken")
            #expect(run.error.map(String.init(describing:))?.contains("queued | running") == true)

            run = await Self.jobs(app, "show", failed)
            #expect(run.error == nil)
            #expect(run.output.contains("Trạng thái / state: failed (Lỗi)") && run.output.contains("Lỗi / error: Tệp không đọc được / The file cannot be read"))
            #expect(run.output.contains("Số lần chạy / attempts: 1 / 3"))
            run = await Self.jobs(app, "show", "no-such-job")
            #expect(run.error.map(String.init(describing:))?.contains("no such job") == true)

            run = await Self.jobs(app, "retry", failed)
            #expect(run.error == nil && run.output.contains("queued again"))
            #expect(try await app.jobs.job(failed)?.state == .queued)
            run = await Self.jobs(app, "retry", queued)
            #expect(run.error.map(String.init(describing:))?.contains("Only a failed, interrupted or cancelled job can be retried") == true)

            run = await Self.jobs(app, "cancel", queued)
            #expect(run.error == nil && run.output.contains("cancelled"))
            #expect(try await app.jobs.job(queued)?.state == .cancelled)
            run = await Self.jobs(app, "cancel", queued)
            #expect(run.error.map(String.init(describing:))?.contains("already ended") == true)
        }
    }

    @Test("the API: an administrator sees every job, anyone else their own only (another's is 404); owners and administrators retry and cancel",
          arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let (kind, _) = JobTests.countingKind()
            let mine = try #require(try await app.jobs.enqueue(kind: kind.name, owner: wardA.userId))
            let theirs = try #require(try await app.jobs.enqueue(kind: kind.name, owner: wardB.userId))
            let scheduled = try #require(try await app.jobs.enqueue(kind: kind.name, uniqueKey: "\(kind.name)@2026-12-05"))
            let tester = try app.testing()
            func list(_ caller: Caller, _ query: String = "") async throws -> PageDTO<JobAPI.JobDTO> {
                let response = try await tester.sendRequest(.GET, "/api/v1/jobs\(query)", headers: caller.api)
                #expect(response.status == .ok)
                return try response.content.decode(PageDTO<JobAPI.JobDTO>.self)
            }
            #expect(Set(try await list(admin).items.map(\.id)) == [mine, theirs, scheduled])
            #expect(try await list(wardA).items.map(\.id) == [mine])
            #expect(try await list(admin, "?state=queued&kind=\(kind.name)&per=2").total == 3)
            #expect(try await list(admin, "?state=failed").total == 0)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs?state=broken", headers: admin.api).status == .badRequest)

            let own = try await tester.sendRequest(.GET, "/api/v1/jobs/\(mine)", headers: wardA.api)
            #expect(own.status == .ok)
            let dto = try own.content.decode(JobAPI.JobDTO.self)
            #expect(dto.state == .queued && dto.title == "Việc thử" && dto.ownerId == wardA.userId)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs/\(theirs)", headers: wardA.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs/\(scheduled)", headers: wardA.api).status == .notFound)
            #expect(try await tester.sendRequest(.POST, "/api/v1/jobs/\(theirs)/cancel", headers: wardA.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs/\(theirs)", headers: admin.api).status == .ok)

            let cancelled = try await tester.sendRequest(.POST, "/api/v1/jobs/\(mine)/cancel", headers: wardA.api)
            #expect(try cancelled.status == .ok && cancelled.content.decode(JobAPI.JobDTO.self).state == .cancelled)
            #expect(try await tester.sendRequest(.POST, "/api/v1/jobs/\(mine)/cancel", headers: wardA.api).status == .conflict)
            let retried = try await tester.sendRequest(.POST, "/api/v1/jobs/\(mine)/retry", headers: wardA.api)
            #expect(try retried.status == .ok && retried.content.decode(JobAPI.JobDTO.self).state == .queued)
            #expect(try await tester.sendRequest(.POST, "/api/v1/jobs/\(mine)/retry", headers: wardA.api).status == .conflict)
            #expect(try await tester.sendRequest(.POST, "/api/v1/jobs/\(theirs)/cancel", headers: admin.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs/nothing", headers: admin.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/jobs").status == .unauthorized)
        }
    }

    @Test("the /jobs page: administrators only, in the menu, with each job's state, owner and outcome, and retry or cancel behind the anti-forgery token",
          arguments: TestBackend.allCases)
    func page(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let (failing, _) = JobTests.countingKind { _ in
                throw DomainError.invalid(field: "file", LocalizedText(vi: "Tệp <b>không</b> đọc được", en: "The file cannot be read"))
            }
            let failed = try #require(try await app.jobs.enqueue(kind: failing.name, owner: wardA.userId))
            try await app.jobs.runPending()
            let queued = try #require(try await app.jobs.enqueue(kind: failing.name, uniqueKey: "\(failing.name)@2026-12-05"))
            let tester = try app.testing()

            let page = try await tester.sendRequest(.GET, "/jobs", headers: admin.web)
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("<h1>Việc nền</h1>") && html.contains("href=\"/jobs\""), "in the menu")
            #expect(html.contains("Việc thử") && html.contains("phuonga") && html.contains("Theo lịch"))
            #expect(html.contains("Tệp &lt;b&gt;không&lt;/b&gt; đọc được"), "stored text shown as text")
            #expect(html.contains("action=\"/jobs/\(failed)/retry\"") && html.contains("action=\"/jobs/\(queued)/cancel\""))
            #expect(!html.contains("action=\"/jobs/\(failed)/cancel\""))
            let filtered = String(buffer: try await tester.sendRequest(.GET, "/jobs?state=queued", headers: admin.web).body)
            #expect(filtered.contains(queued) && !filtered.contains(failed))
            #expect(String(buffer: try await tester.sendRequest(.GET, "/jobs?lang=en", headers: admin.web).body).contains("Background jobs"))

            #expect(try await tester.sendRequest(.GET, "/jobs", headers: wardA.web).status == .forbidden)
            #expect(!String(buffer: try await tester.sendRequest(.GET, "/me/todos", headers: wardA.web).body).contains("href=\"/jobs\""))

            let unsigned = try await tester.sendRequest(.POST, "/jobs/\(failed)/retry", headers: admin.web) {
                try $0.content.encode(["x": "y"], as: .urlEncodedForm)
            }
            #expect(unsigned.status == .forbidden)
            let retried = try await tester.sendRequest(.POST, "/jobs/\(failed)/retry", headers: admin.web) {
                try $0.content.encode(admin.form([:]), as: .urlEncodedForm)
            }
            #expect(retried.status == .seeOther && retried.headers.first(name: .location) == "/jobs")
            #expect(try await app.jobs.job(failed)?.state == .queued)
            let cancelled = try await tester.sendRequest(.POST, "/jobs/\(queued)/cancel", headers: admin.web) {
                try $0.content.encode(admin.form([:]), as: .urlEncodedForm)
            }
            #expect(cancelled.status == .seeOther)
            #expect(try await app.jobs.job(queued)?.state == .cancelled)
            let again = try await tester.sendRequest(.POST, "/jobs/\(queued)/cancel", headers: admin.web) {
                try $0.content.encode(admin.form([:]), as: .urlEncodedForm)
            }
            #expect(again.status == .conflict)
        }
    }

    @Test("the page's view from a hand-made model: a running job's cancel, a failed job's retry, a scheduled one named so, on a phone's table")
    func view() {
        let row = { (state: JobState, owner: LocalizedText?) in
            JobList.Row(id: "j-\(state.rawValue)", title: LocalizedText(vi: "Nhập đảng viên", en: "Member import"), state: state, cancelRequested: false,
                        owner: owner, done: 3, total: 10, createdAt: Date(timeIntervalSince1970: 1_765_000_000), endedAt: nil,
                        note: state == .failed ? LocalizedText(vi: "Lỗi hệ thống", en: "Internal error") : nil)
        }
        let model = JobList.Model(rows: [row(.running, LocalizedText(vi: "Bí thư", en: "Secretary")), row(.failed, nil), row(.succeeded, nil)],
                                  state: nil, kind: nil, kinds: [("import.members", LocalizedText(vi: "Nhập đảng viên", en: "Member import"))],
                                  page: 1, pageCount: 1, total: 3)
        let html = PageViewTests.render(JobList.View(model: model)).html
        #expect(html.contains("action=\"/jobs/j-running/cancel\"") && html.contains("action=\"/jobs/j-failed/retry\""))
        #expect(!html.contains("/jobs/j-succeeded/"))
        #expect(html.contains("class=\"responsive\"") && html.contains("data-label=\"Tiến độ\"") && html.contains("3/10"))
        #expect(html.contains("Bí thư") && html.contains("Theo lịch") && html.contains("Lỗi hệ thống"))
        #expect(html.contains("<option value=\"import.members\">Nhập đảng viên</option>"))
        #expect(html.contains("<option value>Tất cả</option>"), "“all” sends an empty value, not its words")
        #expect(html.contains("name=\"_csrf\" value=\"csrf-token\""))
    }
}
