import Fluent
import LamTheoCore
import SQLKit

/// Reminds each member with an account of their reflection in every running campaign over their cell: none
/// sent yet, or one returned for revision; by their own deadline (the campaign's, moved by an extension that
/// reaches them). A reflection the campaign no longer takes (past the deadline, late work refused) is not asked for.
struct ReflectionReminders: ReminderSource {
    let kind = ReminderKind(name: "study.reflection", title: LocalizedText(vi: "Bài thu hoạch", en: "Reflections"),
                            lagging: LocalizedText(vi: "bài thu hoạch chưa nộp", en: "reflections not submitted"))

    /// Pages are member grants (`IdPage`; the cursor is the last grant's id): a member's campaigns stay on one page.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.memberGrantPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let subtree: SQLQueryString = query.subtree.map { "AND \(column: "m.organization_path", in: $0)" } ?? ""
        let rows = try await db.sql.raw("""
            SELECT g.user_id AS user_id, m.id AS member, m.organization_id AS cell, m.organization_path AS path, c.id AS campaign, c.title AS title,
                   c.reflection_due_on AS due_on, c.accepts_late_work AS late_work, r.state AS state
            FROM role_grants g JOIN users u ON u.id = g.user_id JOIN members m ON m.id = g.member_id
            JOIN campaigns c ON c.status = \(bind: CampaignStatus.active.rawValue) AND c.reflection_due_on IS NOT NULL AND c.starts_on <= \(bind: query.today.iso)
              AND m.organization_path >= c.organization_path AND m.organization_path < c.organization_path || '~'
            LEFT JOIN reflections r ON r.campaign_id = c.id AND r.member_id = m.id
            WHERE \(page.contains("g.id", on: db)) AND \(ReminderRecipients.memberAccount(grant: "g", user: "u", on: query.today))
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))) AND (r.id IS NULL OR r.state = \(bind: ReflectionState.returned.rawValue)) \(subtree)
            ORDER BY g.id, c.id
            """).all()
        let campaigns = Set(try rows.map { try $0.decode(column: "campaign", as: Int.self) })
        let extensions = campaigns.isEmpty ? [] : try await ReflectionExtension.query(on: db).filter(\.$campaignId ~~ campaigns).all()
        var items: [ReminderItem] = []
        for row in rows {
            let member = try row.decode(column: "member", as: Int.self), campaign = try row.decode(column: "campaign", as: Int.self)
            let path = TreePath(rawValue: try row.decode(column: "path", as: String.self))!
            let state = try row.decode(column: "state", as: ReflectionState?.self)
            let reaching = extensions.filter { $0.campaignId == campaign && ($0.memberId == member || $0.organizationId.map(path.ids.contains) == true) }
            let deadline = MemberDeadline(campaignDueOn: try row.decode(column: "due_on", as: CalendarDate.self),
                                          acceptsLateWork: try row.decode(column: "late_work", as: Bool.self), extensions: reaching, member: member)
            guard let dueOn = deadline.dueOn, dueOn <= query.dueBy, deadline.rule.refusal(after: state, on: query.today) == nil else { continue }
            let title = try row.decode(column: "title", as: String.self)
            items.append(ReminderItem(
                key: "campaign-\(campaign)/member-\(member)", unitId: try row.decode(column: "cell", as: Int.self), unitPath: path, dueOn: dueOn,
                recipients: [try row.decode(column: "user_id", as: Int.self)],
                title: state == .returned ? LocalizedText(vi: "Sửa và nộp lại bài thu hoạch: \(title)", en: "Revise and resubmit your reflection: \(title)")
                                          : LocalizedText(vi: "Nộp bài thu hoạch: \(title)", en: "Submit your reflection: \(title)"),
                link: StudyRoute.myReflection(campaign: .value(campaign)).path, figure: "campaign-\(campaign).reflections"))
        }
        return ReminderPage(items: items, next: page.last)
    }
}
