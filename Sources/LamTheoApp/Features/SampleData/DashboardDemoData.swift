import Fluent
import LamTheoCore
import Vapor

extension DemoData {
    /// Days of made-up history the demo's charts show.
    static let historyDays = 60

    /// Today's dashboard figures, stored as the evening job stores them; and, because a fresh demo has no past, a made-up
    /// one for the trend charts and the comparisons: a straight climb from nothing, `historyDays` ago, to today's figures.
    static func createDashboardHistory(_ app: Application, today: CalendarDate) async throws {
        guard try await app.db.sql.raw("SELECT COUNT(*) AS n FROM dashboard_snapshots").first()?.decode(column: "n", as: Int.self) == 0 else { return }
        try await DashboardSnapshots.take(on: today, app: app)
        try await app.writeBookkeeping { db in
            for daysAgo in 1...historyDays {
                try await db.sql.raw("""
                    INSERT INTO dashboard_snapshots (day, organization_id, key, count, total)
                    SELECT \(bind: today.adding(days: -daysAgo).iso), organization_id, key, count * \(bind: historyDays - daysAgo) / \(bind: historyDays), total
                    FROM dashboard_snapshots WHERE day = \(bind: today.iso)
                    """).run()
            }
        }
    }
}
