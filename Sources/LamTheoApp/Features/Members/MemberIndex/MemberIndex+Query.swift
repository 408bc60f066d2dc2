import Fluent
import LamTheoCore

extension MemberIndex {
    enum Query {
        /// The unit and its lineage (when the list is a subtree's), one page of the search, and the members' cells with
        /// the units they are under.
        static func run(text: String, within: TreePath?, readableBy actor: Actor, paging: Paging, on db: any Database) async throws -> Model {
            let unit = try await within.asyncMap { try await Organization.find($0.ids.last!, on: db) } ?? nil
            let page = try await MemberQueries.search(.init(text: text, within: within, scopes: actor.readableSubtrees),
                                                      page: paging.page, perPage: paging.perPage, on: db)
            let cells = try await MemberQueries.cellNames(for: page.items, on: db)
            let cellParents = try await OrganizationQueries.parentNames(ofUnits: Array(cells.keys), on: db)
            let lineage = try await unit.asyncMap { try await OrganizationQueries.lineage(of: $0, readableBy: actor, on: db) } ?? []
            let rows = page.map { member in
                var row = MemberRow(member, cells: cells)
                row.cellParent = cellParents[member.organizationId]
                return row
            }
            return Model(unit: unit.map(UnitLink.init), lineage: lineage.map(UnitLink.init), text: text, members: rows)
        }
    }
}
