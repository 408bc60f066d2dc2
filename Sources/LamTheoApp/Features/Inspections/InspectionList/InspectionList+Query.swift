import Fluent
import LamTheoCore

extension InspectionList {
    enum Query {
        static func run(unit: Organization, actor: Actor, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let found = try await InspectionQueries.list(of: unit, page: page, perPage: perPage, on: db)
            let names = try await OrganizationQueries.names(Set(found.items.map(\.organizationId)), on: db)
            var rows: [Row] = []
            for inspection in found.items {
                rows.append(Row(id: inspection.requireID(), subject: inspection.subject, kind: inspection.kind, committee: names[inspection.organizationId] ?? "",
                                startsOn: inspection.startsOn, endsOn: inspection.endsOn,
                                current: try await InspectionQueries.progress(of: inspection, on: db).current))
            }
            return Model(unitId: unit.requireID(), unitName: unit.name, mayCreate: actor.can(.edit, at: unit.treePath), rows: rows,
                         page: found.page, pageCount: found.pageCount, total: found.total)
        }
    }
}
