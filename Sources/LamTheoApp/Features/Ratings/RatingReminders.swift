import Fluent
import LamTheoCore
import SQLKit

/// Reminds each member with an account, on the roll, of their self-assessment in a period that RatingTodos asks
/// it for (ending within `selfAssessmentOpens` days, or ended at most `selfAssessmentStays` days ago), not closed at
/// their cell, in which they are rated and have neither assessed themselves nor been decided on; by the period's end.
struct SelfAssessmentReminders: ReminderSource {
    let kind = ReminderKind(name: "rating.self-assessment", title: LocalizedText(vi: "Tự đánh giá, xếp loại", en: "Self-assessments for the rating"),
                            lagging: LocalizedText(vi: "đảng viên chưa tự đánh giá", en: "members not assessed by themselves"))

    /// Pages are member grants (`IdPage`; the cursor is the last grant's id): a member's periods stay on one page.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.memberGrantPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let opens = query.today.adding(days: RatingTodos.selfAssessmentOpens), stays = query.today.adding(days: -RatingTodos.selfAssessmentStays)
        let subtree: SQLQueryString = query.subtree.map { "AND \(column: "m.organization_path", in: $0)" } ?? ""
        let rows = try await db.sql.raw("""
            SELECT g.user_id AS user_id, m.id AS member, m.organization_id AS cell, m.organization_path AS path, m.status AS status,
                   m.admitted_on AS admitted_on, p.id AS period, p.title AS title, p.ends_on AS ends_on
            FROM role_grants g JOIN users u ON u.id = g.user_id JOIN members m ON m.id = g.member_id
            JOIN rating_periods p ON p.ends_on <= \(bind: min(query.dueBy, opens).iso) AND p.ends_on >= \(bind: stays.iso)
            LEFT JOIN ratings r ON r.period_id = p.id AND r.member_id = m.id
            WHERE \(page.contains("g.id", on: db)) AND \(ReminderRecipients.memberAccount(grant: "g", user: "u", on: query.today))
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND (r.id IS NULL OR (r.decided_level IS NULL AND NOT \(RatingTodos.hasStep(.selfAssessment))))
              AND NOT \(RatingReminderSQL.closed(at: "m.organization_path")) \(subtree)
            ORDER BY g.id, p.id
            """).all()
        let rules = try await RatingQueries.rules(on: db)
        let minimumMonths = RatingQueries.minimumMonths(rules)
        var items: [ReminderItem] = []
        for row in rows {
            let endsOn = try row.decode(column: "ends_on", as: CalendarDate.self)
            guard NotRatedReason.of(status: try row.decode(column: "status", as: MemberStatus.self), admittedOn: try row.decode(column: "admitted_on", as: CalendarDate?.self),
                                    periodEnd: endsOn, minimumMonths: minimumMonths) == nil else { continue }
            let member = try row.decode(column: "member", as: Int.self), title = try row.decode(column: "title", as: String.self)
            items.append(ReminderItem(
                key: "rating-\(try row.decode(column: "period", as: Int.self))/member-\(member)", unitId: try row.decode(column: "cell", as: Int.self),
                unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!, dueOn: endsOn,
                recipients: [try row.decode(column: "user_id", as: Int.self)],
                title: LocalizedText(vi: "Tự đánh giá, xếp loại: \(title)", en: "Assess yourself for the rating: \(title)"),
                link: RatingRoute.mine.path))
        }
        return ReminderPage(items: items, next: page.last)
    }
}

/// Reminds the officers and secretary of a unit of the rating step waiting for it in a period not closed there,
/// as RatingTodos lists it: a cell's proposals for its members who have assessed themselves, a grassroots
/// committee's decisions on the proposals; by the period's end (the only date a period has).
struct RatingStepReminders: ReminderSource {
    enum Step: Sendable {
        case proposal
        case decision
    }

    let step: Step

