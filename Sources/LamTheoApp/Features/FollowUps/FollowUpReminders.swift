import Fluent
import LamTheoCore
import SQLKit

/// Reminds the officers and secretary of each owner unit of its follow-up tasks still awaiting it (open, or
/// returned to be reported again) — a briefing's conclusions, an inspection's recommendations, a replication —
/// by the deadline in force.
struct FollowUpReminders: ReminderSource {
    let kind = ReminderKind(name: "follow-up.task", title: LocalizedText(vi: "Nhiệm vụ sau kết luận, kiến nghị", en: "Follow-up tasks"),
                            lagging: LocalizedText(vi: "nhiệm vụ sau kết luận, kiến nghị", en: "follow-up tasks"))

    /// Pages are units (`IdPage`; the cursor is the last unit's id), read through `follow_up_tasks_unit`: the tasks
    /// closed over the years stay out of a page's reading.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.unitPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let rows = try await db.sql.raw("""
            SELECT t.id AS id, t.organization_id AS unit, t.organization_path AS path, COALESCE(t.extended_until, t.due_on) AS due_on,
                   t.state AS state, t.title AS title, t.origin_kind AS origin
            FROM follow_up_tasks t
            WHERE \(page.contains("t.organization_id", on: db)) AND t.state IN (\(binds: FollowUpState.awaitingOwner.map(\.rawValue)))
              AND COALESCE(t.extended_until, t.due_on) <= \(bind: query.dueBy.iso)
            ORDER BY t.organization_id, t.id
            """).all()
        let units = try rows.map { try $0.decode(column: "unit", as: Int.self) }
        let officers = try await ReminderRecipients.officers(of: units, on: query.today, db: db)
        let items = try rows.map { row -> ReminderItem in
            let id = try row.decode(column: "id", as: Int.self), unit = try row.decode(column: "unit", as: Int.self)
            let title = try row.decode(column: "title", as: String.self)
            let returned = try row.decode(column: "state", as: FollowUpState.self) == .returned
            return ReminderItem(key: "task-\(id)", unitId: unit, unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!,
                                dueOn: try row.decode(column: "due_on", as: CalendarDate.self), recipients: officers[unit] ?? [],
                                title: returned ? LocalizedText(vi: "Báo cáo lại nhiệm vụ: \(title)", en: "Report again on the task: \(title)")
                                                : LocalizedText(vi: "Báo cáo nhiệm vụ: \(title)", en: "Report on the task: \(title)"),
                                link: FollowUpRoute.show(.value(id)).path,
                                figure: "follow-ups-\(try row.decode(column: "origin", as: String.self)).overdue")
        }
        return ReminderPage(items: items, next: page.last)
    }
}
