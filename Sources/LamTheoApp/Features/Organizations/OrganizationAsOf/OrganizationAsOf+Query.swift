import Fluent
import LamTheoCore

extension OrganizationAsOf {
    enum Query {
        /// The versions of the unit and its ancestors valid on `date` (one read per level), then its children's.
        static func run(_ unit: Organization, on date: CalendarDate, readableBy actor: Actor, on db: any Database) async throws -> Model {
            let id = unit.requireID()
            let lineage = try await OrganizationHistory.lineage(of: id, on: date, db: db).readable(by: actor, on: db)
            guard let version = lineage.last, version.organizationId == id else {
                return Model(unit: UnitLink(unit), date: date, then: nil)
            }
            let children = try await OrganizationHistory.children(of: id, on: date, db: db)
            return Model(unit: UnitLink(unit), date: date, then: Model.Then(
                name: version.name, lineage: lineage.dropLast().map(\.name),
                children: children.map { UnitLink(id: $0.organizationId, name: $0.name) }))
        }
    }
}
