import Fluent
import Foundation
import LamTheoCore

/// What a library item is; its raw value is the filter's word.
enum LibraryKind: String, Codable, Sendable, CaseIterable {
    case document, summary, infographic, audio, video, link

    var label: LocalizedText {
        switch self {
        case .document: return LocalizedText(vi: "Tài liệu", en: "Document")
        case .summary: return LocalizedText(vi: "Tóm tắt", en: "Summary")
        case .infographic: return LocalizedText(vi: "Infographic", en: "Infographic")
        case .audio: return LocalizedText(vi: "Âm thanh", en: "Audio")
        case .video: return LocalizedText(vi: "Video", en: "Video")
        case .link: return LocalizedText(vi: "Đường dẫn", en: "Link")
        }
    }
}

/// Who reads an item: anyone, on the committee's public site too, or signed-in members only.
enum LibraryVisibility: String, Codable, Sendable, CaseIterable {
    case `public`, members

    var label: LocalizedText {
        switch self {
        case .public: return LocalizedText(vi: "Công khai", en: "Public")
        case .members: return LocalizedText(vi: "Chỉ đảng viên", en: "Members only")
        }
    }
}

/// Study material of a committee (tài liệu học tập), as its latest version says.
final class LibraryItem: Model, @unchecked Sendable {
    static let schema = "library_items"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "kind") var kind: LibraryKind
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// One a line.
    @Field(key: "topics") var topics: String
    @Field(key: "topic_keys") var topicKeys: String
    @Field(key: "visibility") var visibility: LibraryVisibility
    @Field(key: "version") var version: Int
    @OptionalField(key: "file_key") var fileKey: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_type") var fileType: String?
    @OptionalField(key: "file_size") var fileSize: Int?
    @OptionalField(key: "link_url") var linkURL: String?
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var topicList: [String] { topics.split(separator: "\n").map(String.init) }
}

/// An item as it was saved, each time: readers see the latest, the history lists them all.
final class LibraryItemVersion: Model, @unchecked Sendable {
    static let schema = "library_item_versions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "item_id") var itemId: Int
    @Field(key: "version") var version: Int
    @Field(key: "kind") var kind: LibraryKind
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "topics") var topics: String
    @Field(key: "visibility") var visibility: LibraryVisibility
    @OptionalField(key: "file_key") var fileKey: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_type") var fileType: String?
    @OptionalField(key: "link_url") var linkURL: String?
    @Field(key: "saved_by") var savedBy: String
    @Field(key: "saved_at") var savedAt: Date

    init() {}
}

/// An item linked to a campaign; `required`: the campaign asks its members to read it.
final class LibraryItemCampaign: Model, @unchecked Sendable {
    static let schema = "library_item_campaigns"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "item_id") var itemId: Int
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "required") var required: Bool

    init() {}
}

extension LibraryItem: Auditable {
    static var auditEntity: String { "library-item" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "kind": kind.rawValue, "title": title, "summary": summary, "topics": topics,
         "visibility": visibility.rawValue, "version": String(version), "fileKey": fileKey, "fileName": fileName, "linkUrl": linkURL]
    }

    /// The item's fields and the campaigns it is linked to ("3, 5") and required reading of.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let item = try await find(id, on: db) else { return nil }
        let links = try await LibraryItemCampaign.query(on: db).filter(\.$itemId == id).sort(\.$campaignId).all()
        var fields = item.auditFields
        fields["campaigns"] = links.map { String($0.campaignId) }.joined(separator: ",")
        fields["requiredReading"] = links.filter(\.required).map { String($0.campaignId) }.joined(separator: ",")
        return try AuditSnapshot.json(fields)
    }
}

/// A member's first opening of an item (audited as the reading it is).
final class LibraryReading: Model, @unchecked Sendable {
    static let schema = "library_readings"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "item_id") var itemId: Int
    @Field(key: "member_id") var memberId: Int
    @Field(key: "first_read_at") var firstReadAt: Date

    init() {}
}

extension LibraryReading: Auditable {
    static var auditEntity: String { "library-reading" }
    var auditFields: [String: String?] {
        ["itemId": String(itemId), "memberId": String(memberId)]
    }
}