    var kind: ReminderKind {
        switch step {
        case .proposal:
            return ReminderKind(name: "rating.proposal", title: LocalizedText(vi: "Chi bộ đề xuất xếp loại", en: "Cells' rating proposals"),
                                lagging: LocalizedText(vi: "lượt đề xuất xếp loại chưa làm", en: "rating proposals not made"))
        case .decision:
            return ReminderKind(name: "rating.decision", title: LocalizedText(vi: "Cấp ủy quyết định xếp loại", en: "Committees' rating decisions"),
                                lagging: LocalizedText(vi: "lượt quyết định xếp loại chưa làm", en: "rating decisions not made"))
        }
    }

    /// Pages are units (`IdPage`; the cursor is the last unit's id): a unit's periods stay on one page.
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage {
        guard let page = try await ReminderRecipients.unitPage(after: query.cursor, limit: query.limit, in: query.subtree, on: db) else {
            return ReminderPage(items: [], next: nil)
        }
        let unit: SQLQueryString, waiting: SQLQueryString
        switch step {
        case .proposal:
            unit = "m.organization_id"
            waiting = "\(RatingTodos.hasStep(.selfAssessment)) AND NOT \(RatingTodos.hasStep(.proposal))"
        case .decision:
            unit = "r.deciding_id"
            waiting = "\(RatingTodos.hasStep(.proposal)) AND o.kind_code IN (\(binds: RatingQueries.grassrootsKinds.map(\.rawValue)))"
        }
        let subtree: SQLQueryString = query.subtree.map { "AND \(column: "o.path", in: $0)" } ?? ""
        let rows = try await db.sql.raw("""
            SELECT o.id AS unit, o.name AS name, o.path AS path, p.id AS period, p.title AS title, p.ends_on AS ends_on, COUNT(*) AS n, MIN(r.member_id) AS member
            FROM ratings r JOIN members m ON m.id = r.member_id JOIN organizations o ON o.id = \(unit) JOIN rating_periods p ON p.id = r.period_id
            WHERE \(page.contains("o.id", on: db)) AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND r.decided_level IS NULL AND \(waiting) AND p.ends_on <= \(bind: query.dueBy.iso) AND NOT \(RatingReminderSQL.closed(at: "o.path")) \(subtree)
            GROUP BY o.id, o.name, o.path, p.id, p.title, p.ends_on
            ORDER BY o.id, p.id
            """).all()
        let officers = try await ReminderRecipients.officers(of: try rows.map { try $0.decode(column: "unit", as: Int.self) }, on: query.today, db: db)
        let items = try rows.map { row -> ReminderItem in
            let unit = try row.decode(column: "unit", as: Int.self), period = try row.decode(column: "period", as: Int.self)
            let count = try row.decode(column: "n", as: Int.self)
            let place = "\(try row.decode(column: "name", as: String.self)) · \(try row.decode(column: "title", as: String.self))"
            let title: LocalizedText, link: String
            switch step {
            case .proposal:
                title = LocalizedText(vi: "Đề xuất xếp loại \(count) đảng viên đã tự đánh giá: \(place)",
                                      en: "Propose the rating of \(count) member(s) who assessed themselves: \(place)")
                link = RatingTodos.sheet(period, unit: unit, member: try row.decode(column: "member", as: Int.self))
            case .decision:
                title = LocalizedText(vi: "Quyết định xếp loại \(count) đảng viên đã được đề xuất: \(place)",
                                      en: "Decide the rating of \(count) proposed member(s): \(place)")
                link = RatingRoute.sheet(period: .value(period)).path(query: [.unit: unit])
            }
            return ReminderItem(key: "rating-\(period)/\(step == .proposal ? "proposals" : "decisions")-\(unit)", unitId: unit,
                                unitPath: TreePath(rawValue: try row.decode(column: "path", as: String.self))!,
                                dueOn: try row.decode(column: "ends_on", as: CalendarDate.self), recipients: officers[unit] ?? [], title: title, link: link)
        }
        return ReminderPage(items: items, next: page.last)
    }
}

private enum RatingReminderSQL {
    /// That the period `p` is closed (and not reopened) at the unit at `path` or above it.
    static func closed(at path: String) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM period_closures c WHERE c.period_id = p.id AND c.reopened_on IS NULL
          AND \(unsafeRaw: path) >= c.organization_path AND \(unsafeRaw: path) < c.organization_path || '~')
        """
    }
}
