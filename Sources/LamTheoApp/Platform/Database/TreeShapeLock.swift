import Fluent
import SQLKit

/// A move or a merge rewrites the paths that every other write reads and copies onto its rows (`TreePathCopies`), and
/// the chains their stored figures are added along: on PostgreSQL it runs alone. Every write transaction holds a share
/// of this lock from its first statement to its commit (`Application.write`, `writeBookkeeping`); a move or a merge takes
/// it whole before it reads anything. So a write either committed before the move began, and the move's set-based
/// rewrite of the copies sees its rows, or it begins after the move committed and reads the new paths: no row is left
/// with a former path, and no chain changes under a writer that walks it. A move waits for the writes in flight and
/// holds the ones that arrive until it commits. SQLite has one writer (`WriteGate`): there it is nothing. As under
/// `WriteGate`, a write never opens another while it is open: the inner one could wait behind a move that waits for the
/// outer one, and no database would see that cycle.
enum TreeShapeLock {
    /// An advisory lock's key (beside the audit trail's 72_710_001 and the roles' 72_710_002).
    static let key: Int64 = 72_710_003

    /// A write's share, the transaction's first statement.
    static func share(on db: any Database) async throws {
        guard db.isPostgres else { return }
        try await db.sql.raw("SELECT pg_advisory_xact_lock_shared(\(bind: key))").run()
    }

    /// A change of the tree's shape, before it reads the units it changes. Its transaction already holds a share (taken
    /// by `Application.write`): it waits for every other one to be released. Two such changes at once wait for each
    /// other; PostgreSQL ends one of them (a deadlock, 40P01) and `Application.write` runs it again after the other.
    static func takeAlone(on db: any Database) async throws {
        guard db.isPostgres else { return }
        try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
    }
}
