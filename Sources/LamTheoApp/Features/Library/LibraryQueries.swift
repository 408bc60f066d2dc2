import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// Where a reader's library reaches: the items of the units in their subtrees and of the units above them (a ward's
/// officer reads the city's material, a member their cell's and every committee's above it). nil subtrees: everything.
struct LibraryReach: Sendable {
    let subtrees: [TreePath]?
    /// Units read by their exact path: those above the subtrees, and a member's cell and its committees.
    let exact: Set<String>
    /// Whether members-only items are read (signed-in readers); the public site reads public items only.
    let membersOnly: Bool

    static let everything = LibraryReach(subtrees: nil, exact: [], membersOnly: true)

    /// A public site: its committee's items and those of the units above it, public only.
    static func site(_ site: PublicSite) -> LibraryReach {
        LibraryReach(subtrees: [], exact: lineage(of: site.organizationPath), membersOnly: false)
    }

    func admits(_ path: TreePath, visibility: LibraryVisibility) -> Bool {
        guard membersOnly || visibility == .public else { return false }
        guard let subtrees else { return true }
        return subtrees.contains { $0.contains(path) } || exact.contains(path.rawValue)
    }

    /// `path` and every path above it.
    static func lineage(of path: TreePath) -> Set<String> {
        Set(sequence(first: path, next: \.parent).map(\.rawValue))
    }

    /// The join of the items `i` with their units `o`. A reach of the whole tree is read item by item: SQLite would
    /// otherwise start from the units of the range, every one of the 205,000 at the national root, and look for
    /// items at each (30 ms a query, four queries a page).
    func unitJoin(on db: any Database) -> SQLQueryString {
        let wholeTree = subtrees?.contains { $0.depth == 0 } ?? true
        return "\(unsafeRaw: wholeTree && !db.isPostgres ? "CROSS JOIN" : "JOIN") organizations o ON o.id = i.organization_id"
    }

    /// The condition on `o.path` (the item's unit) and `i.visibility`.
    var predicate: SQLQueryString {
        var parts: [SQLQueryString] = []
        if let subtrees {
            var any = subtrees.map { path -> SQLQueryString in "\(column: "o.path", in: path)" }
            if !exact.isEmpty { any.append("o.path IN (\(binds: exact.sorted()))") }
            parts.append(any.isEmpty ? "1 = 0" : "(" + any.joined(separator: " OR ") + ")")
        }
        if !membersOnly { parts.append("i.visibility = \(bind: LibraryVisibility.public.rawValue)") }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }
}

/// A list's choices: words (without tones or marks), a kind, a topic's key, a campaign.
struct LibraryFilter: Sendable, Equatable {
    var text: String?
    var kind: LibraryKind?
    var topic: String?
    var campaign: Int?
}

/// An item as a list or a page shows it: plain values.
struct LibraryEntry: Sendable, Equatable {
    let id: Int
    let unitName: String
    let kind: LibraryKind
    let title: String
    let summary: String
    let topics: [String]
    let visibility: LibraryVisibility
    let version: Int
    let fileName: String?
    let fileType: String?
    let fileSize: Int?
    let linkURL: String?
    let updatedAt: Date

    init(_ item: LibraryItem, unitName: String) {
        id = item.id ?? 0
        self.unitName = unitName
        kind = item.kind
        title = item.title
        summary = item.summary
        topics = item.topicList
        visibility = item.visibility
        version = item.version
        fileName = item.fileName
        fileType = item.fileType
        fileSize = item.fileSize
        linkURL = item.linkURL
        updatedAt = item.updatedAt ?? item.createdAt ?? Date()
    }
}

enum LibraryQueries {
    /// The reach of a signed-in reader: their readable subtrees with the units above them, and a member's own line.
    static func reach(of actor: Actor, on db: any Database) async throws -> LibraryReach {
        guard let scopes = actor.readableSubtrees else { return .everything }
        var exact = Set(scopes.flatMap { LibraryReach.lineage(of: $0) })
        if let memberId = actor.memberId, let member = try await Member.find(memberId, on: db), let cell = TreePath(rawValue: member.organizationPath) {
            exact.formUnion(LibraryReach.lineage(of: cell))
        }
        return LibraryReach(subtrees: scopes, exact: exact, membersOnly: true)
    }

