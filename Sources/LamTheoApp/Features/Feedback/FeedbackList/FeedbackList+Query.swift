import Fluent
import LamTheoCore

extension FeedbackList {
    enum Query {
        static func run(unit: Organization, status: FeedbackListStatus?, actor: Actor, today: CalendarDate, page: Int, perPage: Int,
                        on db: any Database) async throws -> Model {
            let figures = try await FeedbackTallies.read([unit.requireID()], today: today, on: db)[unit.requireID()] ?? FeedbackFigures()
            let items = try await FeedbackQueries.list(in: unit.treePath, figures: figures, status: status, today: today, page: page, perPage: perPage, on: db)
            let names = try await OrganizationQueries.names(items.items.map(\.organizationId), on: db)
            return Model(unitId: unit.requireID(), unitName: unit.name, figures: figures, status: status,
                         rows: items.items.map { feedback in
                             Model.Row(id: feedback.id!, code: feedback.code, topic: feedback.topicText, unitName: names[feedback.organizationId] ?? "",
                                       receivedOn: feedback.receivedOn, answerDueOn: feedback.answerDueOn, state: feedback.state,
                                       overdue: feedback.isOverdue(today: today))
                         },
                         page: items.page, pageCount: items.pageCount, total: items.total,
                         answerDays: try await FeedbackCommands.answerDays(at: unit, on: db), mayConfigure: actor.can(.edit, at: unit.treePath))
        }
    }
}
