import Fluent
import LamTheoCore
import SQLKit

/// The units whose subtree figures a write refreshes, one tree level at a time, deepest first: the units it
/// touched and every ancestor of theirs, and for a change of the tree's shape every unit of a subtree.
/// A unit's subtree figures are its own plus its children's, so each level is refreshed from the one below.
struct RollupUnits: Sendable {
    /// Ids to refresh at each depth.
    let idsByDepth: [Int: [Int]]
    /// A subtree refreshed whole, below the ids' levels or among them.
    let subtree: TreePath?
    let deepest: Int
    /// The ids from the root down to each unit the chains were built for.
    let lineages: [Int: [Int]]

    /// `units` and all their ancestors.
    static func chains(of units: Set<Int>, on db: any Database) async throws -> RollupUnits {
        var paths: [TreePath] = []
        for chunk in units.sorted().chunked(into: 1_000) {
            let rows = try await db.sql.raw("SELECT path FROM organizations WHERE id IN (\(binds: Array(chunk)))").all()
            paths += try rows.compactMap { TreePath(rawValue: try $0.decode(column: "path", as: String.self)) }
        }
        return chains(of: paths)
    }

    /// The units at `paths` and all their ancestors.
    static func chains(of paths: [TreePath]) -> RollupUnits {
        var byDepth: [Int: Set<Int>] = [:]
        var lineages: [Int: [Int]] = [:]
        for path in paths {
            let ids = path.ids
            for (depth, id) in ids.enumerated() { byDepth[depth, default: []].insert(id) }
            lineages[ids.last!] = ids
        }
        return RollupUnits(idsByDepth: byDepth.mapValues { $0.sorted() }, subtree: nil, deepest: byDepth.keys.max() ?? -1, lineages: lineages)
    }

    /// Every unit of `subtree`, and the chains of its root and of `others` (a moved unit's former parent).
    static func subtree(_ subtree: TreePath, andChainsOf others: Set<Int>, on db: any Database) async throws -> RollupUnits {
        let chains = try await chains(of: others.union([subtree.ids.last!]), on: db)
        let deepest = try await db.sql.raw("""
            SELECT MAX(depth) AS deepest FROM organizations WHERE \(column: "path", in: subtree)
            """).first()?.decode(column: "deepest", as: Int?.self) ?? subtree.depth
        return RollupUnits(idsByDepth: chains.idsByDepth, subtree: subtree, deepest: max(deepest, chains.deepest), lineages: chains.lineages)
    }

    /// Every id named at some level: the rows a writer locks (a subtree's inner rows are reached only
    /// through its root, which is among them).
    var chainIds: [Int] { idsByDepth.values.flatMap { $0 }.sorted() }

    /// The units of one level, as a condition on `organizations o`; nil when the level is empty.
    func level(_ depth: Int) -> SQLQueryString? {
        var parts: [SQLQueryString] = []
        if let ids = idsByDepth[depth], !ids.isEmpty { parts.append("o.id IN (\(binds: ids))") }
        if let subtree, depth >= subtree.depth {
            parts.append("(\(column: "o.path", in: subtree) AND o.depth = \(bind: depth))")
        }
        guard !parts.isEmpty else { return nil }
        return "(" + parts.joined(separator: " OR ") + ")"
    }

    /// Levels from the deepest to the root.
    var levels: [SQLQueryString] { stride(from: deepest, through: 0, by: -1).compactMap(level) }

    /// On PostgreSQL the writers of a stored tally take turns at the roots of their chains, so that each refresh
    /// reads the rows the one before committed (SQLite has one writer). Not `FOR UPDATE`: a write's own foreign
    /// keys already hold `organizations` rows `FOR KEY SHARE`, which that would wait on — two writers, a deadlock.
    func takeTurns(on db: any Database) async throws {
        guard db.isPostgres, let roots = idsByDepth[0], !roots.isEmpty else { return }
        _ = try await db.sql.raw("SELECT id FROM organizations WHERE id IN (\(binds: roots)) ORDER BY id FOR NO KEY UPDATE").all()
        try await requireCurrent(on: db)
    }

