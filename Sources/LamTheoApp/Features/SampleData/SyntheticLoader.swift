import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// Writes a generated organisation (`SyntheticDataset`) into the database in bulk: multi-row inserts
/// inside one transaction, with every derived column (paths, sort and search keys, per-unit counts,
/// first versions, enrolments, positions) filled exactly as the commands would fill them.
enum SyntheticLoader {
    struct Totals: Sendable {
        let organizations: Int
        let members: Int
    }

    /// Rows per INSERT: 20 columns × 400 rows stays well under both databases' limits on bound values.
    private static let batchSize = 400

    static func load(_ dataset: SyntheticDataset, into app: Application, origin: AuditOrigin = .commandLine(),
                     progress: @escaping @Sendable (_ membersDone: Int, _ membersTotal: Int) -> Void = { _, _ in }) async throws -> Totals {
        let units = dataset.organizations()
        let total = dataset.memberCount()
        // One audit event for the whole load, on its root unit, not one per row.
        return try await app.write(AuditSubject("sample-data.load", Organization.self), origin: origin) { db in
            let firstId = try await nextId(of: "organizations", on: db)
            let ids = units.map { firstId + $0.index }
            var paths: [TreePath] = []
            paths.reserveCapacity(units.count)
            for unit in units {
                paths.append(unit.parentIndex.map { paths[$0].appending(id: ids[unit.index]) } ?? TreePath.root(id: ids[unit.index]))
            }
            try await insertOrganizations(units, ids: ids, paths: paths, on: db)
            try await insertFirstVersions(units, ids: ids, on: db)
            try await resetSequence(of: "organizations", on: db)

            var done = 0
            var batch: [(SyntheticMember, Int, TreePath)] = []
            for unit in units where unit.kind.holdsMembers {
                for member in dataset.members(of: unit) {
                    batch.append((member, ids[unit.index], paths[unit.index]))
                    if batch.count == batchSize {
                        try await insertMembers(batch, on: db)
                        done += batch.count
                        batch.removeAll(keepingCapacity: true)
                        progress(done, total)
                    }
                }
            }
            try await insertMembers(batch, on: db)
            done += batch.count
            progress(done, total)
            try await db.sql.raw("""
                INSERT INTO member_transfers (member_id, to_organization_id, transferred_on, reason, recorded_at)
                SELECT id, organization_id, COALESCE(admitted_on, \(bind: dataset.referenceDate.iso)), 'Tiếp nhận', CURRENT_TIMESTAMP
                FROM members m WHERE NOT EXISTS (SELECT 1 FROM member_transfers t WHERE t.member_id = m.id)
                """).run()
            try await countMembers(ofUnitsFrom: firstId, on: db)
            return Totals(organizations: units.count, members: done)
        }
    }

    private static func insertOrganizations(_ units: [SyntheticOrganization], ids: [Int], paths: [TreePath], on db: any Database) async throws {
        let now = Date()
        for chunk in units.chunked(into: batchSize) {
            var insert = db.sql.insert(into: Organization.schema).columns(
                "id", "code", "name", "name_sort", "name_search", "kind_code", "parent_id", "path", "depth",
                "member_count", "status", "valid_from", "created_at", "updated_at")
            for unit in chunk {
                let path = paths[unit.index]
                insert = insert.values([
                    ids[unit.index], unit.code, unit.name, VietnameseText.sortKey(unit.name), VietnameseText.searchKey(unit.name),
                    unit.kind.rawValue, unit.parentIndex.map { ids[$0] }, path.rawValue, path.depth,
                    0, OrganizationStatus.active.rawValue, unit.foundedOn.iso, now, now,
                ] as [any Encodable & Sendable])
            }
            try await insert.run()
        }
    }

    private static func insertFirstVersions(_ units: [SyntheticOrganization], ids: [Int], on db: any Database) async throws {
        let now = Date()
        for chunk in units.chunked(into: batchSize) {
            var insert = db.sql.insert(into: OrganizationVersion.schema).columns(
                "organization_id", "valid_from", "name", "code", "kind_code", "parent_id", "status", "change", "recorded_at")
            for unit in chunk {
                insert = insert.values([
                    ids[unit.index], unit.foundedOn.iso, unit.name, unit.code, unit.kind.rawValue, unit.parentIndex.map { ids[$0] },
                    OrganizationStatus.active.rawValue, OrganizationChange.created.rawValue, now,
                ] as [any Encodable & Sendable])
            }
            try await insert.run()
        }
    }

    private static func insertMembers(_ batch: [(SyntheticMember, Int, TreePath)], on db: any Database) async throws {
        guard !batch.isEmpty else { return }
        let now = Date()
        var insert = db.sql.insert(into: Member.schema)
            .columns(CheckedDetails.columnNames + ["organization_id", "organization_path", "created_at", "updated_at"])
        for (member, organizationId, path) in batch {
            // Generated data is valid by construction; it is written through the same column mapping as checked input.
            let name = PersonName(familyName: member.familyName, middleName: member.middleName, givenName: member.givenName)
            let details = CheckedDetails(name: name, fullName: name.fullName, gender: member.gender, birthDate: member.birthDate,
                                         cardNumber: member.cardNumber, admittedOn: member.admittedOn, fullMemberOn: member.fullMemberOn,
                                         status: member.status, idNumber: member.idNumber, phone: member.phone, address: member.address)
            insert = insert.values(details.columnValues.map { $0 ?? String?.none } + [organizationId, path.rawValue, now, now])
        }
        try await insert.run()

        let positioned = batch.filter { $0.0.position != nil }
        guard !positioned.isEmpty else { return }
        let rows = try await db.sql.raw("SELECT id, card_number FROM members WHERE card_number IN (\(binds: positioned.map(\.0.cardNumber)))").all()
        var idByCard: [String: Int] = [:]
        for row in rows {
            idByCard[try row.decode(column: "card_number", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        var positions = db.sql.insert(into: MemberPosition.schema).columns("member_id", "title", "started_on")
        for (member, _, _) in positioned {
            guard let id = idByCard[member.cardNumber], let title = member.position else { continue }
            positions = positions.values([id, title, member.fullMemberOn?.iso ?? member.admittedOn.iso] as [any Encodable & Sendable])
        }
        try await positions.run()
    }

    /// Sets the stored per-unit figure from the rows just written, counting only members on the roll.
    private static func countMembers(ofUnitsFrom firstId: Int, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE organizations SET member_count = (
                SELECT COUNT(*) FROM members m WHERE m.organization_id = organizations.id
                AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))))
            WHERE id >= \(bind: firstId)
            """).run()
    }

    /// The first id the next insert would get, so that generated trees can be added to a non-empty database.
    private static func nextId(of table: String, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS id FROM \(ident: table)").first()
        return (try row?.decode(column: "id", as: Int.self) ?? 0) + 1
    }

    /// Explicit ids leave PostgreSQL's identity sequence behind; move it past them.
    private static func resetSequence(of table: String, on db: any Database) async throws {
        guard db.isPostgres else { return }
        try await db.sql.raw("""
            SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), (SELECT MAX(id) FROM \(ident: table)))
            """).run()
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }
    }
}
