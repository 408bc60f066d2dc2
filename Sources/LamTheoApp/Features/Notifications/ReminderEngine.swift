import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// The day's reminders and digests: every registered source read a page at a time, each item's schedule (its
/// committee's own, or its kind's default) asked which step it has reached, one notification recorded per
/// recipient and step — the unique key drops what an earlier run (or another process) already recorded — and,
/// for items late past the schedule's threshold, one digest per officer of the level above, then the next.
enum ReminderEngine {
    /// Items read, and notifications written, per page: what bounds the memory of a national run.
    static let pageSize = 5_000
    /// Accounts or rows of each kind the preview goes through at most.
    static let previewReadLimit = 1_000

    struct Summary: Sendable, Codable, Equatable {
        var itemsRead = 0
        var reminders = 0
        var digests = 0
    }

    /// Records the reminders of `today` (idempotent: a second run the same day records nothing new).
    static func generate(on today: CalendarDate, app: Application, sources: ReminderSources = Reminders.sources,
                         progress: @escaping @Sendable (Int, Int) async throws -> Void = { _, _ in }) async throws -> Summary {
        let rules = try await ReminderRuleBook.load(on: app.db)
        var summary = Summary()
        var lagging = LaggingUnits()
        for (index, source) in sources.sources.enumerated() {
            let kind = source.kind
            var cursor: Int?
            repeat {
                let query = ReminderQuery(today: today, dueBy: today.adding(days: rules.lookahead(of: kind)), subtree: nil, cursor: cursor, limit: pageSize)
                let page = try await source.items(query, on: app.db)
                summary.itemsRead += page.items.count
                var due: [(ReminderItem, ReminderStep)] = []
                for item in page.items {
                    let schedule = rules.schedule(of: kind, at: item.unitPath)
                    if let step = schedule.step(dueOn: item.dueOn, today: today) { due.append((item, step)) }
                    lagging.add(item, kind: kind.name, levels: schedule.escalationLevels(dueOn: item.dueOn, today: today))
                }
                summary.reminders += try await record(due.flatMap { item, step in
                    item.recipients.map { NotificationDraft(reminder: item, of: kind, step: step, to: $0, today: today) }
                }, app: app)
                cursor = page.next
                try await progress(index, sources.sources.count + 1)
            } while cursor != nil
        }
        summary.digests = try await record(try await EscalationDigest.drafts(for: lagging, sources: sources, today: today, on: app.db), app: app)
        try await progress(sources.sources.count + 1, sources.sources.count + 1)
        return summary
    }

    /// What `generate` would send on `day` in `subtree`, without recording it: the reminders page's preview. A step
    /// already recorded (a series whose next step is not due yet) sends nothing again and is left out. Goes through at
    /// most `readLimit` of each kind's accounts or rows (what its source pages through), so that a unit high in the tree
    /// previews in the time of a ward; `isComplete` says whether every one was read.
    static func preview(on day: CalendarDate, in subtree: TreePath, limit: Int, readLimit: Int = previewReadLimit, db: any Database,
                        sources: ReminderSources = Reminders.sources) async throws -> ReminderPreview {
        let rules = try await ReminderRuleBook.load(on: db)
        var preview = ReminderPreview()
        for source in sources.sources {
            let kind = source.kind
            let query = { (cursor: Int?, limit: Int) in
                ReminderQuery(today: day, dueBy: day.adding(days: rules.lookahead(of: kind)), subtree: subtree, cursor: cursor, limit: limit)
            }
            var cursor: Int?
            var read = 0
            repeat {
                let pageLimit = min(pageSize, readLimit - read)
                let page = try await source.items(query(cursor, pageLimit), on: db)
                // What the page went through (accounts, obligations…), not the items it kept: a kind with few items due
                // would otherwise be read to its end, every account of the country at the root (minutes).
                read += pageLimit
                let due = page.items.compactMap { item in
                    rules.schedule(of: kind, at: item.unitPath).step(dueOn: item.dueOn, today: day).map { (kind: kind, item: item, step: $0) }
                }.filter { !$0.item.recipients.isEmpty }
                let recorded = try await recordedSteps(of: kind.name, among: due.map(\.item.key), on: db)
                for entry in due where !recorded.contains("\(entry.item.key) \(entry.item.dueOn.iso) \(entry.step)") {
                    preview.entries.append(entry)
                    if preview.entries.count >= limit { return preview }
                }
                cursor = page.next
            } while cursor != nil && read < readLimit
            // Stopped at the limit: complete only if nothing is left after it.
            if let cursor, try await source.items(query(cursor, 1), on: db).next != nil { preview.isComplete = false }
        }
        return preview
    }