    /// On PostgreSQL, after the writer holds its rows: throws `RollupChainMoved` if a unit of the chains is no longer
    /// where the chains were built from, so that nothing is added to its former ancestors. No move lands inside a write
    /// (`TreeShapeLock`): this catches a path read before the write began, on a replica or in a request's handler.
    func requireCurrent(on db: any Database) async throws {
        guard db.isPostgres else { return }
        for chunk in lineages.keys.sorted().chunked(into: 1_000) {
            let rows = try await db.sql.raw("SELECT id, path FROM organizations WHERE id IN (\(binds: Array(chunk)))").all()
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                if TreePath(rawValue: try row.decode(column: "path", as: String.self))?.ids != lineages[id] { throw RollupChainMoved() }
            }
        }
    }
}

extension RollupUnits {
    /// Rewrites the rows these units hold in a tally table (`organization_id`, the `keys` columns and `count`: a unit's whole
    /// subtree counted by key), deepest level first: each unit's rows are its own, as `own` selects them for the units of
    /// a level (columns `unit`, the keys in their order and `n`, one per row counted), plus its children's rows. The caller holds its turn.
    func rewriteTallies(_ table: String, keys: [String], count: String, own: (SQLQueryString) -> SQLQueryString,
                        on db: any Database) async throws {
        let keyColumns = SQLQueryString(keys.joined(separator: ", "))
        let childKeys = SQLQueryString(keys.map { "t.\($0)" }.joined(separator: ", "))
        for level in levels {
            let unitsOfLevel: SQLQueryString = "(SELECT o.id FROM organizations o WHERE \(level))"
            try await db.sql.raw("DELETE FROM \(ident: table) WHERE organization_id IN \(unitsOfLevel)").run()
            try await db.sql.raw("""
                INSERT INTO \(ident: table) (organization_id, \(keyColumns), \(ident: count))
                SELECT unit, \(keyColumns), SUM(n) FROM (
                  \(own(unitsOfLevel))
                  UNION ALL
                  SELECT child.parent_id, \(childKeys), t.\(ident: count)
                  FROM \(ident: table) t JOIN organizations child ON child.id = t.organization_id
                  WHERE child.parent_id IN \(unitsOfLevel)
                ) x
                GROUP BY unit, \(keyColumns)
                """).run()
        }
    }
}

/// A unit whose figures a write was about to roll up had moved under other ancestors before the write began.
/// The write's transaction is run again from the start (`Application.write`), and reads the unit's new chain.
struct RollupChainMoved: Error {}

/// Whose figures a read wants: the unit's own, or its whole subtree's.
enum RollupExtent: Sendable {
    case own
    case subtree
}

/// A table of stored per-unit figures, one row per unit and key (a campaign, a year, a rating period),
/// holding the unit's own figures and beside each the same figure over its whole subtree
/// (`subtree_<name>`), so that any unit's roll-up, the root of a national tree included, is one row.
///
/// Every ancestor of a row has a row for the same key. Subtree figures are refreshed level by level, each
/// unit as its own figures plus its children's subtree figures. On PostgreSQL a writer first locks the rows
/// of its chains, root first, so writers of one key take turns at the root and each refresh reads what the
/// one before committed.
struct RollupTable: Sendable {
    /// One rolled-up figure: its name (the subtree column is `subtree_<name>`) and how a row counts for
    /// itself, as SQL over the table's own columns named with the table (`campaign_figures.members`).
    struct Figure: Sendable {
        let name: String
        let own: String
    }

    let table: String
    let key: String
    /// The stored own columns; their subtree columns default to 0.
    let columns: [String]
    let figures: [Figure]

    /// A table rolling up its own `columns`, and `counts`: figures a row counts for itself by a condition
    /// (units that reported, units holding members).
    init(table: String, key: String, columns: [String], counts: [Figure] = []) {
        self.table = table
        self.key = key
        self.columns = columns
        self.figures = columns.map { Figure(name: $0, own: "\(table).\($0)") } + counts
    }

    /// One row: a unit for a key.
    struct Row: Hashable, Sendable {
        let key: Int
        let unit: Int
    }

