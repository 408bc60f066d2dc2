import Fluent
import LamTheoCore
import NIOConcurrencyHelpers
import SQLKit

/// A kind of dated thing the reminders chase: its names and its default schedule.
struct ReminderKind: Sendable {
    /// Stable, the same in both languages: "study.reflection", "campaign.obligation", "follow-up.task".
    let name: String
    /// "Bài thu hoạch": how the rules page and the reminders page name it.
    let title: LocalizedText
    /// What a digest counts, after the number: "bài thu hoạch chưa nộp".
    let lagging: LocalizedText
    var schedule: ReminderSchedule = .standard
}

/// One thing not done yet, due on a day, and who is reminded of it.
struct ReminderItem: Sendable {
    /// Unique within its kind: "campaign-3/member-17".
    let key: String
    /// The unit it belongs to (the member's cell, the owner unit): the level above it is told when it is late.
    let unitId: Int
    let unitPath: TreePath
    let dueOn: CalendarDate
    /// The users reminded: the member's account, or the officers and secretary of the unit.
    let recipients: [Int]
    /// What is due: "Nộp bài thu hoạch: Học tập Nghị quyết Đại hội XIV".
    let title: LocalizedText
    /// Where it is done.
    let link: String
    /// The stored roll-up figure (a dashboard figure's key, "campaign-3.reflections") that counts this item among its
    /// unit's outstanding work: what an escalation digest quotes, so it says what the pages say. nil: none does.
    var figure: String? = nil
}

/// Which items a source is asked for: those not done, due by `dueBy`, in `subtree` (the whole tree when nil),
/// after `cursor` in the source's own order.
struct ReminderQuery: Sendable {
    let today: CalendarDate
    let dueBy: CalendarDate
    let subtree: TreePath?
    let cursor: Int?
    let limit: Int
}

/// A page of a source's items and where the next page starts (nil: no more).
struct ReminderPage: Sendable {
    let items: [ReminderItem]
    let next: Int?
}

/// A feature that has dated things registers them here (`configure`) instead of being called by the reminders:
/// it says what is due, for whom, by when, and — by leaving it out — what is done. Items come a page at a time,
/// in an order of the source's that a cursor can resume, so that a national campaign is read in bounded memory.
protocol ReminderSource: Sendable {
    var kind: ReminderKind { get }
    func items(_ query: ReminderQuery, on db: any Database) async throws -> ReminderPage
}

struct ReminderSources: Sendable {
    private(set) var sources: [any ReminderSource] = []

    /// Adds `source`; a second source of the same kind changes nothing.
    mutating func register(_ source: any ReminderSource) {
        if !sources.contains(where: { $0.kind.name == source.kind.name }) { sources.append(source) }
    }

    func kind(named name: String) -> ReminderKind? {
        sources.first { $0.kind.name == name }?.kind
    }
}

enum Reminders {
    /// Registered once per process, like the to-dos: a value a test can copy and extend.
    private static let registered = NIOLockedValueBox(ReminderSources())

    static var sources: ReminderSources { registered.withLockedValue { $0 } }

    static func register(_ source: any ReminderSource) {
        registered.withLockedValue { $0.register(source) }
    }
}