    /// "item due step" of the notifications already recorded for these items of a kind.
    private static func recordedSteps(of kind: String, among keys: [String], on db: any Database) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT DISTINCT item_key, due_on, step FROM notifications WHERE kind = \(bind: kind) AND \(try db.condition("item_key", isIn: keys))
            """).all()
        return Set(try rows.map { "\(try $0.decode(column: "item_key", as: String.self)) \(try $0.decode(column: "due_on", as: String.self)) \(try $0.decode(column: "step", as: String.self))" })
    }

    /// Writes the drafts that are new, in slices, each slice one statement in one short transaction (pages stay fast
    /// while a national run writes): the slice goes as one JSON value, the unique key drops what is recorded already,
    /// and each recipient's e-mail choice is read in the same statement, with the unit's path as it is now (the drafts
    /// were read before: a move may have come between, `TreeShapeLock`). Returns how many were new.
    static func record(_ drafts: [NotificationDraft], app: Application) async throws -> Int {
        var written = 0
        for start in stride(from: 0, to: drafts.count, by: 500) {
            let json = try JSONRows.encode(drafts[start..<min(start + 500, drafts.count)].map(NotificationRow.init))
            written += try await app.writeBookkeeping { db in
                let now = Date()
                // The e-mail state is NotificationSettings.newEmailState: e-mail chosen and an address given, one message
                // each (sent by the mail job from now on) or the daily digest; otherwise the inbox only.
                let emailChosen: SQLQueryString = "s.email_enabled AND s.email IS NOT NULL"
                return try await db.sql.raw("""
                    INSERT INTO notifications (\(unsafeRaw: NotificationRow.columns.map(\.name).joined(separator: ", ")), organization_path,
                                               created_at, email_state, email_attempts, email_next_at)
                    SELECT \(unsafeRaw: NotificationRow.columns.map { "r.\($0.name)" }.joined(separator: ", ")), o.path, \(bind: now),
                           CASE WHEN \(emailChosen) THEN (CASE WHEN s.daily_digest THEN \(bind: EmailState.digest.rawValue) ELSE \(bind: EmailState.pending.rawValue) END)
                                ELSE \(bind: EmailState.none.rawValue) END,
                           0, CASE WHEN \(emailChosen) AND NOT s.daily_digest THEN \(bind: now) END
                    FROM \(db.table(fromJSON: json, columns: NotificationRow.columns, as: "r"))
                    JOIN organizations o ON o.id = r.organization_id LEFT JOIN notification_settings s ON s.user_id = r.user_id
                    WHERE TRUE ORDER BY r.ordinal
                    ON CONFLICT (user_id, kind, item_key, due_on, step) DO NOTHING RETURNING id
                    """).all().count
            }
        }
        app.metrics?.countReminders(written, channel: "inbox", outcome: "recorded")
        return written
    }
}

/// A draft as `record` sends it: one object of the slice's JSON, its keys the columns.
private struct NotificationRow: Encodable {
    static let columns: [(name: String, type: JSONColumnType)] = [
        ("user_id", .integer), ("kind", .text), ("item_key", .text), ("due_on", .text), ("step", .text), ("organization_id", .integer),
        ("title_vi", .text), ("title_en", .text), ("body_vi", .text), ("body_en", .text), ("link", .text),
        ("created_on", .text),
    ]

    let userId: Int
    let kind: String
    let itemKey: String
    let dueOn: String
    let step: String
    let organizationId: Int
    let titleVi: String
    let titleEn: String
    let bodyVi: String?
    let bodyEn: String?
    let link: String
    let createdOn: String

    init(_ draft: NotificationDraft) {
        (userId, kind, itemKey, dueOn, step) = (draft.userId, draft.kind, draft.itemKey, draft.dueOn.iso, draft.step)
        organizationId = draft.unitId
        (titleVi, titleEn, bodyVi, bodyEn) = (draft.title.vi, draft.title.en, draft.body?.vi, draft.body?.en)
        (link, createdOn) = (draft.link, draft.createdOn.iso)
    }
}

/// What a day's run would send in a subtree, as far as the preview read.
struct ReminderPreview: Sendable {
    var entries: [(kind: ReminderKind, item: ReminderItem, step: ReminderStep)] = []
    /// False when some kind had more items than the preview reads.
    var isComplete = true
}

/// A notification about to be recorded.
struct NotificationDraft: Sendable {
    let userId: Int
    let kind: String
    let itemKey: String
    let dueOn: CalendarDate
    let step: String
    let unitId: Int
    let unitPath: TreePath
    let title: LocalizedText
    var body: LocalizedText?
    let link: String
    let createdOn: CalendarDate
}

extension NotificationDraft {
    /// A reminder: the item's words with how far its deadline is ("còn 7 ngày", "hôm nay là hạn", "quá hạn 3 ngày").
    init(reminder item: ReminderItem, of kind: ReminderKind, step: ReminderStep, to user: Int, today: CalendarDate) {
        let left = item.dueOn.daysSinceEpoch - today.daysSinceEpoch
        let when: LocalizedText = left > 0 ? LocalizedText(vi: "còn \(left) ngày, hạn \(item.dueOn.vietnamese)", en: "\(left) day\(left == 1 ? "" : "s") left, due \(item.dueOn.vietnamese)")
            : left == 0 ? LocalizedText(vi: "hôm nay là hạn", en: "due today")
            : LocalizedText(vi: "quá hạn \(-left) ngày, hạn \(item.dueOn.vietnamese)", en: "\(-left) day\(left == -1 ? "" : "s") overdue, due \(item.dueOn.vietnamese)")
        self.init(userId: user, kind: kind.name, itemKey: item.key, dueOn: item.dueOn, step: step.description, unitId: item.unitId, unitPath: item.unitPath,
                  title: LocalizedText(vi: "\(item.title.vi) (\(when.vi))", en: "\(item.title.en) (\(when.en))"),
                  body: nil, link: item.link, createdOn: today)
    }
}

/// The committees' own schedules, read once per run: an item follows the rule of the closest unit above it (itself
/// included) that set one for its kind, or the kind's default.
struct ReminderRuleBook: Sendable {
    /// By kind, deepest unit first.
    private let rules: [String: [(path: TreePath, schedule: ReminderSchedule)]]

    static func load(on db: any Database) async throws -> ReminderRuleBook {
        let rows = try await ReminderRule.query(on: db).all()
        var rules: [String: [(path: TreePath, schedule: ReminderSchedule)]] = [:]
        for row in rows {
            guard let path = TreePath(rawValue: row.organizationPath) else { continue }
            rules[row.kind, default: []].append((path, row.schedule))
        }
        return ReminderRuleBook(rules: rules.mapValues { $0.sorted { $0.path.depth > $1.path.depth } })
    }

    func schedule(of kind: ReminderKind, at path: TreePath) -> ReminderSchedule {
        rules[kind.name]?.first { $0.path.contains(path) }?.schedule ?? kind.schedule
    }

    /// How far ahead of today any schedule of the kind reaches.
    func lookahead(of kind: ReminderKind) -> Int {
        ([kind.schedule] + (rules[kind.name] ?? []).map(\.schedule)).map(\.lookahead).max() ?? 0
    }
}
