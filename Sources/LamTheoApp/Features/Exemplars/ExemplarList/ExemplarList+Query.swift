import Fluent
import LamTheoCore

extension ExemplarList {
    enum Query {
        static func run(unit: Organization, filter: ExemplarFilter, actor: Actor, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let id = unit.requireID()
            let exemplars = try await ExemplarQueries.list(within: unit, filter, page: page, perPage: perPage, on: db)
            let names = try await OrganizationQueries.names(exemplars.items.map(\.organizationId), on: db)
            let hasChildren = try await Organization.query(on: db).filter(\.$parentId == id).first() != nil
            return Model(unitId: id, unitName: unit.name, hasChildren: hasChildren, subtree: try await ExemplarTallies.read(id, on: db), filter: filter,
                         rows: exemplars.items.map {
                             Model.Row(id: $0.requireID(), title: $0.title, kind: $0.kind, unit: names[$0.organizationId] ?? "", state: $0.state,
                                       nominatedOn: $0.nominatedOn)
                         },
                         mayNominate: actor.can(.edit, at: unit.treePath), page: exemplars.page, pageCount: exemplars.pageCount, total: exemplars.total)
        }
    }
}
