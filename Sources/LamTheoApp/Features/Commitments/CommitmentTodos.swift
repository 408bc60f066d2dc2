import Fluent
import LamTheoCore
import SQLKit

/// What this year's commitments ask of the reader while the year is open: for whoever may edit a cell (its
/// secretary), the members who have not registered and the self-assessed commitments the cell has not
/// assessed; for a member, registering, updating the progress of each commitment and assessing it as its
/// deadline nears; and the share registered as a headline figure of each subtree the reader follows.
struct CommitmentTodos: TodoSource {
    /// How many days before its deadline a commitment asks for the member's self-assessment.
    static let selfAssessmentWindow = 30
    /// How long a commitment may go without a progress note before it asks for one.
    static let checkInInterval = 30

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        let year = reader.today.year
        let period = try await RatingPeriod.query(on: db).filter(\.$kind == .year).filter(\.$startsOn == CalendarDate(year: year, month: 1, day: 1)!).first()
        func isOpen(at path: TreePath) async throws -> Bool {
            try await period.asyncMap { try await RatingPeriods.closure(of: $0, covering: path, on: db) == nil } ?? true
        }
        var items: [TodoItem] = []
        for cell in try await reader.units(on: db) where cell.memberCount > 0 && reader.actor.can(.edit, at: cell.treePath) {
            if try await isOpen(at: cell.treePath) { items += try await cellItems(cell, year: year, on: db) }
        }
        if let memberId = reader.actor.memberId, let member = try await Member.find(memberId, on: db), MemberStatus.onRoll.contains(member.status),
           let cell = TreePath(rawValue: member.organizationPath), try await isOpen(at: cell) {
            items += try await memberItems(member, year: year, today: reader.today, on: db)
        }
        return items
    }

    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        let year = reader.today.year
        var figures: [HeadlineFigure] = []
        for unit in try await reader.units(on: db) {
            let coverage = try await CommitmentQueries.coverage(year: year, at: unit, .subtree, on: db)
            figures.append(HeadlineFigure(unit: unit.name, title: LocalizedText(vi: "Đã đăng ký làm theo năm \(year)", en: "Registered commitments for \(year)"),
                                          value: .figure(coverage.registered), link: CommitmentRoute.list.path(query: [.unit: unit.requireID(), "year": year])))
        }
        return figures
    }

    private func cellItems(_ cell: Organization, year: Int, on db: any Database) async throws -> [TodoItem] {
        let id = cell.requireID()
        let detail = LocalizedText(vi: "\(cell.name) · năm \(year)", en: "\(cell.name) · \(year)")
        var items: [TodoItem] = []
        let unregistered = try await CommitmentQueries.unregistered(year: year, within: cell, page: 1, perPage: 1, on: db).total
        if unregistered > 0 {
            items.append(TodoItem(kind: "commitments.unregistered", urgency: .later, count: unregistered,
                                  title: LocalizedText(vi: "\(unregistered) đảng viên chưa đăng ký làm theo",
                                                       en: unregistered == 1 ? "1 member has not registered commitments"
                                                                             : "\(unregistered) members have not registered commitments"),
                                  detail: detail, link: CommitmentRoute.list.path(query: [.unit: id, "year": year])))
        }
        let waiting = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM commitments c JOIN members m ON m.id = c.member_id
            WHERE c.year = \(bind: year) AND m.organization_id = \(bind: id) AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND c.self_result IS NOT NULL AND c.cell_result IS NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        if waiting > 0 {
            items.append(TodoItem(kind: "commitments.to-assess", urgency: .thisWeek, count: waiting,
                                  title: LocalizedText(vi: "\(waiting) cam kết đã tự đánh giá, chờ chi bộ đánh giá",
                                                       en: waiting == 1 ? "1 self-assessed commitment awaits the cell's assessment"
                                                                        : "\(waiting) self-assessed commitments await the cell's assessment"),
                                  detail: detail,
                                  link: CommitmentRoute.rows.path(query: [.unit: id, "year": year, "list": CommitmentList.unassessed.rawValue])))
        }
        return items
    }

    private func memberItems(_ member: Member, year: Int, today: CalendarDate, on db: any Database) async throws -> [TodoItem] {
        let memberId = member.requireID()
        let commitments = try await CommitmentQueries.commitments(of: memberId, year: year, on: db)
        guard !commitments.isEmpty else {
            let reminded = !(try await CommitmentQueries.reminders(of: [memberId], year: year, on: db)).isEmpty
            return [TodoItem(kind: "commitments.register", urgency: reminded ? .thisWeek : .later, count: 1,
                             title: LocalizedText(vi: "Đăng ký làm theo năm \(year)", en: "Register your commitments for \(year)"),
                             detail: reminded ? LocalizedText(vi: "Chi bộ đã nhắc đăng ký", en: "Your cell has reminded you") : nil,
                             link: CommitmentRoute.new.path(query: ["member": memberId, "year": year]))]
        }
        let open = commitments.filter { $0.selfResult == nil }
        let checkIns = try await CommitmentQueries.checkIns(of: open.map { $0.requireID() }, on: db)
        return open.compactMap { commitment in
            let link = CommitmentRoute.show(.value(commitment.requireID())).path
            let detail = LocalizedText(vi: commitment.title, en: commitment.title)
            if commitment.dueOn <= today.adding(days: Self.selfAssessmentWindow) {
                return TodoItem(kind: "commitments.self-assessment", urgency: .due(commitment.dueOn, today: today), count: 1,
                                title: LocalizedText(vi: "Tự đánh giá cam kết", en: "Assess your commitment"), detail: detail,
                                dueOn: commitment.dueOn, link: link)
            }
            let latest = checkIns[commitment.requireID()]?.last?.notedOn
            guard latest.map({ $0 < today.adding(days: -Self.checkInInterval) }) ?? true else { return nil }
            return TodoItem(kind: "commitments.check-in", urgency: .later, count: 1,
                            title: LocalizedText(vi: "Cập nhật tiến độ cam kết", en: "Update your commitment's progress"), detail: detail,
                            dueOn: commitment.dueOn, link: link)
        }
    }
}
