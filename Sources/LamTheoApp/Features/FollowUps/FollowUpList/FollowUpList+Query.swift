import Fluent
import LamTheoCore

extension FollowUpList {
    enum Query {
        static func run(unit: Organization, filter: FollowUpFilter, today: CalendarDate, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let figures = try await FollowUpQueries.figures(of: unit, today: today, on: db)
            let tasks = try await FollowUpQueries.tasks(of: unit, filter, today: today, page: page, perPage: perPage, on: db)
            let names = try await FollowUpQueries.unitNames(of: tasks.items, on: db)
            let hasChildren = try await Organization.query(on: db).filter(\.$parentId == unit.requireID()).first() != nil
            return Model(unitId: unit.requireID(), unitName: unit.name, hasChildren: hasChildren,
                         subtree: FollowUpFigures.total(figures.subtree), own: FollowUpFigures.total(figures.own), filter: filter,
                         rows: tasks.items.map { task in
                             Model.Row(id: task.requireID(), title: task.title, unit: names[task.organizationId] ?? "", origin: task.originLabel,
                                       deadline: task.deadline, extended: task.extendedUntil != nil, status: task.status(today: today))
                         },
                         page: tasks.page, pageCount: tasks.pageCount, total: tasks.total)
        }
    }
}
