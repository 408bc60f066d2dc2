import Fluent
import LamTheoCore
import SQLKit

/// Reminds the officers and secretary of the unit responsible for a feedback item still awaiting its answer, by its
/// answer deadline; the engine tells the levels above when it is late. Answered, rejected or published items are not
/// returned, so the series stops by itself.
struct FeedbackReminders: ReminderSource {
    let kind = ReminderKind(name: "feedback.answer", title: LocalizedText(vi: "Trả lời ý kiến, kiến nghị", en: "Feedback to answer"),
                            lagging: LocalizedText(vi: "ý kiến, kiến nghị chưa trả lời", en: "feedback items unanswered"))

    /// Pages are units (`IdPage`; the cursor is the last unit's id), read through `feedback_unit_open` (047): the items
    /// answered over the years stay out of a page's reading.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.unitPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let rows = try await db.sql.raw("""
            SELECT f.id AS id, f.code AS code, f.organization_id AS unit, f.organization_path AS path, f.answer_due_on AS due_on
            FROM feedback f
            WHERE \(page.contains("f.organization_id", on: db)) AND f.state IN (\(binds: FeedbackState.open.map(\.rawValue)))
              AND f.answer_due_on <= \(bind: query.dueBy.iso)
            ORDER BY f.organization_id, f.id
            """).all()
        let units = try rows.map { try $0.decode(column: "unit", as: Int.self) }
        let officers = try await ReminderRecipients.officers(of: units, on: query.today, db: db)
        let items = try rows.map { row -> ReminderItem in
            let id = try row.decode(column: "id", as: Int.self), unit = try row.decode(column: "unit", as: Int.self)
            let code = try row.decode(column: "code", as: String.self)
            return ReminderItem(key: "feedback-\(id)", unitId: unit, unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!,
                                dueOn: try row.decode(column: "due_on", as: CalendarDate.self), recipients: officers[unit] ?? [],
                                title: LocalizedText(vi: "Trả lời ý kiến, kiến nghị \(code)", en: "Answer the feedback \(code)"),
                                link: FeedbackRoute.show(.value(id)).path, figure: "feedback.overdue")
        }
        return ReminderPage(items: items, next: page.last)
    }
}
