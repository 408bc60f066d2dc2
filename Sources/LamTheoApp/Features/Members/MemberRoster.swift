import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// The set-based writes other features make on members: when the tree changes under them, and bulk enrolment.
enum MemberRoster {
    /// A checked member and the cell they join.
    struct Enrolment: Sendable {
        let details: CheckedDetails
        let cellId: Int
        let cellPath: String
    }

    /// New members written in bulk, each with the transfer into their cell dated on their admission (or
    /// `fallbackDate`): what `MemberCommands.create` writes one member at a time, for imports and generated
    /// data. The cells' stored counts are the caller's to recount; a large write is the caller's to wrap in
    /// `BulkInsert.deferringIndexesAndKeys`. - Returns: the members' ids, in order.
    static func enrolAll(_ enrolments: [Enrolment], fallbackDate: CalendarDate, reason: String, db: any Database) async throws -> [Int] {
        let ids = try await BulkInsert.reserveIds(enrolments.count, in: Member.schema, on: db)
        let now = Date()
        try await BulkInsert.rows(zip(ids, enrolments).lazy.map { id, enrolment -> [BulkInsert.Value] in
            [.integer(id)] + enrolment.details.columnValues + [.integer(enrolment.cellId), .text(enrolment.cellPath), .instant(now), .instant(now)]
        }, into: Member.schema, columns: ["id"] + CheckedDetails.columnNames + ["organization_id", "organization_path", "created_at", "updated_at"], on: db)
        try await BulkInsert.rows(zip(ids, enrolments).lazy.map { id, enrolment -> [BulkInsert.Value] in
            [.integer(id), .integer(enrolment.cellId), .day(enrolment.details.admittedOn ?? fallbackDate), .text(reason), .instant(now)]
        }, into: MemberTransfer.schema, columns: ["member_id", "to_organization_id", "transferred_on", "reason", "recorded_at"], on: db)
        return ids
    }

    /// Stored members given new details (and perhaps a new cell) in bulk, with a transfer for each change of
    /// cell: what `MemberCommands.update` and `transfer` write one member at a time, for imports. The rows go
    /// to a temporary table the bulk way (COPY on PostgreSQL), then two statements apply them all. The cells'
    /// stored counts are the caller's to recount.
    static func updateAll(_ updates: [(memberId: Int, change: Enrolment)], transferredOn date: CalendarDate, reason: String,
                          db: any Database) async throws {
        guard !updates.isEmpty else { return }
        let columns = CheckedDetails.columnNames + ["organization_id", "organization_path"]
        try await db.sql.raw("""
            CREATE TEMPORARY TABLE member_updates AS SELECT id, \(unsafeRaw: columns.joined(separator: ", ")) FROM members WHERE 1 = 0
            """).run()
        try await BulkInsert.rows(updates.lazy.map { update -> [BulkInsert.Value] in
            [.integer(update.memberId)] + update.change.details.columnValues + [.integer(update.change.cellId), .text(update.change.cellPath)]
        }, into: "member_updates", columns: ["id"] + columns, on: db)
        try await db.sql.raw("""
            INSERT INTO member_transfers (member_id, from_organization_id, to_organization_id, transferred_on, reason, recorded_at)
            SELECT m.id, m.organization_id, u.organization_id, \(bind: date), \(bind: reason), CURRENT_TIMESTAMP
            FROM members m JOIN member_updates u ON u.id = m.id WHERE u.organization_id <> m.organization_id
            """).run()
        try await db.sql.raw("""
            UPDATE members SET (\(unsafeRaw: columns.joined(separator: ", ")), updated_at) =
              (SELECT \(unsafeRaw: columns.map { "u." + $0 }.joined(separator: ", ")), CURRENT_TIMESTAMP FROM member_updates u WHERE u.id = members.id)
            WHERE id IN (SELECT id FROM member_updates)
            """).run()
        try await db.sql.raw("DROP TABLE member_updates").run()
    }

    /// Moves every member on the roll of `source` to `target`, recording a transfer for each.
    /// - Returns: how many members moved.
    static func transferAllOnRoll(from source: Organization, to target: Organization, on date: CalendarDate, reason: String, db: any Database) async throws -> Int {
        let statuses = MemberStatus.onRoll.map(\.rawValue)
        let moving = try await Member.query(on: db)
            .filter(\.$organizationId == source.requireID())
            .filter(\.$status ~~ MemberStatus.onRoll)
            .count()
        guard moving > 0 else { return 0 }
        try await db.sql.raw("""
            INSERT INTO member_transfers (member_id, from_organization_id, to_organization_id, transferred_on, reason, recorded_at)
            SELECT id, organization_id, \(bind: target.requireID()), \(bind: date), \(bind: reason), CURRENT_TIMESTAMP
            FROM members WHERE organization_id = \(bind: source.requireID()) AND status IN (\(binds: statuses))
            """).run()
        try await db.sql.raw("""
            UPDATE members SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path)
            WHERE organization_id = \(bind: source.requireID()) AND status IN (\(binds: statuses))
            """).run()
        return moving
    }
}
