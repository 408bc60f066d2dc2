import Fluent
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import Vapor

@Suite("Reminders benchmark")
struct ReminderBenchmarkTests {
    @Test("benchmark-reminders on the demo tree: an account per member on the roll, one reminder each, nothing new the second time",
          arguments: TestBackend.allCases)
    func smallRun(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let console = JobInterfaceTests.CapturedConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["lamtheo benchmark-reminders", "--scale", "demo", "--runs", "5"]))
            context.application = app
            try await console.run(ReminderBenchmarkCommand(), with: context)

            let onRoll = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).count()
            #expect(onRoll > 1_500)
            #expect(try await RoleGrant.query(on: app.db).filter(\.$role == .member).count() == onRoll)
            let perUser = try await app.db.sql.raw("""
                SELECT COUNT(*) AS users, MIN(n) AS fewest, MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM notifications GROUP BY user_id) AS counted
                """).first()!
            #expect(try perUser.decode(column: "users", as: Int.self) == onRoll)
            #expect(try perUser.decode(column: "fewest", as: Int.self) == 1 && perUser.decode(column: "most", as: Int.self) == 1)
            #expect(try await UserNotification.query(on: app.db).filter(\.$kind == "study.reflection").filter(\.$step == "before-7").count() == onRoll)

            let count = VietnameseFormat.integer(onRoll)
            #expect(console.text.contains("first run: \(count) items read, \(count) notifications written"), "\(console.text)")
            #expect(console.text.contains("second run, same day: \(count) items read, 0 notifications written"))
            #expect(console.text.contains("A inbox · during first run") && console.text.contains("B coverage of a ward · during second run"))
            #expect(try await ReminderEngine.generate(on: .today(), app: app).reminders == 0)
        }
    }
}
