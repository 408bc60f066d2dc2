import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// A library item as its form or the API sends it. `file` is an upload (multipart, or JSON's `{"filename", "data"}`
/// in base64); a new version without file or link keeps the file it had.
struct LibraryItemInput: Codable, Sendable {
    var organizationId: Int?
    var kind: String?
    var title: String?
    var summary: String?
    /// Separated by commas, semicolons or lines.
    var topics: String?
    var visibility: String?
    var linkUrl: String?
    /// Campaigns the item belongs to, and those of them that require reading it (each also linked).
    var campaignIds: [Int]?
    var requiredCampaignIds: [Int]?
}

/// The writes of the library: an item (its first version), a new version (the old ones kept), and a member's first
/// reading, which counts toward the campaigns that require the item.
enum LibraryCommands {
    static let maximumTopics = 10
    static let maximumTopicLength = 60

    /// Creates the item (`id` nil, version 1) or saves its next version; the unit is the item's own for a new version.
    /// - Parameter upload: a file's name and bytes, checked here by content (PDF, DOCX, JPEG or PNG, at most 20 MB).
    static func save(_ input: LibraryItemInput, upload: (name: String?, data: Data)?, id: Int?, unit: Organization, by editor: (userId: Int, name: String),
                     store: DocumentFileStore, on db: any Database) async throws -> LibraryItem {
        var validator = Validator()
        let existing = try await id.asyncMap { try await require($0, on: db) }
        let kind = LibraryKind(rawValue: input.kind ?? "")
        validator.check(kind != nil, "kind", LocalizedText(
            vi: "Chọn loại tài liệu: \(LibraryKind.allCases.map(\.label.vi).joined(separator: ", "))",
            en: "Choose a kind: \(LibraryKind.allCases.map(\.label.en).joined(separator: ", "))"))
        let visibility = LibraryVisibility(rawValue: input.visibility ?? "")
        validator.check(visibility != nil, "visibility", LocalizedText(vi: "Chọn phạm vi: công khai hoặc chỉ đảng viên",
                                                                      en: "Choose who reads it: public or members only"))
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên tài liệu", en: "Title"), maxLength: 200)
        let summary = validator.requiredText(input.summary, field: "summary", label: LocalizedText(vi: "Tóm tắt nội dung", en: "Summary"), maxLength: 2_000)
        let topics = checkedTopics(input.topics, validator: &validator)
        let link = checkedLink(input.linkUrl, validator: &validator)
        let file = upload.flatMap { validator.attachment(named: $0.name, $0.data, field: "file", accepting: AttachmentType.evidence) }
        if upload != nil, link != nil {
            validator.add("linkUrl", LocalizedText(vi: "Chỉ chọn một: tải tệp lên hoặc nhập đường dẫn", en: "Either upload a file or give a link, not both"))
        } else if upload == nil, link == nil, existing?.fileKey == nil, existing?.linkURL == nil, (input.linkUrl ?? "").isEmpty {
            validator.add("file", LocalizedText(vi: "Tải tệp lên (PDF, DOCX, JPEG, PNG) hoặc nhập đường dẫn http(s)",
                                                en: "Upload a file (PDF, DOCX, JPEG, PNG) or give an http(s) link"))
        }
        let campaigns = try await checkedCampaigns(input, unit: unit, validator: &validator, on: db)
        try validator.throwIfInvalid()

        let item = existing ?? LibraryItem()
        if let existing {
            existing.version += 1
        } else {
            item.organizationId = unit.requireID()
            item.version = 1
            item.createdBy = editor.userId
        }
        item.kind = kind!
        item.title = title
        item.summary = summary
        item.topics = topics.joined(separator: "\n")
        item.topicKeys = "|" + topics.map(topicKey).joined(separator: "|") + "|"
        item.visibility = visibility!
        if let file {
            // Written before the row (atomically, by content): a rolled-back transaction leaves at most an unreferenced file.
            item.fileKey = try store.save(file.data)
            item.fileName = file.fileName
            item.fileType = file.type.mediaType
            item.fileSize = file.data.count
            item.linkURL = nil
        } else if let link {
            item.fileKey = nil
            item.fileName = nil
            item.fileType = nil
            item.fileSize = nil
            item.linkURL = link
        }
        item.searchText = VietnameseText.searchKey(([title, summary, kind!.label.vi] + topics).joined(separator: " "))
        try await item.save(on: db)
        let itemId = item.requireID()
        try await keepVersion(of: item, by: editor.name, on: db)

        let before = try await LibraryItemCampaign.query(on: db).filter(\.$itemId == itemId).all()
        try await LibraryItemCampaign.query(on: db).filter(\.$itemId == itemId).delete()
        for (campaign, required) in campaigns {
            let link = LibraryItemCampaign()
            link.itemId = itemId
            link.campaignId = campaign
            link.required = required
            try await link.save(on: db)
        }
        // A campaign whose required reading changed counts its readers again.
        let changed = Set(before.filter(\.required).map(\.campaignId)).symmetricDifference(campaigns.filter(\.required).map(\.campaign))
        for campaign in changed.sorted() { try await LibraryReaders.recount(campaign: campaign, on: db) }
        return item
    }

