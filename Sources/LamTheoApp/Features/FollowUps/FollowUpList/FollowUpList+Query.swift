import Fluent
import LamTheoCore

extension FollowUpList {
    enum Query {
        static func run(unit: Organization, filter: FollowUpFilter, today: CalendarDate, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let figures = try await FollowUpQueries.figures(of: unit, today: today, on: db)
            let tasks = try await FollowUpQueries.tasks(of: unit, filter, today: today, page: page, perPage: perPage, on: db)
            let names = try await FollowUpQueries.unitNames(of: tasks.items, on: db)
            let hasChildren = try await Organization.query(on: db).filter(\.$parentId == unit.requireID()).first() != nil
            let issuerName = try await filter.issuerId.asyncMap { try await OrganizationQueries.names([$0], on: db)[$0] } ?? nil
            func figure(_ tallies: [String: FollowUpTally]) -> FollowUpTally {
                filter.origin.map { tallies[$0] ?? FollowUpTally() } ?? FollowUpFigures.total(tallies)
            }
            return Model(unitId: unit.requireID(), unitName: unit.name, hasChildren: hasChildren,
                         subtree: figure(figures.subtree), own: figure(figures.own), filter: filter,
                         originName: filter.origin.map { FollowUpOrigins.origin($0)?.name ?? LocalizedText(vi: $0, en: $0) }, issuerName: issuerName,
                         rows: tasks.items.map { task in
                             Model.Row(id: task.requireID(), title: task.title, unit: names[task.organizationId] ?? "", origin: task.originLabel,
                                       deadline: task.deadline, extended: task.extendedUntil != nil, status: task.status(today: today))
                         },
                         page: tasks.page, pageCount: tasks.pageCount, total: tasks.total)
        }
    }
}
