import Fluent
import LamTheoCore

/// Reads and appends the dated versions of organisations (see `OrganizationVersion`).
enum OrganizationHistory {
    /// Closes the unit's current version on `date` and opens one that records its state from `date` on.
    static func open(_ organization: Organization, change: OrganizationChange, on date: CalendarDate, note: String?, db: any Database) async throws {
        try await OrganizationVersion.query(on: db)
            .filter(\.$organizationId == organization.requireID())
            .filter(\.$validTo == nil)
            .set(\.$validTo, to: date)
            .update()
        let version = OrganizationVersion()
        version.organizationId = organization.requireID()
        version.validFrom = date
        // A closed unit's last version is closed too: it records the closing, and the unit is absent after it.
        version.validTo = organization.isActive ? nil : date
        version.name = organization.name
        version.code = organization.code
        version.kindCode = organization.kindCode
        version.parentId = organization.parentId
        version.status = organization.status
        version.change = change
        version.note = note
        try await version.create(on: db)
    }

    /// The day the unit's latest version began: changes may not be dated before it.
    static func currentStart(of organization: Organization, on db: any Database) async throws -> CalendarDate? {
        let latest = try await OrganizationVersion.query(on: db)
            .filter(\.$organizationId == organization.requireID())
            .sort(\.$validFrom, .descending)
            .sort(\.$id, .descending)
            .first()
        return latest?.validFrom
    }

    /// Every version of a unit, oldest first.
    static func versions(of id: Int, on db: any Database) async throws -> [OrganizationVersion] {
        try await OrganizationVersion.query(on: db)
            .filter(\.$organizationId == id)
            .sort(\.$validFrom)
            .sort(\.$id)
            .all()
    }

    /// The unit as it stood on `date`: its version then, or nil when it did not exist.
    static func version(of id: Int, on date: CalendarDate, db: any Database) async throws -> OrganizationVersion? {
        try await OrganizationVersion.query(on: db)
            .filter(\.$organizationId == id)
            .filter(\.$validFrom <= date)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > date) }
            .sort(\.$validFrom, .descending)
            .sort(\.$id, .descending)
            .first()
    }

    /// The chain from the root down to the unit as it stood on `date`, following the parents of that day.
    static func lineage(of id: Int, on date: CalendarDate, db: any Database) async throws -> [OrganizationVersion] {
        var chain: [OrganizationVersion] = []
        var next: Int? = id
        while let current = next, chain.count < 64, let version = try await version(of: current, on: date, db: db) {
            chain.insert(version, at: 0)
            next = version.parentId
        }
        return chain
    }

    /// The units directly under `id` on `date`, as they were named then.
    static func children(of id: Int, on date: CalendarDate, db: any Database) async throws -> [OrganizationVersion] {
        try await OrganizationVersion.query(on: db)
            .filter(\.$parentId == id)
            .filter(\.$validFrom <= date)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > date) }
            .all()
            .sorted { VietnameseText.precedes($0.name, $1.name) }
    }
}

extension Array where Element == OrganizationVersion {
    /// Only the versions of units the caller may read today: the lineage above a caller's scope stays hidden.
    func readable(by actor: Actor, on db: any Database) async throws -> [OrganizationVersion] {
        guard !actor.isAdministrator else { return self }
        let units = try await Organization.query(on: db).filter(\.$id ~~ map(\.organizationId)).all()
        let readable = Set(units.filter { actor.can(.read, at: $0.treePath) }.compactMap(\.id))
        return filter { readable.contains($0.organizationId) }
    }
}
