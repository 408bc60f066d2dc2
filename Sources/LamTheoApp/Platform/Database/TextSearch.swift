import Fluent
import LamTheoCore
import SQLKit

/// Accent-insensitive search of folded keys (`VietnameseText.searchKey`) through the trigram indexes of migration
/// 042: SQLite's FTS5 tables with the trigram tokenizer, PostgreSQL's pg_trgm GIN indexes, both over the same
/// expressions. A name or title is indexed as `' ' || key || ' '`, so that a word shorter than a trigram still
/// uses the index: two letters find the names with a word starting with them ("le": Lê, Lệ, Lên), one letter the
/// names holding it as a word ("a": Nguyễn Văn A). Three letters or more are found anywhere ("guyen").
///
/// A list of matches in a fixed order (Vietnamese order of names, newest documents) is read by `page`, which
/// keeps page 1 fast whether a term is rare or matches millions of rows (see there).
struct TextSearch: Sendable {
    /// A searched table and its FTS5 table on SQLite.
    struct Table: Sendable {
        let name: String
        let fts: String
        let fields: [Field]

        static let members = Table(name: "members", fts: "members_search", fields: [.memberName, .cardNumber, .idNumber])
        static let organizations = Table(name: "organizations", fts: "organizations_search", fields: [.unitName])
        static let documents = Table(name: "documents", fts: "documents_search", fields: [.documentTitle])
        static let all = [members, organizations, documents]

        /// On SQLite, fills the FTS5 table again from every row of the table, in one statement: after a bulk load
        /// made with its triggers dropped (`BulkInsert.deferringIndexesAndKeys`).
        func rebuild(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            try await db.sql.raw("INSERT INTO \(ident: fts)(\(ident: fts)) VALUES ('delete-all')").run()
            try await db.sql.raw("""
                INSERT INTO \(ident: fts)(rowid, \(unsafeRaw: fields.map(\.fts).joined(separator: ", ")))
                SELECT id, \(unsafeRaw: fields.map(\.expression).joined(separator: ", ")) FROM \(ident: name)
                """).run()
        }
    }

    /// An indexed text: its FTS5 column, and the SQL expression over the table's row that both databases index.
    struct Field: Sendable {
        let fts: String
        let expression: String

        static let memberName = Field(fts: "name_key", expression: "(' ' || name_search || ' ')")
        static let cardNumber = Field(fts: "card_key", expression: "card_number")
        static let idNumber = Field(fts: "id_number_key", expression: "COALESCE(id_number, '')")
        static let unitName = Field(fts: "name_key", expression: "(' ' || name_search || ' ')")
        static let documentTitle = Field(fts: "title_key", expression: "(' ' || title_search || ' ')")
    }

    /// A list counts its matches up to this many, and then says "more than": counting millions of
    /// "nguyen" on every keystroke would cost more than the page.
    static let countLimit = 1_000

    let table: Table
    /// Any of these matches; within one, every (field, fragment) must hold.
    private var alternatives: [[(field: Field, fragment: String)]] = []
    /// Or a column equal to a value, through the column's own index (a unit's code).
    private var equalities: [(column: String, value: String)] = []

    init(_ table: Table) {
        self.table = table
    }

    var isEmpty: Bool { alternatives.isEmpty && equalities.isEmpty }

    /// Every word of the folded `key` in `field`, in any order: three letters or more anywhere, two letters at the
    /// start of a word, one letter as a whole word.
    mutating func allWords(of key: String, in field: Field) {
        let fragments = VietnameseText.searchWords(key).map { word in
            switch word.count {
            case 1: " \(word) "
            case 2: " \(word)"
            default: word
            }
        }
        if !fragments.isEmpty { alternatives.append(fragments.map { (field, $0) }) }
    }

    /// `fragment` (three characters or more) anywhere in any of `fields`.
    mutating func fragment(_ fragment: String, inAnyOf fields: [Field]) {
        alternatives += fields.map { [($0, fragment)] }
    }

    /// Or `column` (an indexed column of the table) equal to `value`.
    mutating func equal(_ column: String, _ value: String) {
        equalities.append((column, value))
    }

    /// The rows that match, as a condition on the table's row: the GIN indexes' own expressions on PostgreSQL,
    /// a filter on SQLite while it walks another index.
    var condition: SQLQueryString {
        let any = alternatives.map { all in
            "(" + all.map { "\(unsafeRaw: $0.field.expression) LIKE \(bind: "%\($0.fragment)%")" as SQLQueryString }.joined(separator: " AND ") + ")"
        } + equalities.map { "\(ident: $0.column) = \(bind: $0.value)" as SQLQueryString }
        return any.isEmpty ? "1 = 0" : "(" + any.joined(separator: " OR ") + ")"
    }

    /// The same condition as an FTS5 query: phrases are substrings under the trigram tokenizer.
    private var ftsQuery: String {
        alternatives.map { all in
            "(" + all.map { "\($0.field.fts) : \"\($0.fragment.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " AND ") + ")"
        }.joined(separator: " OR ")
    }

    /// How a list of matches is read: besides the search, a filter on the table's row (scope, status…) and an order.
    struct Listing: Sendable {
        /// On the table's row, unqualified columns.
        var filter: SQLQueryString
        /// Ends with the id, so that pages are stable: "name_sort, id".
        var order: String
        /// SQLite's index that yields rows in `order`.
        var orderIndex: String
        /// SQLite's index that reads the filter's scope, and how to count the rows within it; nil when the scope is not narrow.
        var scope: (index: String, rows: @Sendable () async throws -> Int)?
        /// Counts the rows of the whole table. Counts are asked only when SQLite must choose (many matches).
        var rows: @Sendable () async throws -> Int
        /// On SQLite, as many matches as are read by id and sorted faster than walking the order's index.
        var candidateLimit = 10_000
    }

