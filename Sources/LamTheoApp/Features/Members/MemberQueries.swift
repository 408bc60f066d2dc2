import Fluent
import LamTheoCore
import SQLKit

/// Reads of members. Every list is bounded by a subtree range on the copied cell path.
enum MemberQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Member {
        guard let member = try await Member.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy đảng viên", en: "Member not found"))
        }
        return member
    }

    /// Oldest first; the first is the enrolment.
    static func transfers(of id: Int, on db: any Database) async throws -> [MemberTransfer] {
        try await MemberTransfer.query(on: db).filter(\.$memberId == id).sort(\.$transferredOn).sort(\.$id).all()
    }

    static func positions(of id: Int, on db: any Database) async throws -> [MemberPosition] {
        try await MemberPosition.query(on: db).filter(\.$memberId == id).sort(\.$startedOn).sort(\.$id).all()
    }

    /// The units `memberId` heads (by a head's position held there: Bí thư, Thủ trưởng, Giám đốc, Chủ tịch, not
    /// their deputies) at some time between `from` and `to`.
    static func headedUnits(by memberId: Int, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [Int] {
        let positions = try await MemberPosition.query(on: db).filter(\.$memberId == memberId).filter(\.$organizationId != nil)
            .filter(\.$startedOn <= to).group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn >= from) }.all()
        return Array(Set(positions.filter { LeadershipTitle.marksHead($0.title) }.compactMap(\.organizationId))).sorted()
    }

    struct Filter: Sendable {
        /// Matched word by word against names (`VietnameseText.searchWords`), and against a part of card and ID numbers.
        var text: String?
        /// Members of cells in this subtree.
        var within: TreePath?
        /// Members on the roll when nil.
        var statuses: [MemberStatus]?
        var gender: Gender?
        /// The caller's readable subtrees (`Actor.readableSubtrees`); nil for the whole tree.
        var scopes: [TreePath]?
    }

    static func search(_ filter: Filter, page: Int, perPage: Int, on db: any Database) async throws -> Page<Member> {
        let text = filter.text.map(VietnameseText.searchKey) ?? ""
        if !text.isEmpty { return try await search(filter, text: text, page: page, perPage: perPage, on: db) }
        var query = Member.query(on: db)
        if let within = filter.within {
            query = query.filter(\.$organizationPath, in: within)
        }
        if let scopes = filter.scopes {
            query = query.withinAny(scopes, \.$organizationPath)
        }
        query = query.filter(\.$status ~~ (filter.statuses ?? MemberStatus.onRoll))
        if let gender = filter.gender { query = query.filter(\.$gender == gender) }
        let total = try await total(of: query, filter: filter, on: db)
        let range = (page - 1) * perPage ..< page * perPage
        if filter.statuses == nil, filter.gender == nil, try await walksNameIndex(matches: total, among: total, rows: range.upperBound, on: db) {
            return Page(items: try await inNameOrder(filter, range: range, on: db), page: page, perPage: perPage, total: total)
        }
        let ids = try await query.sort(\.$nameSort).sort(\.$id).range(range).all(\.$id)
        return Page(items: try await Member.plainRows(ids, on: db), page: page, perPage: perPage, total: total)
    }

    /// Every word of the name in any order ("binh nguyen van"), or a part of the card or ID number, through the
    /// trigram indexes (`TextSearch`), in Vietnamese order of names.
    private static func search(_ filter: Filter, text: String, page: Int, perPage: Int, on db: any Database) async throws -> Page<Member> {
        var search = TextSearch(.members)
        search.allWords(of: text, in: .memberName)
        if let fragment = VietnameseText.cardFragment(text) { search.fragment(fragment, inAnyOf: [.cardNumber, .idNumber]) }
        search.equal("card_number", text.replacingOccurrences(of: " ", with: "").uppercased())
        var conditions: [SQLQueryString] = [OrganizationQueries.subtreePredicate("organization_path", scopes: filter.scopes, within: filter.within),
                                            "status IN (\(binds: (filter.statuses ?? MemberStatus.onRoll).map(\.rawValue)))"]
        if let gender = filter.gender { conditions.append("gender = \(bind: gender.rawValue)") }
        let listing = TextSearch.Listing(filter: conditions.joined(separator: " AND "), order: "name_sort, id", orderIndex: "members_name_sort",
                                         scope: (index: "members_path_name", rows: { try await membersInScope(filter, on: db) }),
                                         rows: { try await rollCount(on: db) })
        let found = try await search.page(listing, range: (page - 1) * perPage ..< page * perPage, on: db)
        return Page(items: try await Member.plainRows(found.ids, on: db), page: page, perPage: perPage, total: found.total,
                    totalIsLowerBound: found.isLowerBound)
    }

    /// Members on the roll in the narrowest of the filter's subtrees (the stored per-unit counts summed).
    private static func membersInScope(_ filter: Filter, on db: any Database) async throws -> Int {
        if let within = filter.within { return try await OrganizationQueries.subtreeMemberCount(within, on: db) }
        guard let scopes = filter.scopes else { return try await rollCount(on: db) }
        var total = 0
        for scope in scopes { total += try await OrganizationQueries.subtreeMemberCount(scope, on: db) }
        return total
    }

    /// Members on the roll in the whole tree.
    private static func rollCount(on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT CAST(COALESCE(SUM(member_count), 0) AS BIGINT) AS n FROM organizations").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// SQLite finds a subtree's members by path and then sorts them all by name. For a large share of the
    /// whole roll (a province, the country) walking the name index in order and skipping the members
    /// outside the subtree is far cheaper: measured 2 s → milliseconds for the national root. PostgreSQL's
    /// planner makes this choice itself from its statistics. `matches` of the subtree's `scanned` members are
    /// listed (all of them for the roll; those without a commitment for a year…); the page ends at row `rows`.
    static func walksNameIndex(matches: Int, among scanned: Int, rows: Int, on db: any Database) async throws -> Bool {
        guard !db.isPostgres, scanned > 1_000, matches > 0 else { return false }
        let everyone = try await rollCount(on: db)
        // Walking visits about everyone / matches rows per member shown; reading by path handles all `scanned`, then sorts.
        return Double(everyone) / Double(matches) * Double(rows) < Double(scanned) / 4
    }

    private static func inNameOrder(_ filter: Filter, range: Range<Int>, on db: any Database) async throws -> [Member] {
        let ids = try await db.sql.raw("""
            SELECT id FROM members INDEXED BY members_name_sort
            WHERE \(OrganizationQueries.subtreePredicate("organization_path", scopes: filter.scopes, within: filter.within))
            AND status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
            ORDER BY name_sort, id LIMIT \(bind: range.count) OFFSET \(bind: range.lowerBound)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        return try await Member.plainRows(ids, on: db)
    }

    /// The plain roll of a subtree is already counted per unit: sum those instead of counting members (at the national
    /// root, counting took 2.4 s on SQLite).
    private static func total(of query: QueryBuilder<Member>, filter: Filter, on db: any Database) async throws -> Int {
        guard filter.statuses == nil, filter.gender == nil else { return try await query.count() }
        // The subtrees the list covers: the caller's (outermost, apart) narrowed to `within`.
        let subtrees: [TreePath]
        switch (filter.within, filter.scopes) {
        case (nil, nil): return try await rollCount(on: db)
        case (let within?, nil): subtrees = [within]
        case (nil, let scopes?): subtrees = scopes
        case (let within?, let scopes?): subtrees = scopes.contains { $0.contains(within) } ? [within] : scopes.filter { within.contains($0) }
        }
        var total = 0
        for subtree in subtrees { total += try await OrganizationQueries.subtreeMemberCount(subtree, on: db) }
        return total
    }

    /// Cell names for a page of members, in one query.
    static func cellNames(for members: [Member], on db: any Database) async throws -> [Int: String] {
        try await OrganizationQueries.names(members.map(\.organizationId), on: db)
    }
}
