import Fluent
import LamTheoCore
import SQLKit

/// The rating steps waiting for the reader, in periods still open where they act: the cell's proposals for
/// members who have assessed themselves (its secretary), the grassroots committee's decisions on the
/// proposals (whoever may edit it), and a member's own self-assessment as a period ends.
struct RatingTodos: TodoSource {
    /// How many days before a period ends its self-assessment is asked for, and for how many days after.
    static let selfAssessmentOpens = 30
    static let selfAssessmentStays = 90

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        var items: [TodoItem] = []
        for unit in try await reader.units(on: db) where reader.actor.can(.edit, at: unit.treePath) {
            if unit.memberCount > 0 { items += try await proposals(in: unit, on: db) }
            if RatingQueries.decidesMembers(unit) { items += try await decisions(at: unit, on: db) }
        }
        if let memberId = reader.actor.memberId, let member = try await Member.find(memberId, on: db), MemberStatus.onRoll.contains(member.status) {
            items += try await selfAssessments(of: member, today: reader.today, on: db)
        }
        return items
    }

    static func hasStep(_ kind: RatingStepKind) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM rating_steps s WHERE s.rating_id = r.id AND s.kind = \(bind: kind.rawValue))"
    }

    /// The cell's members who have assessed themselves and wait for the cell's proposal, by period.
    private func proposals(in cell: Organization, on db: any Database) async throws -> [TodoItem] {
        let rows = try await db.sql.raw("""
            SELECT r.period_id AS period, COUNT(*) AS n, MIN(r.member_id) AS member FROM ratings r JOIN members m ON m.id = r.member_id
            WHERE m.organization_id = \(bind: cell.requireID()) AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND r.decided_level IS NULL AND \(Self.hasStep(.selfAssessment)) AND NOT \(Self.hasStep(.proposal))
            GROUP BY r.period_id ORDER BY r.period_id
            """).all()
        var items: [TodoItem] = []
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            let member = try row.decode(column: "member", as: Int.self)
            guard let period = try await openPeriod(try row.decode(column: "period", as: Int.self), at: cell, on: db) else { continue }
            let place = "\(cell.name) · \(period.title)"
            items.append(TodoItem(kind: "ratings.proposals", urgency: .thisWeek, count: count,
                                  title: LocalizedText(vi: "\(count) đảng viên đã tự đánh giá, chờ chi bộ đề xuất xếp loại",
                                                       en: count == 1 ? "1 member has assessed themself and awaits the cell's proposal"
                                                                      : "\(count) members have assessed themselves and await the cell's proposal"),
                                  detail: LocalizedText(vi: place, en: place),
                                  link: Self.sheet(period.requireID(), unit: cell.requireID(), member: member)))
        }
        return items
    }

    /// The proposals waiting for the grassroots committee's decision, by period: the sheet of the cell they are
    /// all in (at the first), or the committee's.
    private func decisions(at committee: Organization, on db: any Database) async throws -> [TodoItem] {
        let rows = try await db.sql.raw("""
            SELECT r.period_id AS period, m.organization_id AS cell, COUNT(*) AS n, MIN(r.member_id) AS member FROM ratings r JOIN members m ON m.id = r.member_id
            WHERE r.deciding_id = \(bind: committee.requireID()) AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND r.decided_level IS NULL AND \(Self.hasStep(.proposal))
            GROUP BY r.period_id, m.organization_id ORDER BY r.period_id, m.organization_id
            """).all()
        let waiting = Dictionary(grouping: try rows.map {
            (period: try $0.decode(column: "period", as: Int.self), cell: try $0.decode(column: "cell", as: Int.self),
             count: try $0.decode(column: "n", as: Int.self), member: try $0.decode(column: "member", as: Int.self))
        }, by: \.period)
        var items: [TodoItem] = []
        for (periodId, cells) in waiting.sorted(by: { $0.key < $1.key }) {
            guard let period = try await openPeriod(periodId, at: committee, on: db) else { continue }
            let count = cells.map(\.count).reduce(0, +)
            let place = "\(committee.name) · \(period.title)"
            items.append(TodoItem(kind: "ratings.decisions", urgency: .thisWeek, count: count,
                                  title: LocalizedText(vi: "\(count) đảng viên chờ cấp ủy quyết định xếp loại",
                                                       en: count == 1 ? "1 member awaits the committee's rating decision"
                                                                      : "\(count) members await the committee's rating decision"),
                                  detail: LocalizedText(vi: place, en: place),
                                  link: cells.count == 1 ? Self.sheet(periodId, unit: cells[0].cell, member: cells[0].member)
                                                         : RatingRoute.sheet(period: .value(periodId)).path(query: [.unit: committee.requireID()])))
        }
        return items
    }

    /// The periods ending soon or lately ended, open at the member's cell, in which they are rated but have
    /// neither assessed themselves nor been decided on.
    private func selfAssessments(of member: Member, today: CalendarDate, on db: any Database) async throws -> [TodoItem] {
        guard let cell = TreePath(rawValue: member.organizationPath) else { return [] }
        let rules = try await RatingQueries.rules(on: db)
        var items: [TodoItem] = []
        for entry in try await RatingQueries.ofMember(member, on: db) {
            let period = entry.period
            guard period.endsOn <= today.adding(days: Self.selfAssessmentOpens), period.endsOn >= today.adding(days: -Self.selfAssessmentStays),
                  entry.rating?.decidedLevel == nil, entry.steps[.selfAssessment] == nil, RatingQueries.notRated(member, in: period, rules: rules) == nil,
                  try await RatingPeriods.closure(of: period, covering: cell, on: db) == nil else { continue }
            items.append(TodoItem(kind: "ratings.self-assessment", urgency: period.endsOn < today ? .thisWeek : .later, count: 1,
                                  title: LocalizedText(vi: "Tự đánh giá, xếp loại: \(period.title)", en: "Assess yourself for the rating: \(period.title)"),
                                  link: RatingRoute.mine.path))
        }
        return items
    }

    /// A cell's sheet on one page (a cell is far smaller than a page's limit), at the card of the first member waiting.
    static func sheet(_ period: Int, unit: Int, member: Int) -> String {
        RatingRoute.sheet(period: .value(period)).path(query: [.unit: unit, "per": Paging.maximumPerPage], fragment: "member-\(member)")
    }

    /// The period, unless it is closed at the unit.
    private func openPeriod(_ id: Int, at unit: Organization, on db: any Database) async throws -> RatingPeriod? {
        guard let period = try await RatingPeriod.find(id, on: db), try await RatingPeriods.closure(of: period, covering: unit.treePath, on: db) == nil else {
            return nil
        }
        return period
    }
}
