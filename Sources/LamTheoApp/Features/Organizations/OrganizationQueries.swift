import Fluent
import LamTheoCore
import SQLKit

/// A unit with the figures of its whole subtree, as tree pages and the API list them: plain values read from its row, not
/// an `Organization` (a page of fifty models spent most of its time in Fluent's property wrappers, `lamtheo benchmark-http`).
struct OrganizationSummary: Sendable {
    let id: Int
    let code: String
    let name: String
    let kindCode: String
    let parentId: Int?
    let treePath: TreePath
    let depth: Int
    /// Members on the roll of the unit itself.
    let memberCount: Int
    let status: OrganizationStatus
    let validFrom: CalendarDate
    let validTo: CalendarDate?
    let mergedIntoId: Int?
    /// Members on the roll of the unit and everything under it.
    let subtreeMembers: Int
    /// Active units directly under it.
    let childCount: Int

    /// The columns `init(row:)` reads from the table aliased `u`, besides the two figures.
    static let columns: SQLQueryString = """
        u.id, u.code, u.name, u.kind_code, u.parent_id, u.path, u.depth, u.member_count, u.status, u.valid_from, u.valid_to, u.merged_into_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        kindCode = try row.decode(column: "kind_code", as: String.self)
        parentId = try row.decode(column: "parent_id", as: Int?.self)
        let path = try row.decode(column: "path", as: String.self)
        guard let treePath = TreePath(rawValue: path) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Not a tree path: \(path)"))
        }
        self.treePath = treePath
        depth = try row.decode(column: "depth", as: Int.self)
        memberCount = try row.decode(column: "member_count", as: Int.self)
        status = try row.value("status", as: OrganizationStatus.self)
        validFrom = try row.day("valid_from")
        validTo = try row.optionalDay("valid_to")
        mergedIntoId = try row.decode(column: "merged_into_id", as: Int?.self)
        subtreeMembers = try row.decode(column: "subtree_members", as: Int.self)
        childCount = try row.decode(column: "children", as: Int.self)
    }
}

/// Reads of the organisation tree. Subtree figures are sums of the stored per-unit counts over a path
/// range, so their cost follows the number of units, never the number of members.
enum OrganizationQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Organization {
        guard let organization = try await Organization.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tổ chức đảng", en: "Organisation not found"))
        }
        return organization
    }

    static func activeChildCount(of organization: Organization, on db: any Database) async throws -> Int {
        try await Organization.query(on: db).filter(\.$parentId == organization.requireID()).filter(\.$status == .active).count()
    }

    /// The active units directly under `unitId`, in Vietnamese order, as links: a drill-down's rows. Plain values: a
    /// ward's 700 cells decoded as models were a fifth of its commitments page.
    static func activeChildLinks(of unitId: Int, on db: any Database) async throws -> [UnitLink] {
        try await db.sql.raw("""
            SELECT id, name FROM organizations WHERE parent_id = \(bind: unitId) AND status = \(bind: OrganizationStatus.active.rawValue)
            ORDER BY name_sort, id
            """).all().map { UnitLink(id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self)) }
    }

    /// The models, for a write that changes them (a merge moves the children).
    static func activeChildren(of organization: Organization, on db: any Database) async throws -> [Organization] {
        try await Organization.query(on: db)
            .filter(\.$parentId == organization.requireID())
            .filter(\.$status == .active)
            .sort(\.$nameSort)
            .all()
    }

    static func hasActiveChildren(_ organization: Organization, on db: any Database) async throws -> Bool {
        try await Organization.query(on: db)
            .filter(\.$parentId == organization.requireID())
            .filter(\.$status == .active)
            .first() != nil
    }

    /// Root first, the unit itself last; only the units the caller may read (not the committees above
    /// an officer's own scope).
    static func lineage(of organization: Organization, readableBy actor: Actor, on db: any Database) async throws -> [Organization] {
        let ids = organization.treePath.ids
        let byId = Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ ids).all().map { ($0.requireID(), $0) })
        return ids.compactMap { byId[$0] }.filter { actor.can(.read, at: $0.treePath) }
    }

    /// Members on the roll of a unit and everything under it.
    static func subtreeMemberCount(_ path: TreePath, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(member_count), 0) AS BIGINT) AS total FROM organizations
            WHERE \(column: "path", in: path)
            """).first()
        return try row?.decode(column: "total", as: Int.self) ?? 0
    }

    /// The units directly under `parentId` (the roots when nil), in Vietnamese order, each with its subtree figures.
    static func children(of parentId: Int?, includeClosed: Bool, on db: any Database) async throws -> [OrganizationSummary] {
        let parent: SQLQueryString = parentId.map { "parent_id = \(bind: $0)" } ?? "parent_id IS NULL"
        let open: SQLQueryString = includeClosed ? "" : "AND status = \(bind: OrganizationStatus.active.rawValue)"
        let ids = try await db.sql.raw("SELECT id FROM organizations WHERE \(parent) \(open) ORDER BY name_sort, id").all()
            .map { try $0.decode(column: "id", as: Int.self) }
        return try await summaries(ofIds: ids, on: db)
    }

    static func summaries(of units: [Organization], on db: any Database) async throws -> [OrganizationSummary] {
        try await summaries(ofIds: units.map { $0.requireID() }, on: db)
    }

    /// The units `ids`, in that order, each with its subtree figures (one range sum each): one query for a page of a list.
    static func summaries(ofIds ids: [Int], on db: any Database) async throws -> [OrganizationSummary] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT \(OrganizationSummary.columns),
                   (SELECT CAST(COALESCE(SUM(d.member_count), 0) AS BIGINT) FROM organizations d
                     WHERE d.path >= u.path AND d.path < u.path || '~') AS subtree_members,
                   (SELECT COUNT(*) FROM organizations c WHERE c.parent_id = u.id AND c.status = \(bind: OrganizationStatus.active.rawValue)) AS children
            FROM organizations u WHERE u.id IN (\(binds: ids))
            """).all()
        let byId = Dictionary(try rows.map { let unit = try OrganizationSummary(row: $0); return (unit.id, unit) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }

    /// Units' names by id, for lists that show where each row belongs.
    static func names(_ ids: some Collection<Int>, on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().map { ($0.requireID(), $0.name) })
    }

    /// The name of each unit's parent, by the unit's id, in one query: what tells apart the many units sharing a name
    /// ("Chi bộ Khu phố 1") in a search's results. `units`: each unit's id and its parent's.
    static func parentNames(of units: [(id: Int, parentId: Int?)], on db: any Database) async throws -> [Int: String] {
        let parents = try await names(units.compactMap(\.parentId), on: db)
        return units.reduce(into: [:]) { names, unit in names[unit.id] = unit.parentId.flatMap { parents[$0] } }
    }

    /// The name of each cell's parent, by the cell's id: `parentNames` for ids.
    static func parentNames(ofUnits ids: [Int], on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        return try await parentNames(of: Organization.query(on: db).filter(\.$id ~~ Set(ids)).all().map { ($0.requireID(), $0.parentId) }, on: db)
    }

    struct Filter: Hashable, Sendable {
        /// Matched word by word against names (`VietnameseText.searchWords`), and whole against codes.
        var text: String?
        /// Only units in this subtree (the unit itself included).
        var within: TreePath?
        var kindCode: String?
        /// Only cells (true) or only committees (false).
        var holdsMembers: Bool?
        var includeClosed = false
        /// The caller's readable subtrees (`Actor.readableSubtrees`); nil for the whole tree.
        var scopes: [TreePath]?
    }

    /// Units matching `filter`, in Vietnamese order of their names: every word of the name in any order
    /// ("ben nghe phuong") through the trigram index (`TextSearch`), or the code.
    static func search(_ filter: Filter, page: Int, perPage: Int, on db: any Database) async throws -> Page<OrganizationSummary> {
        let scope = subtreePredicate("path", scopes: filter.scopes, within: filter.within)
        var conditions = [scope]
        if let kind = filter.kindCode { conditions.append("kind_code = \(bind: kind)") }
        if let holdsMembers = filter.holdsMembers {
            let kinds = try await OrganizationKind.query(on: db).filter(\.$holdsMembers == holdsMembers).all().compactMap(\.id)
            conditions.append("kind_code IN (\(binds: kinds))")
        }
        if !filter.includeClosed { conditions.append("status = \(bind: OrganizationStatus.active.rawValue)") }
        let range = (page - 1) * perPage ..< page * perPage
        let sql = db.sql
        @Sendable func count(_ predicate: SQLQueryString) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM organizations WHERE \(predicate)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let text = filter.text.map(VietnameseText.searchKey) ?? ""
        guard !text.isEmpty else {
            let filter = conditions.joined(separator: " AND ")
            let counted = try await TextSearch.boundedCount(sql.raw("""
                SELECT COUNT(*) AS n FROM (SELECT 1 FROM organizations WHERE \(filter) LIMIT \(bind: TextSearch.countLimit + 1)) s
                """), on: db)
            // A scope of more than a thousand units (a province, the country) is read in name order, filtered as it goes:
            // SQLite would otherwise read the whole scope by path and sort it (170 ms at the national root).
            let walk: SQLQueryString = counted.isLowerBound && !db.isPostgres ? "INDEXED BY organizations_name_sort" : ""
            let ids = try await sql.raw("""
                SELECT id FROM organizations \(walk) WHERE \(filter) ORDER BY name_sort, id LIMIT \(bind: range.count) OFFSET \(bind: range.lowerBound)
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            return Page(items: try await summaries(ofIds: ids, on: db), page: page, perPage: perPage, total: counted.total,
                        totalIsLowerBound: counted.isLowerBound)
        }
        var search = TextSearch(.organizations)
        search.allWords(of: text, in: .unitName)
        search.equal("code", (filter.text ?? "").trimmingCharacters(in: .whitespaces).uppercased())
        let listing = TextSearch.Listing(filter: conditions.joined(separator: " AND "), order: "name_sort, id", orderIndex: "organizations_name_sort",
                                         scope: (index: "organizations_path", rows: { try await count(scope) }), rows: { try await count("1 = 1") })
        let found = try await search.page(listing, range: range, on: db)
        return Page(items: try await summaries(ofIds: found.ids, on: db), page: page, perPage: perPage, total: found.total,
                    totalIsLowerBound: found.isLowerBound)
    }

    /// The scope and the `within` filter as SQL ranges on a path column.
    static func subtreePredicate(_ column: String, scopes: [TreePath]?, within: TreePath?) -> SQLQueryString {
        func range(_ path: TreePath) -> SQLQueryString { "\(column: column, in: path)" }
        var predicate: SQLQueryString = "1 = 1"
        if let scopes {
            let any = scopes.map(range)
            predicate = any.isEmpty ? "1 = 0" : "(" + any.joined(separator: " OR ") + ")"
        }
        if let within {
            predicate = predicate + " AND " + range(within)
        }
        return predicate
    }

    static func kinds(on db: any Database) async throws -> [OrganizationKind] {
        try await OrganizationKind.query(on: db).sort(\.$position).all()
    }

    static func kindsByCode(on db: any Database) async throws -> [String: OrganizationKind] {
        Dictionary(uniqueKeysWithValues: try await kinds(on: db).map { ($0.id!, $0) })
    }

    /// Every unit, open or closed, by its code: what imports check their rows against.
    static func unitsByCode(on db: any Database) async throws -> [String: Organization] {
        Dictionary(try await Organization.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension String {
    /// Search keys turn punctuation into spaces already; this makes sure no `%` or `_` widens a LIKE pattern.
    var withoutLikeWildcards: String {
        replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }
}
