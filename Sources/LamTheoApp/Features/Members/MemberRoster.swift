import Fluent
import LamTheoCore
import SQLKit

/// The set-based writes other features make on members when the tree changes under them.
enum MemberRoster {
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
            SELECT id, organization_id, \(bind: target.requireID()), \(bind: date.iso), \(bind: reason), CURRENT_TIMESTAMP
            FROM members WHERE organization_id = \(bind: source.requireID()) AND status IN (\(binds: statuses))
            """).run()
        try await db.sql.raw("""
            UPDATE members SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path)
            WHERE organization_id = \(bind: source.requireID()) AND status IN (\(binds: statuses))
            """).run()
        return moving
    }
}
