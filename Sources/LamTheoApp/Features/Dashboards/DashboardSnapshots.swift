import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// A figure as it stood on a day.
struct SnapshotValue: Sendable, Hashable, Codable {
    let count: Int?
    let total: Int?

    /// The share in percent (0–100) as the pages write it, or the count alone when there is no whole.
    var chartValue: Double? {
        guard let count else { return nil }
        guard let total else { return Double(count) }
        return VietnameseFormat.percentValue(count, of: total)
    }
}

/// The dashboards' history. Once a day every registered figure of every active unit above the cells is stored as it
/// stands, so that a trend reads what the figures were instead of recounting the past (which the roll-ups cannot),
/// and a comparison finds the same day of the previous period. Cells have no history: their trend is their members'.
enum DashboardSnapshots {
    static let kind = "dashboards.snapshot"
    /// Units read, and their figures written, at a time.
    static let unitsPerPage = 500

    static let jobKind = JobKind(name: kind, title: LocalizedText(vi: "Lưu số liệu trong ngày cho biểu đồ", en: "The day's figures for the charts")) { context in
        let rows = try await take(on: .today(), app: context.app) { done, total in try await context.progress(done: done, total: total) }
        return JobOutcome(summary: LocalizedText(vi: "Đã lưu \(NumberFormat.vi.integer(rows)) số liệu", en: "\(NumberFormat.en.integer(rows)) figures stored"))
    }

    /// Late in the evening, when the day's work is in.
    static let schedule = JobSchedule(kind: kind, cadence: .daily(hour: 23, minute: 30))

    /// Stores the figures of `day`; taken again the same day, the later figures replace the earlier. Returns how
    /// many were stored.
    @discardableResult
    static func take(on day: CalendarDate, app: Application,
                     progress: @escaping @Sendable (Int, Int) async throws -> Void = { _, _ in }) async throws -> Int {
        let parents: SQLQueryString = """
            o.status = \(bind: OrganizationStatus.active.rawValue) AND EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = o.id)
            """
        let units = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM organizations o WHERE \(parents)").first()?.decode(column: "n", as: Int.self) ?? 0
        var after = 0, done = 0, written = 0
        while true {
            let ids = try await app.db.sql.raw("SELECT o.id AS id FROM organizations o WHERE o.id > \(bind: after) AND \(parents) ORDER BY o.id LIMIT \(bind: unitsPerPage)")
                .all().map { try $0.decode(column: "id", as: Int.self) }
            guard let last = ids.last else { break }
            let sections = try await Dashboards.sections(of: try await DashboardUnit.units(ids, on: app.db), explaining: nil, day: day, on: app.db)
            let rows = sections.sorted { $0.key < $1.key }.flatMap { unit, sections in
                sections.flatMap(\.figures).map { SnapshotRow(organizationId: unit, key: $0.key, count: $0.count, total: $0.total) }
            }
            written += try await store(rows, on: day, app: app)
            after = last
            done += ids.count
            try await progress(done, units)
        }
        return written
    }

    private static func store(_ rows: [SnapshotRow], on day: CalendarDate, app: Application) async throws -> Int {
        var written = 0
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            let json = try JSONRows.encode(rows[start..<min(start + 1_000, rows.count)])
            written += try await app.writeBookkeeping { db in
                try await db.sql.raw("""
                    INSERT INTO dashboard_snapshots (day, organization_id, key, count, total)
                    SELECT \(bind: day.iso), r.organization_id, r.key, r.count, r.total
                    FROM \(db.table(fromJSON: json, columns: SnapshotRow.columns, as: "r")) WHERE TRUE
                    ON CONFLICT (organization_id, key, day) DO UPDATE SET count = excluded.count, total = excluded.total
                    RETURNING id
                    """).all().count
            }
        }
        return written
    }

    /// The stored values of `unit` by key and day: of `trendKeys` from `first` through `last` (a section's lead figure, drawn
    /// as a trend), and of every one of `keys` on `day` alone (the same day of the period before, beside each figure). Reading
    /// every figure on every day, and decoding each day as a `Decodable`, was most of a dashboard's time.
    static func history(of unit: Int, trendKeys: [String], from first: CalendarDate, through last: CalendarDate,
                        keys: [String], on day: CalendarDate, db: any Database) async throws -> [String: [CalendarDate: SnapshotValue]] {
        guard !keys.isEmpty || !trendKeys.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT key, day, count, total FROM dashboard_snapshots
            WHERE organization_id = \(bind: unit) AND ((\(try db.condition("key", isIn: trendKeys)) AND day >= \(bind: first.iso) AND day <= \(bind: last.iso))
                                                    OR (\(try db.condition("key", isIn: keys)) AND day = \(bind: day.iso)))
            """).all()
        var history: [String: [CalendarDate: SnapshotValue]] = [:]
        for row in rows {
            guard let stored = CalendarDate(parsing: try row.decode(column: "day", as: String.self)) else { continue }
            history[try row.decode(column: "key", as: String.self), default: [:]][stored] =
                SnapshotValue(count: try row.decode(column: "count", as: Int?.self), total: try row.decode(column: "total", as: Int?.self))
        }
        return history
    }
}

/// One stored figure, as `store` binds it.
private struct SnapshotRow: Encodable {
    static let columns: [(name: String, type: JSONColumnType)] = [("organization_id", .integer), ("key", .text), ("count", .integer), ("total", .integer)]

    let organizationId: Int
    let key: String
    let count: Int?
    let total: Int?
}
