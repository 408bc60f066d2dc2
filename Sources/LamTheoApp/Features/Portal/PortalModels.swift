import Fluent
import Foundation
import LamTheoCore

/// A committee's public site, as its managers edit it (`PublicSite` is what public pages read).
final class PortalSite: Model, @unchecked Sendable {
    static let schema = "public_sites"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @OptionalField(key: "tagline") var tagline: String?
    @OptionalField(key: "address_line") var addressLine: String?
    @Field(key: "is_published") var isPublished: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension PortalSite: Auditable {
    static var auditEntity: String { "public-site" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "slug": slug, "title": title, "tagline": tagline, "addressLine": addressLine,
         "isPublished": String(isPublished)]
    }
}

/// What an article is filed under; its raw value is the category's address on the site.
enum ArticleCategory: String, Codable, Sendable, CaseIterable {
    case activities = "hoat-dong"
    case study = "hoc-tap-lam-theo"
    case exemplars = "guong-sang"
    case announcements = "thong-bao"

    var label: LocalizedText {
        switch self {
        case .activities: return LocalizedText(vi: "Tin hoạt động", en: "News")
        case .study: return LocalizedText(vi: "Học tập và làm theo Bác", en: "Study and follow Uncle Ho")
        case .exemplars: return LocalizedText(vi: "Gương sáng, việc tốt", en: "Exemplars")
        case .announcements: return LocalizedText(vi: "Thông báo", en: "Announcements")
        }
    }
}

/// Where an article is: written, waiting for review, published (from `published_at`; a time to come makes it
/// scheduled), or taken down.
enum ArticleStatus: String, Codable, Sendable, CaseIterable {
    case draft, review, published, unpublished

    var label: LocalizedText {
        switch self {
        case .draft: return LocalizedText(vi: "Bản nháp", en: "Draft")
        case .review: return LocalizedText(vi: "Chờ duyệt", en: "In review")
        case .published: return LocalizedText(vi: "Đã đăng", en: "Published")
        case .unpublished: return LocalizedText(vi: "Đã gỡ", en: "Unpublished")
        }
    }
}

/// The record an article reports.
enum ArticleLinkKind: String, Codable, Sendable, CaseIterable {
    case campaign, exemplar, briefing

    var label: LocalizedText {
        switch self {
        case .campaign: return LocalizedText(vi: "Đợt triển khai", en: "Campaign")
        case .exemplar: return LocalizedText(vi: "Điển hình", en: "Exemplar")
        case .briefing: return LocalizedText(vi: "Giao ban", en: "Briefing")
        }
    }

    /// The table its ids are in.
    var table: String {
        switch self {
        case .campaign: return "campaigns"
        case .exemplar: return "exemplars"
        case .briefing: return "briefings"
        }
    }
}

/// A news item of a site (tin bài).
final class Article: Model, @unchecked Sendable {
    static let schema = "articles"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "site_id") var siteId: Int
    @Field(key: "category") var category: ArticleCategory
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// Sanitized HTML.
    @Field(key: "body") var body: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "status") var status: ArticleStatus
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "link_kind") var linkKind: ArticleLinkKind?
    @OptionalField(key: "link_id") var linkId: Int?
    @OptionalField(key: "image_key") var imageKey: String?
    @Field(key: "version") var version: Int
    @Field(key: "view_count") var viewCount: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// Whether readers see it at `now`: published, and its time has come.
    func isPublic(at now: Date = Date()) -> Bool {
        status == .published && (publishedAt.map { $0 <= now } ?? false)
    }
}

/// An article as it was saved, each time.
final class ArticleVersion: Model, @unchecked Sendable {
    static let schema = "article_versions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "article_id") var articleId: Int
    @Field(key: "version") var version: Int
    @Field(key: "category") var category: ArticleCategory
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: ArticleStatus
    @Field(key: "saved_by") var savedBy: String
    @Field(key: "saved_at") var savedAt: Date

    init() {}
}

/// An image uploaded for a site's articles, named by its SHA-256 in the file store.
final class ArticleImage: Model, @unchecked Sendable {
    static let schema = "article_images"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "site_id") var siteId: Int
    @Field(key: "file_key") var fileKey: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Article: Auditable {
    static var auditEntity: String { "article" }
    var auditFields: [String: String?] {
        ["siteId": String(siteId), "category": category.rawValue, "title": title, "summary": summary, "bodyLength": String(body.count),
         "authorName": authorName, "status": status.rawValue, "publishedAt": publishedAt.map { ISO8601DateFormatter().string(from: $0) },
         "linkKind": linkKind?.rawValue, "linkId": linkId.map(String.init), "imageKey": imageKey, "version": String(version)]
    }
}

extension ArticleImage: Auditable {
    static var auditEntity: String { "article-image" }
    var auditFields: [String: String?] {
        ["siteId": String(siteId), "fileKey": fileKey, "contentType": contentType, "size": String(size), "name": name]
    }
}
