import Fluent
import LamTheoCore

/// What follow-up tasks ask of whoever may act for a unit they answer for: each task the unit has to carry out
/// and report (again, when returned) by its deadline; the reports of the tasks it issued, to review; the
/// overdue tasks of the units under it. And, as a headline figure of a subtree that has tasks, those still to be done.
struct FollowUpTodos: TodoSource {
    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        var items: [TodoItem] = []
        for unit in try await reader.units(on: db) where reader.actor.can(.edit, at: unit.treePath) {
            let id = unit.requireID()
            let own = try await FollowUpTask.query(on: db).filter(\.$organizationId == id)
                .filter(\.$state ~~ FollowUpState.awaitingOwner).all()
            items += own.sorted { ($0.deadline, $0.id ?? 0) < ($1.deadline, $1.id ?? 0) }.map { task in
                TodoItem(kind: "follow-ups.report", urgency: .due(task.deadline, today: reader.today), count: 1,
                         title: task.state == .returned ? LocalizedText(vi: "Báo cáo lại nhiệm vụ: \(task.title)", en: "Report again on the task: \(task.title)")
                                                        : LocalizedText(vi: "Báo cáo nhiệm vụ: \(task.title)", en: "Report on the task: \(task.title)"),
                         detail: LocalizedText(vi: "\(unit.name) · \(task.originLabel)", en: "\(unit.name) · \(task.originLabel)"),
                         dueOn: task.deadline, link: FollowUpRoute.show(.value(task.requireID())).path)
            }
            let toReview = try await FollowUpTask.query(on: db).filter(\.$issuerOrganizationId == id).filter(\.$state == .reported).count()
            if toReview > 0 {
                items.append(TodoItem(kind: "follow-ups.review", urgency: .thisWeek, count: toReview,
                                      title: LocalizedText(vi: "\(toReview) báo cáo nhiệm vụ chờ xem xét",
                                                           en: toReview == 1 ? "1 task report awaits your review" : "\(toReview) task reports await your review"),
                                      detail: LocalizedText(vi: "Do \(unit.name) giao", en: "Issued by \(unit.name)"),
                                      link: FollowUpRoute.list.path(query: [.unit: id, "status": FollowUpStatus.reported.rawValue, "issuer": id])))
            }
            let figures = try await FollowUpQueries.figures(of: unit, today: reader.today, on: db)
            let overdueBelow = FollowUpFigures.total(figures.subtree)[.overdue] - FollowUpFigures.total(figures.own)[.overdue]
            if overdueBelow > 0 {
                items.append(TodoItem(kind: "follow-ups.overdue-below", urgency: .overdue, count: overdueBelow,
                                      title: LocalizedText(vi: "\(overdueBelow) nhiệm vụ sau kết luận, kiến nghị của đơn vị trực thuộc quá hạn",
                                                           en: overdueBelow == 1 ? "1 follow-up task of a unit below is overdue"
                                                                                 : "\(overdueBelow) follow-up tasks of units below are overdue"),
                                      detail: LocalizedText(vi: unit.name, en: unit.name),
                                      link: FollowUpRoute.list.path(query: [.unit: id, "status": FollowUpStatus.overdue.rawValue])))
            }
        }
        return items
    }

    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        var figures: [HeadlineFigure] = []
        for unit in try await reader.units(on: db) {
            let tally = FollowUpFigures.total(try await FollowUpTallies.read(unit.requireID(), today: reader.today, on: db))
            // A subtree never given a task has nothing to show here (not "0 of 0").
            guard tally.total > 0 else { continue }
            let value = LocalizedText(vi: "\(NumberFormat.vi.integer(tally.pending)) đang làm, \(NumberFormat.vi.integer(tally[.overdue])) quá hạn",
                                      en: "\(NumberFormat.en.integer(tally.pending)) to do, \(NumberFormat.en.integer(tally[.overdue])) overdue")
            figures.append(HeadlineFigure(unit: unit.name, title: LocalizedText(vi: "Nhiệm vụ sau kết luận, kiến nghị", en: "Follow-up tasks"),
                                          value: value, link: FollowUpRoute.list.path(query: [.unit: unit.requireID()])))
        }
        return figures
    }
}