    /// Gives every unit of `units`' chains a row for each key, and on PostgreSQL locks those rows, root
    /// first; returns their own figures as they are, for `propagate`. Call before changing any of them.
    /// The rows usually exist: one statement.
    func prepare(_ units: RollupUnits, keys: [Int], on db: any Database) async throws -> [Row: [Int]] {
        let ids = units.chainIds
        guard !keys.isEmpty, !ids.isEmpty else { return [:] }
        let existing = try await lockRows(ids, keys: keys, on: db)
        guard existing.count < ids.count * keys.count else {
            try await units.requireCurrent(on: db)
            return existing
        }
        for key in keys {
            try await insertRows(key: key, units: "o.id IN (\(binds: ids))", seedingMembers: false, on: db)
        }
        // Another writer may have inserted some of them first (this one then waited for it to commit).
        let rows = try await lockRows(ids, keys: keys, on: db)
        try await units.requireCurrent(on: db)
        return rows
    }

    /// Gives every unit the condition on `organizations o` picks a row for `key` whose members on the roll
    /// (where the table counts them) are the units' stored counts, and every other own figure 0: what a
    /// campaign's launch or a year's first commitment starts from, before `refresh`.
    func seed(key: Int, units: SQLQueryString, on db: any Database) async throws {
        try await insertRows(key: key, units: units, seedingMembers: true, on: db)
    }

    /// New rows for the units picked, own figures 0 — or members from the stored counts, set again on rows
    /// already there when `seedingMembers`.
    private func insertRows(key: Int, units: SQLQueryString, seedingMembers: Bool, on db: any Database) async throws {
        let seeded = seedingMembers && columns.contains("members")
        let values = SQLQueryString(columns.map { seeded && $0 == "members" ? "o.member_count" : "0" }.joined(separator: ", "))
        let conflict: SQLQueryString = seeded ? "DO UPDATE SET members = excluded.members" : "DO NOTHING"
        try await db.sql.raw("""
            INSERT INTO \(ident: table) (\(ident: self.key), organization_id, organization_path, \(SQLQueryString(columns.joined(separator: ", "))))
            SELECT \(bind: key), o.id, o.path, \(values) FROM organizations o WHERE \(units)
            ON CONFLICT (\(ident: self.key), organization_id) \(conflict)
            """).run()
    }

    /// On PostgreSQL, locks the rows of `units`' chains for `keys`, root first (SQLite has one writer).
    func lock(_ units: RollupUnits, keys: [Int], on db: any Database) async throws {
        let ids = units.chainIds
        guard db.isPostgres, !keys.isEmpty, !ids.isEmpty else { return }
        _ = try await lockRows(ids, keys: keys, on: db)
        try await units.requireCurrent(on: db)
    }

    /// Locks the rows (on PostgreSQL) and reads their own figures.
    private func lockRows(_ ids: [Int], keys: [Int], on db: any Database) async throws -> [Row: [Int]] {
        let rows = try await db.sql.raw("""
            SELECT \(ownColumns) FROM \(ident: table) WHERE \(ident: key) IN (\(binds: keys)) AND organization_id IN (\(binds: ids))
            ORDER BY \(ident: key), organization_path \(unsafeRaw: db.isPostgres ? "FOR UPDATE" : "")
            """).all()
        return try ownFigures(rows)
    }

    /// The key, unit and own figures of a row, as `prepare` reads them and a recount's UPDATE returns them
    /// (`RETURNING …`; unqualified, as SQLite's RETURNING wants).
    var ownColumns: SQLQueryString {
        let figures = figures.enumerated().map { "\($0.element.own.replacingOccurrences(of: "\(table).", with: "")) AS own_\($0.offset)" }
        return SQLQueryString((["\(key) AS rollup_key", "organization_id AS rollup_unit"] + figures).joined(separator: ", "))
    }

    func ownFigures(_ rows: [any SQLRow]) throws -> [Row: [Int]] {
        Dictionary(try rows.map { row in
            (Row(key: try row.decode(column: "rollup_key", as: Int.self), unit: try row.decode(column: "rollup_unit", as: Int.self)),
             try figures.indices.map { try row.decode(column: "own_\($0)", as: Int.self) })
        }, uniquingKeysWith: { first, _ in first })
    }

