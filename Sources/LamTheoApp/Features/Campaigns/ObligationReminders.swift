import Fluent
import LamTheoCore
import SQLKit

/// Reminds the officers and secretary of each unit of its obligations in running campaigns that are not
/// submitted yet or were returned, by the deadline in force (the extension's, if any).
struct ObligationReminders: ReminderSource {
    let kind = ReminderKind(name: "campaign.obligation", title: LocalizedText(vi: "Kế hoạch, báo cáo của đơn vị", en: "Units' plans and reports"),
                            lagging: LocalizedText(vi: "kế hoạch, báo cáo chưa nộp", en: "plans and reports not submitted"))

    /// Pages are units (`IdPage`; the cursor is the last unit's id), read through `obligations_organization`: in the
    /// obligations' id order a cell's preview walked the obligations of a national campaign, one per unit of the country.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.unitPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let rows = try await db.sql.raw("""
            SELECT o.id AS id, o.organization_id AS unit, o.organization_path AS path, COALESCE(o.extended_until, o.due_on) AS due_on,
                   o.state AS state, q.title AS requirement, c.id AS campaign_id, c.title AS campaign
            FROM obligations o JOIN campaigns c ON c.id = o.campaign_id JOIN campaign_requirements q ON q.id = o.requirement_id
            WHERE \(page.contains("o.organization_id", on: db)) AND o.state IN (\(bind: ObligationState.open.rawValue), \(bind: ObligationState.returned.rawValue))
              AND c.status = \(bind: CampaignStatus.active.rawValue) AND COALESCE(o.extended_until, o.due_on) <= \(bind: query.dueBy.iso)
            ORDER BY o.organization_id, o.id
            """).all()
        let units = try rows.map { try $0.decode(column: "unit", as: Int.self) }
        let officers = try await ReminderRecipients.officers(of: units, on: query.today, db: db)
        let items = try rows.map { row -> ReminderItem in
            let id = try row.decode(column: "id", as: Int.self), unit = try row.decode(column: "unit", as: Int.self)
            let what = "\(try row.decode(column: "requirement", as: String.self)) · \(try row.decode(column: "campaign", as: String.self))"
            let returned = try row.decode(column: "state", as: ObligationState.self) == .returned
            return ReminderItem(key: "obligation-\(id)", unitId: unit, unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!,
                                dueOn: try row.decode(column: "due_on", as: CalendarDate.self), recipients: officers[unit] ?? [],
                                title: returned ? LocalizedText(vi: "Nộp lại: \(what)", en: "Resubmit: \(what)") : LocalizedText(vi: "Nộp: \(what)", en: "Submit: \(what)"),
                                link: CampaignRoute.obligation(.value(id)).path,
                                figure: "campaign-\(try row.decode(column: "campaign_id", as: Int.self)).obligations-late")
        }
        return ReminderPage(items: items, next: page.last)
    }
}
