import Fluent
import LamTheoCore
import SQLKit

/// Every stored per-unit figure that counts members where they are now: campaign coverage and
/// commitments. Writes that move members or change who is on a roll (transfers, status changes, imports,
/// merges, moves) call this, inside their transaction, for the units they touched.
enum UnitFigures {
    static func recount(_ organizationIds: Set<Int>, on db: any Database) async throws {
        try await CampaignFigures.recount(organizationIds, on: db)
        try await CommitmentFigures.recount(organizationIds, on: db)
    }

    /// Recounts every unit holding members in `subtree`: after a move brought it into (or out of) a campaign,
    /// or changed the paths its figures carry.
    static func recount(subtree: TreePath, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            SELECT id FROM organizations WHERE path >= \(bind: subtree.rawValue) AND path < \(bind: subtree.upperBound) AND member_count > 0
            """).all()
        try await recount(Set(try rows.map { try $0.decode(column: "id", as: Int.self) }), on: db)
    }
}