    /// Records the member's first opening of the item; nil when it was read before (nothing is written then).
    static func recordReading(_ itemId: Int, member memberId: Int, now: Date = Date(), on db: any Database) async throws -> LibraryReading? {
        guard try await LibraryReading.query(on: db).filter(\.$itemId == itemId).filter(\.$memberId == memberId).first() == nil else { return nil }
        let reading = LibraryReading()
        reading.itemId = itemId
        reading.memberId = memberId
        reading.firstReadAt = now
        try await reading.save(on: db)
        try await LibraryReaders.complete(member: memberId, after: itemId, now: now, on: db)
        return reading
    }

    static func require(_ id: Int, on db: any Database) async throws -> LibraryItem {
        guard let item = try await LibraryItem.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài liệu", en: "Library item not found"))
        }
        return item
    }

    /// A topic's key in the filter: folded words joined by hyphens ("Nghị quyết Đại hội XIII" → "nghi-quyet-dai-hoi-xiii").
    static func topicKey(_ topic: String) -> String {
        VietnameseText.searchWords(topic).joined(separator: "-")
    }

    private static func keepVersion(of item: LibraryItem, by name: String, on db: any Database) async throws {
        let version = LibraryItemVersion()
        version.itemId = item.requireID()
        version.version = item.version
        version.kind = item.kind
        version.title = item.title
        version.summary = item.summary
        version.topics = item.topics
        version.visibility = item.visibility
        version.fileKey = item.fileKey
        version.fileName = item.fileName
        version.fileType = item.fileType
        version.linkURL = item.linkURL
        version.savedBy = name
        version.savedAt = Date()
        try await version.save(on: db)
    }

    /// The topics as typed, tidied, each once (by folded key), at most ten of sixty characters.
    private static func checkedTopics(_ raw: String?, validator: inout Validator) -> [String] {
        let label = LocalizedText(vi: "Chủ đề", en: "Topics")
        var topics: [String] = []
        for part in (raw ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
            guard let topic = validator.optionalText(String(part), field: "topics", label: label, maxLength: maximumTopicLength),
                  !topicKey(topic).isEmpty, !topics.contains(where: { topicKey($0) == topicKey(topic) }) else { continue }
            topics.append(topic)
        }
        validator.check(topics.count <= maximumTopics, "topics", LocalizedText(vi: "Nhiều nhất \(maximumTopics) chủ đề", en: "At most \(maximumTopics) topics"))
        return topics
    }

    /// An absolute http or https address with a host, no spaces; nil when none was given (or it was refused).
    private static func checkedLink(_ raw: String?, validator: inout Validator) -> String? {
        let label = LocalizedText(vi: "Đường dẫn", en: "Link")
        guard let text = validator.optionalText(raw, field: "linkUrl", label: label, maxLength: 2_000) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, !text.contains(where: \.isWhitespace) else {
            validator.add("linkUrl", LocalizedText(vi: "Đường dẫn phải bắt đầu bằng http:// hoặc https:// và có tên miền: \(text)",
                                                   en: "The link must start with http:// or https:// and name a host: \(text)"))
            return nil
        }
        return text
    }

    /// The campaigns as (id, required): each must exist and lie on the unit's line (launched above, at or below it).
    private static func checkedCampaigns(_ input: LibraryItemInput, unit: Organization, validator: inout Validator,
                                         on db: any Database) async throws -> [(campaign: Int, required: Bool)] {
        let required = Set(input.requiredCampaignIds ?? [])
        let ids = Array(Set(input.campaignIds ?? []).union(required)).sorted()
        guard !ids.isEmpty else { return [] }
        let found = try await Campaign.query(on: db).filter(\.$id ~~ ids).all()
        for id in ids where !found.contains(where: { $0.id == id && ($0.treePath.contains(unit.treePath) || unit.treePath.contains($0.treePath)) }) {
            validator.add("campaignIds", LocalizedText(vi: "Không có đợt triển khai số \(id) trên tuyến của \(unit.name)",
                                                       en: "No campaign \(id) above, at or under \(unit.name)"))
        }
        return ids.map { ($0, required.contains($0)) }
    }
}

