import Fluent
import LamTheoCore
import SQLKit

/// A unit's exemplars in figures: registered, commended, replicated (adopted by another unit at least once),
/// and adoptions made by its units.
struct ExemplarTally: Sendable, Hashable, Codable {
    var exemplars = 0
    var commended = 0
    var replicated = 0
    var adoptions = 0
}

/// Each unit's tally of its whole subtree (its own included), stored so that any unit's figures, the national
/// root's included, are one row. Refreshed level by level along the chains of the units a write touched, each
/// unit as its own exemplars and adoptions plus its children's tallies, in the write's transaction.
enum ExemplarTallies {
    static func refresh(chainsOf organizationIds: Set<Int>, on db: any Database) async throws {
        guard !organizationIds.isEmpty else { return }
        let units = try await RollupUnits.chains(of: organizationIds, on: db)
        try await units.takeTurns(on: db)
        try await refresh(units, on: db)
    }

    /// After the tree changed shape: `subtree` whole, the chain of its root and those of `others`.
    static func refresh(subtree: TreePath, alsoChainsOf others: Set<Int>, on db: any Database) async throws {
        let units = try await RollupUnits.subtree(subtree, andChainsOf: others, on: db)
        try await units.takeTurns(on: db)
        try await refresh(units, on: db)
    }

    private static func refresh(_ units: RollupUnits, on db: any Database) async throws {
        let commended = ExemplarState.commendedOrLater.map(\.rawValue)
        for level in units.levels {
            let unitsOfLevel: SQLQueryString = "(SELECT o.id FROM organizations o WHERE \(level))"
            try await db.sql.raw("DELETE FROM exemplar_tallies WHERE organization_id IN \(unitsOfLevel)").run()
            try await db.sql.raw("""
                INSERT INTO exemplar_tallies (organization_id, exemplars, commended, replicated, adoptions)
                SELECT unit, SUM(e), SUM(c), SUM(r), SUM(a) FROM (
                  SELECT x.organization_id AS unit, 1 AS e, CASE WHEN x.state IN (\(binds: commended)) THEN 1 ELSE 0 END AS c,
                         CASE WHEN x.state = \(bind: ExemplarState.replicated.rawValue) THEN 1 ELSE 0 END AS r, 0 AS a
                  FROM exemplars x WHERE x.organization_id IN \(unitsOfLevel)
                  UNION ALL
                  SELECT d.organization_id, 0, 0, 0, 1 FROM exemplar_adoptions d WHERE d.organization_id IN \(unitsOfLevel)
                  UNION ALL
                  SELECT child.parent_id, y.exemplars, y.commended, y.replicated, y.adoptions
                  FROM exemplar_tallies y JOIN organizations child ON child.id = y.organization_id
                  WHERE y.organization_id IN (SELECT o.id FROM organizations o WHERE o.parent_id IN \(unitsOfLevel))
                ) t
                GROUP BY unit
                """).run()
        }
    }

    /// The stored subtree tally of `organizationId`; zeros when nothing was ever registered there.
    static func read(_ organizationId: Int, on db: any Database) async throws -> ExemplarTally {
        guard let row = try await db.sql.raw("""
            SELECT exemplars, commended, replicated, adoptions FROM exemplar_tallies WHERE organization_id = \(bind: organizationId)
            """).first() else { return ExemplarTally() }
        return ExemplarTally(exemplars: try row.decode(column: "exemplars", as: Int.self), commended: try row.decode(column: "commended", as: Int.self),
                             replicated: try row.decode(column: "replicated", as: Int.self), adoptions: try row.decode(column: "adoptions", as: Int.self))
    }

    /// The unit's own tally, counted from its rows (one unit's few).
    static func own(_ organizationId: Int, on db: any Database) async throws -> ExemplarTally {
        let row = try await db.sql.raw("""
            SELECT COUNT(*) AS exemplars,
                   COALESCE(SUM(CASE WHEN state IN (\(binds: ExemplarState.commendedOrLater.map(\.rawValue))) THEN 1 ELSE 0 END), 0) AS commended,
                   COALESCE(SUM(CASE WHEN state = \(bind: ExemplarState.replicated.rawValue) THEN 1 ELSE 0 END), 0) AS replicated,
                   (SELECT COUNT(*) FROM exemplar_adoptions WHERE organization_id = \(bind: organizationId)) AS adoptions
            FROM exemplars WHERE organization_id = \(bind: organizationId)
            """).first()
        guard let row else { return ExemplarTally() }
        return ExemplarTally(exemplars: try row.decode(column: "exemplars", as: Int.self), commended: try row.decode(column: "commended", as: Int.self),
                             replicated: try row.decode(column: "replicated", as: Int.self), adoptions: try row.decode(column: "adoptions", as: Int.self))
    }
}

/// Exemplars follow the tree: a merged unit's go on at the unit it went into, and every change of the tree's
/// shape recomputes the tallies it affects.
struct ExemplarTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        if let merged = change.merged {
            try await ExemplarCommands.handOver(from: merged.source, to: merged.target, on: db)
        }
        switch change.kind {
        case .moved, .merged:
            try await ExemplarTallies.refresh(subtree: change.subtree, alsoChainsOf: change.formerChains, on: db)
        case .created, .rekinded, .dissolved:
            break
        }
    }
}