    /// Newest change first.
    static func list(_ filter: LibraryFilter, reach: LibraryReach, page: Int, perPage: Int, on db: any Database) async throws -> Page<LibraryEntry> {
        var parts: [SQLQueryString] = [reach.predicate]
        for word in VietnameseText.searchWords(filter.text ?? "") {
            // A folded word is letters and digits only: nothing in it is a LIKE wildcard.
            parts.append("i.search_text LIKE \(bind: "%\(word)%")")
        }
        if let kind = filter.kind { parts.append("i.kind = \(bind: kind.rawValue)") }
        if let topic = filter.topic.map(LibraryCommands.topicKey), !topic.isEmpty { parts.append("i.topic_keys LIKE \(bind: "%|\(topic)|%")") }
        if let campaign = filter.campaign {
            parts.append("i.id IN (SELECT item_id FROM library_item_campaigns WHERE campaign_id = \(bind: campaign))")
        }
        let condition = parts.joined(separator: " AND ")
        let from: SQLQueryString = "FROM library_items i \(reach.unitJoin(on: db)) WHERE \(condition)"
        let total = try await db.sql.raw("SELECT COUNT(*) AS n \(from)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("SELECT i.id AS id \(from) ORDER BY i.updated_at DESC, i.id DESC LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)")
            .all().map { try $0.decode(column: "id", as: Int.self) }
        return Page(items: try await entries(ids, on: db), page: page, perPage: perPage, total: total)
    }

    /// The item if `reach` reads it; 404 otherwise (an id reveals nothing).
    static func readable(_ id: Int, reach: LibraryReach, on db: any Database) async throws -> (item: LibraryItem, unit: Organization) {
        let notFound = DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài liệu", en: "Library item not found"))
        guard let item = try await LibraryItem.find(id, on: db), let unit = try await Organization.find(item.organizationId, on: db),
              reach.admits(unit.treePath, visibility: item.visibility) else { throw notFound }
        return (item, unit)
    }

    static func versions(of id: Int, on db: any Database) async throws -> [LibraryItemVersion] {
        try await LibraryItemVersion.query(on: db).filter(\.$itemId == id).sort(\.$version, .descending).all()
    }

    /// The item's campaigns, by title, and whether each requires reading it.
    static func campaigns(of id: Int, on db: any Database) async throws -> [(id: Int, title: String, required: Bool)] {
        let links = try await LibraryItemCampaign.query(on: db).filter(\.$itemId == id).all()
        let campaigns = try await Campaign.query(on: db).filter(\.$id ~~ links.map(\.campaignId)).all()
        return campaigns.map { campaign in (id: campaign.id ?? 0, title: campaign.title, required: links.first { $0.campaignId == campaign.id }?.required ?? false) }
            .sorted { VietnameseText.precedes($0.title, $1.title) }
    }

    /// The topics of the items `reach` reads, each once, in Vietnamese order: the filter's choices.
    static func topics(reach: LibraryReach, on db: any Database) async throws -> [String] {
        let rows = try await db.sql.raw("""
            SELECT DISTINCT i.topics AS topics FROM library_items i \(reach.unitJoin(on: db)) WHERE \(reach.predicate)
            """).all()
        var topics: [String: String] = [:]
        for row in rows {
            for topic in try row.decode(column: "topics", as: String.self).split(separator: "\n").map(String.init) {
                topics[LibraryCommands.topicKey(topic)] = topics[LibraryCommands.topicKey(topic)] ?? topic
            }
        }
        return topics.values.sorted(by: VietnameseText.precedes)
    }

    /// The campaigns items are linked to and that the reader may filter by: those running over a unit the reach reads.
    static func campaignChoices(reach: LibraryReach, on db: any Database) async throws -> [(id: Int, title: String)] {
        let ids = try await db.sql.raw("""
            SELECT DISTINCT c.campaign_id AS id FROM library_item_campaigns c JOIN library_items i ON i.id = c.item_id
            \(reach.unitJoin(on: db)) WHERE \(reach.predicate)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        return try await Campaign.query(on: db).filter(\.$id ~~ ids).all().map { (id: $0.id ?? 0, title: $0.title) }.sorted { VietnameseText.precedes($0.title, $1.title) }
    }

    /// Entries of `ids`, in that order, with their units' names.
    static func entries(_ ids: [Int], on db: any Database) async throws -> [LibraryEntry] {
        guard !ids.isEmpty else { return [] }
        let items = try await LibraryItem.query(on: db).filter(\.$id ~~ ids).all()
        let names = try await OrganizationQueries.names(items.map(\.organizationId), on: db)
        let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.id ?? 0, $0) })
        return ids.compactMap { id in byId[id].map { LibraryEntry($0, unitName: names[$0.organizationId] ?? "") } }
    }

    /// Whether the member has opened the item.
    static func hasRead(_ item: Int, member: Int, on db: any Database) async throws -> Bool {
        try await LibraryReading.query(on: db).filter(\.$itemId == item).filter(\.$memberId == member).first() != nil
    }
}
