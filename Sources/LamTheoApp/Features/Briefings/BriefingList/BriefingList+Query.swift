import Fluent
import LamTheoCore

extension BriefingList {
    enum Query {
        static func run(unit: Organization, actor: Actor, today: CalendarDate, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let briefings = try await BriefingQueries.briefings(of: unit, page: page, perPage: perPage, on: db)
            let names = try await OrganizationQueries.names(briefings.items.map(\.organizationId), on: db)
            return Model(unitId: unit.requireID(), unitName: unit.name, mayCreate: actor.can(.edit, at: unit.treePath),
                         rows: briefings.items.map {
                             Model.Row(id: $0.requireID(), title: $0.title, committee: names[$0.organizationId] ?? "", heldOn: $0.heldOn, held: today >= $0.heldOn)
                         },
                         page: briefings.page, pageCount: briefings.pageCount, total: briefings.total)
        }
    }
}