    /// The ids of the matches in `range` of the listing's order, and their number up to `countLimit`.
    ///
    /// PostgreSQL's planner chooses between the trigram index (rare terms) and walking the order's index, filtering
    /// (common terms), from its statistics. SQLite must be told: it asks FTS5 for up to `Listing.candidateLimit` matches;
    /// fewer are read by id and sorted. More (a common term) make walking the order's index cheap, as about one row
    /// in `rows / matches` matches — unless the scope is narrow (a ward), whose rows are then read and sorted.
    func page(_ listing: Listing, range: Range<Int>, on db: any Database) async throws -> (ids: [Int], total: Int, isLowerBound: Bool) {
        let sql = db.sql
        let table = SQLQueryString(self.table.name)
        let order = SQLQueryString(listing.order)
        if db.isPostgres {
            return try await Self.page(of: table, where: "\(listing.filter) AND \(condition)", order: order, range: range, on: db)
        }
        let fts = SQLQueryString(self.table.fts)
        // The matches stay a subquery, which SQLite reads into an index of its own: handed to Swift and back, the
        // thousands of units a short word matches cost 62 ms at the national root, read once, then again by id.
        var sources: [SQLQueryString] = alternatives.isEmpty ? [] : ["SELECT rowid AS id FROM \(fts) WHERE \(fts) MATCH \(bind: ftsQuery)"]
        sources += equalities.map { "SELECT id FROM \(table) WHERE \(ident: $0.column) = \(bind: $0.value)" }
        guard !sources.isEmpty else { return ([], 0, false) }
        let matches = sources.joined(separator: " UNION ALL ")
        let candidates = try await sql.raw("SELECT COUNT(*) AS n FROM (\(matches) LIMIT \(bind: listing.candidateLimit + 1)) m").first()?
            .decode(column: "n", as: Int.self) ?? 0
        if candidates <= listing.candidateLimit {
            // NOT INDEXED: from the matches by id, never along the order's index checking each row against them. The page
            // and its count come from one more reading of the trigram index (a window over the filtered matches): each
            // reading costs its own time (a card number's part among 5.5 million: 13 ms).
            let source: SQLQueryString = "\(table) NOT INDEXED", found: SQLQueryString = "id IN (\(matches)) AND \(listing.filter)"
            let rows = try await sql.raw("""
                SELECT id, COUNT(*) OVER () AS n FROM \(source) WHERE \(found) ORDER BY \(order) LIMIT \(bind: range.count) OFFSET \(bind: range.lowerBound)
                """).all()
            guard let first = rows.first else {
                // Past the last page the window has no row to say how many there were.
                return range.lowerBound == 0 ? ([], 0, false) : try await Self.page(of: source, where: found, order: order, range: range, on: db)
            }
            let n = try first.decode(column: "n", as: Int.self)
            return (try rows.map { try $0.decode(column: "id", as: Int.self) }, min(n, Self.countLimit), n > Self.countLimit)
        }
        // Rows visited by the walk: each matches with a chance of (rows in scope / rows) × (matches / rows).
        let rows = Double(try await listing.rows())
        let inScope = Double(try await listing.scope?.rows() ?? Int(rows))
        let walked = Double(range.upperBound) * rows / max(inScope, 1) * rows / Double(listing.candidateLimit)
        if let scope = listing.scope, inScope < walked {
            return try await Self.page(of: "\(table) INDEXED BY \(unsafeRaw: scope.index)", where: "\(listing.filter) AND \(condition)", order: order,
                                       range: range, on: db)
        }
        let ids = try await sql.raw("""
            SELECT id FROM \(table) INDEXED BY \(unsafeRaw: listing.orderIndex) WHERE \(listing.filter) AND \(condition)
            ORDER BY \(order) LIMIT \(bind: range.count) OFFSET \(bind: range.lowerBound)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        // Counted from the matches, joined to their rows for the filter: stops at the limit.
        let counted = try await Self.boundedCount(sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(fts) CROSS JOIN \(table) ON \(table).id = \(fts).rowid
            WHERE \(fts) MATCH \(bind: ftsQuery) AND \(listing.filter) LIMIT \(bind: Self.countLimit + 1)) s
            """), on: db)
        return (ids, counted.total, counted.isLowerBound)
    }

    /// A count made with `LIMIT countLimit + 1` (its column named `n`), as a total up to the limit and whether it went past.
    static func boundedCount(_ query: SQLRawBuilder, on db: any Database) async throws -> (total: Int, isLowerBound: Bool) {
        let n = try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        return (min(n, countLimit), n > countLimit)
    }

    /// The ids in `range` of the rows of `source` where `found` holds, in `order`, and their number up to the limit: only
    /// the page's rows come back from the database. Also how a list without a search reads a page (documents).
    static func page(of source: SQLQueryString, where found: SQLQueryString, order: SQLQueryString, range: Range<Int>,
                             on db: any Database) async throws -> (ids: [Int], total: Int, isLowerBound: Bool) {
        let ids = try await db.sql.raw("""
            SELECT id FROM \(source) WHERE \(found) ORDER BY \(order) LIMIT \(bind: range.count) OFFSET \(bind: range.lowerBound)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let counted = try await boundedCount(db.sql.raw("SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(source) WHERE \(found) LIMIT \(bind: countLimit + 1)) s"),
                                             on: db)
        return (ids, counted.total, counted.isLowerBound)
    }
}
