import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// Writes a generated organisation (`SyntheticDataset`) into the database in bulk (`BulkInsert`) inside
/// one transaction, with every derived column (paths, sort and search keys, per-unit counts,
/// first versions, enrolments, positions) filled exactly as the commands would fill them.
enum SyntheticLoader {
    struct Totals: Sendable {
        let organizations: Int
        let members: Int
    }

    /// Members per bulk write: large enough that statements are few, small enough to keep memory flat at national scale.
    static let batchSize = 20_000

    /// `withFeedback`: citizens' feedback about the units too (`sendFeedback`), as the benchmarks load it; the demo sends
    /// its own through the commands.
    static func load(_ dataset: SyntheticDataset, into app: Application, origin: AuditOrigin = .commandLine(), withFeedback: Bool = false,
                     progress: @escaping @Sendable (_ membersDone: Int, _ membersTotal: Int) -> Void = { _, _ in }) async throws -> Totals {
        let units = dataset.organizations()
        let total = dataset.memberCount()
        // One audit event for the whole load, on its root unit, not one per row.
        return try await app.write(AuditSubject("sample-data.load", Organization.self), origin: origin) { db in
            let ids = try await BulkInsert.reserveIds(units.count, in: Organization.schema, on: db)
            var models: [Organization] = []
            models.reserveCapacity(units.count)
            for unit in units {
                models.append(organization(unit, id: ids[unit.index], parent: unit.parentIndex.map { models[$0] }))
            }
            for chunk in models.chunked(into: 10_000) {
                try await OrganizationCommands.createAll(Array(chunk), on: db)
            }

            var done = 0
            try await BulkInsert.deferringIndexesAndKeys(of: [Member.schema, MemberTransfer.schema], adding: total, on: db) {
                var batch: [SyntheticMember] = []
                for unit in units where unit.kind.holdsMembers {
                    batch += dataset.members(of: unit)
                    if batch.count >= batchSize {
                        try await enrol(batch, cells: models, referenceDate: dataset.referenceDate, on: db)
                        done += batch.count
                        batch.removeAll(keepingCapacity: true)
                        progress(done, total)
                    }
                }
                try await enrol(batch, cells: models, referenceDate: dataset.referenceDate, on: db)
                done += batch.count
                progress(done, total)
            }
            try await countMembers(of: ids, on: db)
            if withFeedback { try await sendFeedback(dataset, units: models, on: db) }
            // The units' statistics for PostgreSQL's planner now, not when autovacuum comes to them (the members' are
            // taken by `BulkInsert`).
            if db.isPostgres { try await db.sql.raw("ANALYZE \(ident: Organization.schema)").run() }
            return Totals(organizations: units.count, members: done)
        }
    }

    /// A generated unit as `OrganizationCommands.checkedNew` would make it; generated data is valid by construction.
    private static func organization(_ unit: SyntheticOrganization, id: Int, parent: Organization?) -> Organization {
        let organization = Organization()
        organization.id = id
        organization.code = unit.code
        organization.name = unit.name
        organization.nameSort = VietnameseText.sortKey(unit.name)
        organization.nameSearch = VietnameseText.searchKey(unit.name)
        organization.kindCode = unit.kind.rawValue
        organization.parentId = parent?.id
        organization.path = Organization.path(of: id, under: parent).rawValue
        organization.depth = (parent?.depth ?? -1) + 1
        organization.memberCount = 0
        organization.status = .active
        organization.validFrom = unit.foundedOn
        return organization
    }

    private static func enrol(_ members: [SyntheticMember], cells: [Organization], referenceDate: CalendarDate, on db: any Database) async throws {
        guard !members.isEmpty else { return }
        let enrolments = members.map { member in
            // Generated data is valid by construction; it is written through the same column mapping as checked input.
            let name = PersonName(familyName: member.familyName, middleName: member.middleName, givenName: member.givenName)
            let details = CheckedDetails(name: name, fullName: name.fullName, gender: member.gender, birthDate: member.birthDate,
                                         cardNumber: member.cardNumber, admittedOn: member.admittedOn, fullMemberOn: member.fullMemberOn,
                                         status: member.status, idNumber: member.idNumber, phone: member.phone, address: member.address)
            let cell = cells[member.organizationIndex]
            return MemberRoster.Enrolment(details: details, cellId: cell.requireID(), cellPath: cell.path)
        }
        let ids = try await MemberRoster.enrolAll(enrolments, fallbackDate: referenceDate, reason: "Tiếp nhận", db: db)
        // Generated positions are the cell's committee: held in the member's own cell.
        let positions = zip(ids, zip(members, enrolments)).compactMap { id, pair in
            pair.0.position.map { [BulkInsert.Value.integer(id), .text($0), .day(pair.0.fullMemberOn ?? pair.0.admittedOn), .integer(pair.1.cellId)] }
        }
        try await BulkInsert.rows(positions, into: MemberPosition.schema, columns: ["member_id", "title", "started_on", "organization_id"], on: db)
    }

    /// Sets the stored per-unit figure from the rows just written, counting only members on the roll.
    private static func countMembers(of ids: [Int], on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE organizations SET member_count = (
                SELECT COUNT(*) FROM members m WHERE m.organization_id = organizations.id
                AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))))
            WHERE id >= \(bind: ids.min() ?? 0)
            """).run()
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }
    }
}