/// Who is reminded: the people a feature's item is for.
enum ReminderRecipients {
    /// The active users who answer for each unit: officer and secretary grants given at the unit itself, in
    /// force on `day`. A unit nobody answers for has no entry.
    static func officers(of units: some Collection<Int>, on day: CalendarDate, db: any Database) async throws -> [Int: [Int]] {
        guard !units.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT g.organization_id AS unit, g.user_id AS user_id
            FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE g.role IN (\(bind: Role.officer.rawValue), \(bind: Role.secretary.rawValue)) AND g.organization_id IN (\(binds: Array(Set(units))))
              AND g.revoked_at IS NULL AND g.starts_on <= \(bind: day.iso) AND (g.ends_on IS NULL OR g.ends_on >= \(bind: day.iso))
              AND u.is_active = \(bind: true)
            ORDER BY g.organization_id, g.user_id
            """).all()
        var officers: [Int: [Int]] = [:]
        for row in rows {
            let unit = try row.decode(column: "unit", as: Int.self), user = try row.decode(column: "user_id", as: Int.self)
            if officers[unit]?.contains(user) != true { officers[unit, default: []].append(user) }
        }
        return officers
    }

    /// The next page of member grants after `cursor` — `limit` of them, of members in `subtree` when one is given —
    /// or nil when none is left: how the sources of members' items page through millions of accounts, a member's items
    /// staying on one page. The whole tree is paged in id order; a subtree below the root in the order of its range of
    /// `role_grants_place` (the grant's copy of its member's cell path, then the id), so that a page costs its own rows:
    /// in id order a ward's or a cell's page walked the country's accounts, or sorted a province's 471,000.
    static func memberGrantPage(after cursor: Int?, limit: Int, in subtree: TreePath?, on db: any Database) async throws -> IdPage? {
        let member: SQLQueryString = "g.role = \(bind: Role.member.rawValue)"
        let page: SQLQueryString
        if let subtree, subtree.depth > 0 {
            let after: SQLQueryString = cursor.map {
                "AND (g.organization_path, g.id) > (SELECT c.organization_path, c.id FROM role_grants c WHERE c.id = \(bind: $0))"
            } ?? ""
            page = """
                SELECT g.id AS id FROM role_grants g WHERE \(member) AND g.revoked_at IS NULL AND \(column: "g.organization_path", in: subtree) \(after)
                ORDER BY g.organization_path, g.id LIMIT \(bind: limit)
                """
        } else {
            page = "SELECT g.id AS id FROM role_grants g WHERE \(member) AND g.id > \(bind: cursor ?? 0) ORDER BY g.id LIMIT \(bind: limit)"
        }
        let ids = try await db.sql.raw(page).all().map { try $0.decode(column: "id", as: Int.self) }
        return ids.isEmpty ? nil : IdPage(ids: ids)
    }

    /// The next page of units after `cursor` — `limit` of them, in `subtree` when one is given — or nil when none is
    /// left: how the sources of units' items page through the tree, a unit's items staying on one page. The whole tree
    /// is paged in id order, a subtree below the root in path order (its range of `organizations_path`): in id order
    /// SQLite walked every unit from the cursor on for a cell's few (17–25 ms a page, 38 ms for the items after).
    static func unitPage(after cursor: Int?, limit: Int, in subtree: TreePath?, on db: any Database) async throws -> IdPage? {
        let page: SQLQueryString
        if let subtree, subtree.depth > 0 {
            let after: SQLQueryString = cursor.map { "AND o.path > (SELECT c.path FROM organizations c WHERE c.id = \(bind: $0))" } ?? ""
            page = "SELECT o.id AS id FROM organizations o WHERE \(column: "o.path", in: subtree) \(after) ORDER BY o.path LIMIT \(bind: limit)"
        } else {
            page = "SELECT o.id AS id FROM organizations o WHERE o.id > \(bind: cursor ?? 0) ORDER BY o.id LIMIT \(bind: limit)"
        }
        let ids = try await db.sql.raw(page).all().map { try $0.decode(column: "id", as: Int.self) }
        return ids.isEmpty ? nil : IdPage(ids: ids)
    }

    /// The SQL condition that a member-role grant `g` of an active user `u` is in force on `day`: how the sources
    /// of members' items find the member's account.
    static func memberAccount(grant g: String, user u: String, on day: CalendarDate) -> SQLQueryString {
        """
        \(unsafeRaw: g).role = \(bind: Role.member.rawValue) AND \(unsafeRaw: g).revoked_at IS NULL AND \(unsafeRaw: g).starts_on <= \(bind: day.iso)
          AND (\(unsafeRaw: g).ends_on IS NULL OR \(unsafeRaw: g).ends_on >= \(bind: day.iso)) AND \(unsafeRaw: u).is_active = \(bind: true)
        """
    }
}

/// A page of rows by their ids (members' accounts, units): a subtree's are scattered among the country's, so the
/// sources read the page by its ids, not as a range from the cursor to its last id (every row between: 3 s for a cell).
struct IdPage: Sendable {
    /// In the page's order; never empty.
    let ids: [Int]

    /// Where the next page starts.
    var last: Int { ids[ids.count - 1] }

    /// The SQL condition that the id `column` (`g.id`, `o.id`) is on this page, the ids bound as one value.
    func contains(_ column: String, on db: any Database) -> SQLQueryString {
        if db.isPostgres { return "\(unsafeRaw: column) = ANY(\(bind: ids))" }
        return "\(unsafeRaw: column) IN (SELECT value FROM json_each(\(bind: "[" + ids.map(String.init).joined(separator: ",") + "]")))"
    }
}
