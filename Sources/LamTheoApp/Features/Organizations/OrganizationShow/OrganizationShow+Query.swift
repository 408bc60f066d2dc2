import Fluent
import LamTheoCore

extension OrganizationShow {
    enum Query {
        /// Seven reads: the lineage, the unit's own figures, the units under it with theirs, the kinds, its
        /// versions, the unit it merged into, and its audit trail.
        static func run(_ unit: Organization, includeClosed: Bool, readableBy actor: Actor, on db: any Database) async throws -> Model {
            let id = unit.requireID()
            let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
            let summary = try await OrganizationQueries.summaries(of: [unit], on: db)[0]
            let children = try await OrganizationQueries.children(of: id, includeClosed: includeClosed, on: db)
            let kinds = try await OrganizationQueries.kindsByCode(on: db)
            let versions = try await OrganizationHistory.versions(of: id, on: db)
            let mergedInto = try await unit.mergedIntoId.asyncMap { try await Organization.find($0, on: db) } ?? nil
            let changes = try await AuditPages.history(of: Organization.auditEntity, key: id, on: db)
            func kind(_ code: String) -> LocalizedText {
                kinds[code].map { LocalizedText(vi: $0.nameVi, en: $0.nameEn) } ?? LocalizedText(vi: code, en: code)
            }
            return Model(
                unit: UnitLink(unit), code: unit.code, kind: kind(unit.kindCode), status: unit.status,
                validFrom: unit.validFrom, validTo: unit.validTo, mergedInto: mergedInto.map(UnitLink.init),
                holdsMembers: kinds[unit.kindCode]?.holdsMembers ?? false,
                lineage: lineage.dropLast().map(UnitLink.init),
                subtreeMembers: summary.subtreeMembers, childCount: summary.childCount,
                children: children.map(UnitRow.init),
                versions: versions.reversed().map { version in
                    Model.Version(validFrom: version.validFrom, change: version.change, name: version.name, code: version.code,
                                  kind: kind(version.kindCode), note: version.note)
                },
                changes: changes, canEdit: actor.can(.edit, at: unit.treePath), canRestructure: actor.can(.restructure, at: unit.treePath))
        }
    }
}