    /// After a recount changed own figures from `before` to `after` (rows of `units`' named units): adds
    /// each change to the subtree figures of the unit and of every ancestor, in one statement per distinct
    /// change — a cell's attendance is one UPDATE whatever the tree's depth, none when nothing changed.
    /// The caller holds the locks (`prepare`). A change of the tree's shape needs `refresh` instead.
    func propagate(from before: [Row: [Int]], to after: [Row: [Int]], along units: RollupUnits, on db: any Database) async throws {
        var changes: [Row: [Int]] = [:]
        for (row, values) in after {
            let old = before[row] ?? Array(repeating: 0, count: figures.count)
            let change = zip(values, old).map { $0 - $1 }
            guard change.contains(where: { $0 != 0 }), let lineage = units.lineages[row.unit] else { continue }
            for unit in lineage {
                let target = Row(key: row.key, unit: unit)
                changes[target] = zip(changes[target] ?? Array(repeating: 0, count: figures.count), change).map { $0 + $1 }
            }
        }
        let grouped = Dictionary(grouping: changes.filter { $0.value.contains { $0 != 0 } }, by: { [$0.key.key] + $0.value })
        for (keyAndChange, rows) in grouped.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let sets = SQLQueryString(figures.enumerated().map { "subtree_\($0.element.name) = subtree_\($0.element.name) + \(keyAndChange[$0.offset + 1])" }
                .joined(separator: ", "))
            try await db.sql.raw("""
                UPDATE \(ident: table) SET \(sets) WHERE \(ident: key) = \(bind: keyAndChange[0]) AND organization_id IN (\(binds: rows.map(\.key.unit).sorted()))
                """).run()
        }
    }

    /// After the tree changed shape around `ids` (a unit moved away from or under them, units merged):
    /// recomputes their chains' subtree figures, for the keys with rows there that `condition` admits.
    func rebuild(chainsOf ids: Set<Int>, where condition: SQLQueryString, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            SELECT DISTINCT \(ident: key) AS k FROM \(ident: table) WHERE organization_id IN (\(binds: ids.sorted())) AND \(condition)
            """).all()
        let keys = try rows.map { try $0.decode(column: "k", as: Int.self) }.sorted()
        guard !keys.isEmpty else { return }
        let units = try await RollupUnits.chains(of: ids, on: db)
        try await lock(units, keys: keys, on: db)
        try await refresh(units, keys: keys, on: db)
    }

    /// Refreshes the subtree figures of `units` for `keys`, deepest level first.
    func refresh(_ units: RollupUnits, keys: [Int], on db: any Database) async throws {
        guard !keys.isEmpty else { return }
        let subtreeColumns = SQLQueryString(figures.map { "subtree_\($0.name)" }.joined(separator: ", "))
        let sums = SQLQueryString(figures.map { "\($0.own) + COALESCE(SUM(c.subtree_\($0.name)), 0)" }.joined(separator: ", "))
        for level in units.levels {
            try await db.sql.raw("""
                UPDATE \(ident: table) SET (\(subtreeColumns)) = (
                  SELECT \(sums) FROM \(ident: table) c
                  WHERE c.\(ident: key) = \(ident: table).\(ident: key)
                    AND c.organization_id IN (SELECT o.id FROM organizations o WHERE o.parent_id = \(ident: table).organization_id))
                WHERE \(ident: key) IN (\(binds: keys)) AND organization_id IN (SELECT o.id FROM organizations o WHERE \(level))
                """).run()
        }
    }

    /// The figures for `key` of each unit the predicate on `organizations c` picks, by unit: one row each,
    /// with a column per figure (named after it) holding the unit's own value or its subtree's.
    func read(key: Int, units: SQLQueryString, _ extent: RollupExtent, on db: any Database) async throws -> [Int: any SQLRow] {
        let columns = figures.map { figure -> SQLQueryString in
            let value = extent == .own ? figure.own : "\(table).subtree_\(figure.name)"
            return "CAST(\(unsafeRaw: value) AS BIGINT) AS \(ident: figure.name)"
        }
        // Picked by `organization_id IN (…)` so that the unique index leads with the unit, never with the
        // key's every row.
        let rows = try await db.sql.raw("""
            SELECT organization_id AS unit, \(columns.joined(separator: ", ")) FROM \(ident: table)
            WHERE \(ident: self.key) = \(bind: key) AND organization_id IN (SELECT c.id FROM organizations c WHERE \(units))
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "unit", as: Int.self), $0) })
    }
}
