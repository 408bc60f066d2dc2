import Fluent
import LamTheoCore
import SQLKit

/// Reminds the officers and secretary of each unit invited to a coming briefing that has sent no contribution
/// yet, by the briefing's contribution deadline; past it only while the briefing still takes late ones (a
/// contribution it would refuse is not asked for), and never once the meeting is over.
struct BriefingReminders: ReminderSource {
    let kind = ReminderKind(name: "briefing.contribution", title: LocalizedText(vi: "Tham luận hội nghị giao ban", en: "Briefing contributions"),
                            lagging: LocalizedText(vi: "tham luận chưa gửi", en: "contributions not sent"))

    /// Pages are units (`IdPage`; the cursor is the last unit's id), their invitations read through
    /// `briefing_units_unit`: in the invitations' id order a cell's preview walked every invitation of the country's
    /// past briefings.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.unitPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let rows = try await db.sql.raw("""
            SELECT i.id AS id, i.organization_id AS unit, i.organization_path AS path, b.id AS briefing, b.title AS title,
                   b.contributions_due_on AS due_on, b.held_on AS held_on
            FROM briefing_units i JOIN briefings b ON b.id = i.briefing_id
            WHERE \(page.contains("i.organization_id", on: db)) AND b.contributions_due_on <= \(bind: query.dueBy.iso) AND b.held_on >= \(bind: query.today.iso)
              AND (b.late_contributions_allowed = \(bind: true) OR b.contributions_due_on >= \(bind: query.today.iso))
              AND NOT EXISTS (SELECT 1 FROM briefing_contributions c WHERE c.briefing_id = b.id AND c.organization_id = i.organization_id)
            ORDER BY i.organization_id, i.id
            """).all()
        let officers = try await ReminderRecipients.officers(of: try rows.map { try $0.decode(column: "unit", as: Int.self) }, on: query.today, db: db)
        let items = try rows.map { row -> ReminderItem in
            let unit = try row.decode(column: "unit", as: Int.self), briefing = try row.decode(column: "briefing", as: Int.self)
            let title = try row.decode(column: "title", as: String.self), heldOn = try row.decode(column: "held_on", as: CalendarDate.self)
            return ReminderItem(key: "briefing-\(briefing)/unit-\(unit)", unitId: unit, unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!,
                                dueOn: try row.decode(column: "due_on", as: CalendarDate.self), recipients: officers[unit] ?? [],
                                title: LocalizedText(vi: "Gửi tham luận: \(title) (họp ngày \(heldOn.vietnamese))",
                                                     en: "Send your contribution: \(title) (meeting on \(heldOn.vietnamese))"),
                                link: BriefingRoute.show(.value(briefing)).path)
        }
        return ReminderPage(items: items, next: page.last)
    }
}
