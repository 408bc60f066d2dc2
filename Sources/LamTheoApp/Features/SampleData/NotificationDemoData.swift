import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The city's own schedule for reflections — a month ahead, a week ahead, the day before, on the day, every
    /// three days late — so that the demo member, whose reflection is due in three weeks, has a reminder today;
    /// then today's reminders, as the daily job records them (a second start records nothing new).
    static func createNotifications(_ app: Application, today: CalendarDate) async throws {
        guard let city = try await Organization.query(on: app.db).filter(\.$parentId == nil).sort(\.$id).first() else { return }
        let kind = ReflectionReminders().kind.name
        if try await ReminderRule.query(on: app.db).filter(\.$organizationId == city.requireID()).filter(\.$kind == kind).count() == 0 {
            let input = ReminderRuleInput(kind: kind, daysBefore: "30, 7, 1", onTheDay: true, repeatEvery: 3, escalateAfter: 5, escalateAgainAfter: 10)
            _ = try await DemoWriter(app: app).write("reminder-rule.save", ReminderRule.self) {
                try await NotificationCommands.saveRule(input, at: city, by: nil, on: $0)
            }
        }
        _ = try await ReminderEngine.generate(on: today, app: app)
    }
}
