import Fluent
import LamTheoCore
import SQLKit

/// What study asks of the reader: a cell's sessions whose attendance is not recorded and its reflections
/// waiting for review (for whoever may edit the cell: its secretary), and a member's own reflection due.
struct StudyTodos: TodoSource {
    /// How many days back a session without attendance is still asked about: the cell meets monthly.
    static let attendanceWindow = 30

    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        let cells = try await reader.units(on: db).filter { $0.memberCount > 0 && reader.actor.can(.edit, at: $0.treePath) }
        var items = try await unrecordedSessions(of: cells, today: reader.today, on: db)
        items += try await reflectionsToReview(in: cells, on: db)
        if let memberId = reader.actor.memberId {
            items += try await reflectionsDue(of: memberId, today: reader.today, on: db)
        }
        return items
    }

    /// Each session held by one of the cells lately (today included) with nobody marked yet, oldest first.
    private func unrecordedSessions(of cells: [Organization], today: CalendarDate, on db: any Database) async throws -> [TodoItem] {
        guard !cells.isEmpty else { return [] }
        let sessions = try await StudySession.query(on: db).filter(\.$organizationId ~~ cells.map { $0.requireID() })
            .filter(\.$heldOn >= today.adding(days: -Self.attendanceWindow)).filter(\.$heldOn <= today)
            .sort(\.$heldOn).sort(\.$id).all()
        let marked = try await StudyQueries.attendanceSummaries(of: sessions.map { $0.requireID() }, on: db)
        let names = Dictionary(uniqueKeysWithValues: cells.map { ($0.requireID(), $0.name) })
        return sessions.filter { marked[$0.requireID()] == nil }.map { session in
            // "04/12": the day and month of dd/MM/yyyy, as a secretary says it.
            let day = String(session.heldOn.vietnamese.prefix(5))
            let place = "\(names[session.organizationId] ?? "") · \(session.title)"
            return TodoItem(kind: "study.attendance", urgency: session.heldOn < today ? .overdue : .today, count: 1,
                            title: LocalizedText(vi: "Điểm danh buổi \(day) chưa ghi", en: "Attendance of \(day) not recorded"),
                            detail: LocalizedText(vi: place, en: place), link: StudyRoute.attendance(.value(session.requireID())).path)
        }
    }

    /// The reflections of the cells' members waiting for review, one item per cell and running campaign, at
    /// the first of them on the cell's page.
    private func reflectionsToReview(in cells: [Organization], on db: any Database) async throws -> [TodoItem] {
        guard !cells.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT r.campaign_id AS campaign, m.organization_id AS cell, COUNT(*) AS n, MIN(r.member_id) AS member
            FROM reflections r JOIN members m ON m.id = r.member_id
            WHERE r.state = \(bind: ReflectionState.submitted.rawValue) AND m.organization_id IN (\(binds: cells.map { $0.requireID() }))
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
            GROUP BY r.campaign_id, m.organization_id ORDER BY m.organization_id, r.campaign_id
            """).all()
        let waiting = try rows.map {
            (campaign: try $0.decode(column: "campaign", as: Int.self), cell: try $0.decode(column: "cell", as: Int.self),
             count: try $0.decode(column: "n", as: Int.self), member: try $0.decode(column: "member", as: Int.self))
        }
        // The cell's reflections page offers the running campaigns only.
        let campaigns = Dictionary(uniqueKeysWithValues: try await Campaign.query(on: db).filter(\.$id ~~ waiting.map(\.campaign))
            .filter(\.$status == .active).all().map { ($0.requireID(), $0.title) })
        let names = Dictionary(uniqueKeysWithValues: cells.map { ($0.requireID(), $0.name) })
        return waiting.compactMap { entry in
            guard let title = campaigns[entry.campaign] else { return nil }
            let place = "\(names[entry.cell] ?? "") · \(title)"
            return TodoItem(kind: "study.reflections-to-review", urgency: .thisWeek, count: entry.count,
                            title: LocalizedText(vi: "\(entry.count) bài thu hoạch chờ duyệt",
                                                 en: entry.count == 1 ? "1 reflection awaiting review" : "\(entry.count) reflections awaiting review"),
                            detail: LocalizedText(vi: place, en: place),
                            link: StudyRoute.reflections.path(query: [.unit: entry.cell, .campaign: entry.campaign], fragment: "member-\(entry.member)"))
        }
    }

    /// The member's reflection in each running campaign of their cell that still takes one from them: none
    /// sent yet before the deadline, or one returned for revision.
    private func reflectionsDue(of memberId: Int, today: CalendarDate, on db: any Database) async throws -> [TodoItem] {
        guard let member = try await Member.find(memberId, on: db), MemberStatus.onRoll.contains(member.status),
              let cell = TreePath(rawValue: member.organizationPath) else { return [] }
        let campaigns = try await Campaign.query(on: db).filter(\.$organizationPath ~~ cell.lineage.map(\.rawValue))
            .filter(\.$status == .active).filter(\.$startsOn <= today).sort(\.$startsOn).sort(\.$id).all()
        let reflections = try await StudyQueries.reflections(of: memberId, on: db)
        return campaigns.compactMap { campaign in
            let state = reflections[campaign.requireID()]?.state
            guard state == nil || state == .returned, campaign.reflectionDeadline.refusal(after: state, on: today) == nil else { return nil }
            let title = state == .returned ? LocalizedText(vi: "Sửa và nộp lại bài thu hoạch", en: "Revise and resubmit your reflection")
                                           : LocalizedText(vi: "Nộp bài thu hoạch", en: "Submit your reflection")
            return TodoItem(kind: "study.reflection-due", urgency: campaign.reflectionDueOn.map { .due($0, today: today) } ?? .later, count: 1,
                            title: title, detail: LocalizedText(vi: campaign.title, en: campaign.title), dueOn: campaign.reflectionDueOn,
                            link: StudyRoute.myReflection(campaign: .value(campaign.requireID())).path)
        }
    }
}