/// The members who have read everything a campaign requires, with their cell's path: a subtree's count is one index
/// range of `library_campaign_readers`, whatever the number of readings.
enum LibraryReaders {
    /// After `member` read `item`: every campaign requiring the item whose required items they have now all read counts them,
    /// with the member's path as this transaction reads it. On PostgreSQL under a share of the member's row: a transfer
    /// (which rewrites its member's readers) waits for this write to commit, or this one for the transfer.
    static func complete(member: Int, after item: Int, now: Date, on db: any Database) async throws {
        let holdingMember: SQLQueryString = db.isPostgres ? "FOR SHARE OF m" : ""
        try await db.sql.raw("""
            INSERT INTO library_campaign_readers (campaign_id, member_id, organization_path, completed_at)
            SELECT c.campaign_id, m.id, m.organization_path, \(bind: now) FROM library_item_campaigns c JOIN members m ON m.id = \(bind: member)
            WHERE c.item_id = \(bind: item) AND c.required = \(bind: true)
              AND NOT EXISTS (SELECT 1 FROM library_item_campaigns r WHERE r.campaign_id = c.campaign_id AND r.required = \(bind: true)
                              AND NOT EXISTS (SELECT 1 FROM library_readings g WHERE g.item_id = r.item_id AND g.member_id = \(bind: member)))
            \(holdingMember)
            ON CONFLICT (campaign_id, member_id) DO NOTHING
            """).run()
    }

    /// Counts a campaign's readers again from the readings (its required items changed): set-based.
    static func recount(campaign: Int, on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM library_campaign_readers WHERE campaign_id = \(bind: campaign)").run()
        try await db.sql.raw("""
            INSERT INTO library_campaign_readers (campaign_id, member_id, organization_path, completed_at)
            SELECT \(bind: campaign), m.id, m.organization_path, MAX(g.first_read_at)
            FROM library_readings g JOIN members m ON m.id = g.member_id
            WHERE g.item_id IN (SELECT item_id FROM library_item_campaigns WHERE campaign_id = \(bind: campaign) AND required = \(bind: true))
            GROUP BY m.id, m.organization_path
            HAVING COUNT(*) = (SELECT COUNT(*) FROM library_item_campaigns WHERE campaign_id = \(bind: campaign) AND required = \(bind: true))
            """).run()
    }

    /// Readers of the members now on the rolls of `units` carry their cell's path again (after a transfer or an import).
    static func followMembers(of units: Set<Int>, on db: any Database) async throws {
        guard !units.isEmpty else { return }
        try await db.sql.raw("""
            UPDATE library_campaign_readers
            SET organization_path = (SELECT m.organization_path FROM members m WHERE m.id = library_campaign_readers.member_id)
            WHERE member_id IN (SELECT id FROM members WHERE organization_id IN (\(binds: units.sorted())))
            """).run()
    }

    /// Each unit's subtree: members who read all of the campaign's required reading, and members on the rolls.
    static func figures(campaign: Int, units: [Int], on db: any Database) async throws -> [Int: (read: Int, members: Int)] {
        guard !units.isEmpty else { return [:] }
        let read = try await db.sql.raw("""
            SELECT o.id AS unit, COUNT(r.member_id) AS n FROM organizations o
            JOIN library_campaign_readers r ON r.campaign_id = \(bind: campaign) AND r.organization_path >= o.path AND r.organization_path < o.path || '~'
            WHERE o.id IN (\(binds: units)) GROUP BY o.id
            """).all()
        let members = try await db.sql.raw("""
            SELECT o.id AS unit, CAST(COALESCE(SUM(c.member_count), 0) AS BIGINT) AS n FROM organizations o
            JOIN organizations c ON c.path >= o.path AND c.path < o.path || '~'
            WHERE o.id IN (\(binds: units)) GROUP BY o.id
            """).all()
        let readers = try Dictionary(uniqueKeysWithValues: read.map { (try $0.decode(column: "unit", as: Int.self), try $0.decode(column: "n", as: Int.self)) })
        return try members.reduce(into: [:]) { figures, row in
            let unit = try row.decode(column: "unit", as: Int.self)
            figures[unit] = (readers[unit] ?? 0, try row.decode(column: "n", as: Int.self))
        }
    }
}
