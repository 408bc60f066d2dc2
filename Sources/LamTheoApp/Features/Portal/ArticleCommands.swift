import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// An article as its form or the API sends it.
struct ArticleInput: Codable, Sendable {
    var category: String?
    var title: String?
    var summary: String?
    /// HTML; kept only as far as the sanitizer's allow-list goes.
    var body: String?
    var authorName: String?
    var linkKind: String?
    var linkId: Int?
    /// The key of an image uploaded for the site (its lead picture).
    var imageKey: String?
}

/// When an article goes public: now, or at a time to come (scheduled).
struct ArticlePublication: Codable, Sendable {
    /// ISO 8601; nil or past: now.
    var publishAt: Date?
}

/// The writes of articles. Each save keeps a version; the states go draft → review → published (or scheduled) →
/// unpublished, and an unpublished or reviewed article may be edited and published again.
enum ArticleCommands {
    static let maximumBody = 100_000
    static let maximumImageSize = 5 * 1_048_576

    /// Creates an article (`id` nil, a draft) or saves a new version of one.
    static func save(_ input: ArticleInput, id: Int?, site: PortalSite, by editor: (userId: Int, name: String),
                     on db: any Database) async throws -> Article {
        var validator = Validator()
        let category = ArticleCategory(rawValue: input.category ?? "")
        validator.check(category != nil, "category", LocalizedText(
            vi: "Chọn chuyên mục: \(ArticleCategory.allCases.map(\.label.vi).joined(separator: ", "))",
            en: "Choose a category: \(ArticleCategory.allCases.map(\.label.en).joined(separator: ", "))"))
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tiêu đề", en: "Title"), maxLength: 200)
        let summary = validator.requiredText(input.summary, field: "summary", label: LocalizedText(vi: "Tóm tắt", en: "Summary"), maxLength: 600)
        let authorName = validator.requiredText(input.authorName, field: "authorName", label: LocalizedText(vi: "Tác giả", en: "Author"), maxLength: 120)
        let rawBody = (input.body ?? "").precomposedStringWithCanonicalMapping
        let body = HTMLSanitizer.sanitize(rawBody, acceptsImage: { isUpload($0, of: site) }).html
        let bodyText = HTMLSanitizer.plainText(body)
        if bodyText.isEmpty {
            validator.add("body", LocalizedText(vi: "Nội dung không được để trống", en: "The body must not be empty"))
        } else if rawBody.count > maximumBody {
            validator.add("body", LocalizedText(vi: "Nội dung dài quá \(VietnameseFormat.integer(maximumBody)) ký tự", en: "The body is longer than \(maximumBody) characters"))
        } else if let problem = VietnameseText.textProblem(bodyText) {
            validator.add("body", Validator.message(problem, label: LocalizedText(vi: "Nội dung", en: "Body")))
        }
        let linkKind = try await checkedLink(input, validator: &validator, on: db)
        let imageKey = input.imageKey.flatMap { $0.isEmpty ? nil : $0 }
        if let imageKey, try await ArticleImage.query(on: db).filter(\.$siteId == site.requireID()).filter(\.$fileKey == imageKey).count() == 0 {
            validator.add("imageKey", LocalizedText(vi: "Ảnh đại diện phải là ảnh đã tải lên trang này", en: "The lead image must be one uploaded to this site"))
        }
        try validator.throwIfInvalid()

        let article: Article
        if let id {
            guard let existing = try await Article.query(on: db).filter(\.$id == id).filter(\.$siteId == site.requireID()).first() else {
                throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tin bài", en: "Article not found"))
            }
            article = existing
            article.version += 1
        } else {
            article = Article()
            article.siteId = site.requireID()
            article.status = .draft
            article.version = 1
            article.viewCount = 0
            article.createdBy = editor.userId
        }
        article.category = category!
        article.title = title
        article.summary = summary
        article.body = body
        article.searchText = VietnameseText.searchKey([title, summary, bodyText].joined(separator: " "))
        article.authorName = authorName
        article.linkKind = linkKind
        article.linkId = linkKind == nil ? nil : input.linkId
        article.imageKey = imageKey
        try await article.save(on: db)
        try await keepVersion(of: article, by: editor.name, on: db)
        return article
    }

    /// Sends a draft for review.
    static func submit(_ article: Article, on db: any Database) async throws -> Article {
        guard article.status == .draft || article.status == .unpublished else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Chỉ gửi duyệt được bản nháp hoặc tin đã gỡ", en: "Only a draft or an unpublished article goes to review"))
        }
        article.status = .review
        try await article.save(on: db)
        return article
    }

    /// Publishes now, or schedules for `at` (a time to come).
    static func publish(_ article: Article, at time: Date?, now: Date = Date(), on db: any Database) async throws -> Article {
        if let time, time > now {
            article.publishedAt = time
        } else if !article.isPublic(at: now) {
            article.publishedAt = now
        }
        article.status = .published
        try await article.save(on: db)
        return article
    }

    /// Takes a published (or scheduled) article down.
    static func unpublish(_ article: Article, on db: any Database) async throws -> Article {
        guard article.status == .published else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Tin bài chưa đăng", en: "The article is not published"))
        }
        article.status = .unpublished
        try await article.save(on: db)
        return article
    }

    /// Stores an image for the site's articles: a JPEG or PNG by its bytes, at most 5 MB; the same image twice is one.
    static func upload(_ name: String?, _ data: Data, site: PortalSite, by userId: Int, store: DocumentFileStore, on db: any Database) async throws -> ArticleImage {
        var validator = Validator()
        let file = data.count > maximumImageSize ? nil : validator.attachment(named: name, data, field: "image", accepting: [.jpeg, .png])
        if data.count > maximumImageSize {
            validator.add("image", LocalizedText(vi: "Ảnh lớn quá 5 MB", en: "The image is larger than 5 MB"))
        }
        try validator.throwIfInvalid()
        guard let file else { throw DomainError.invalid(field: "image", LocalizedText(vi: "Chọn ảnh JPEG hoặc PNG", en: "Choose a JPEG or PNG image")) }
        let key = try store.save(file.data)
        if let existing = try await ArticleImage.query(on: db).filter(\.$siteId == site.requireID()).filter(\.$fileKey == key).first() {
            return existing
        }
        let image = ArticleImage()
        image.siteId = site.requireID()
        image.fileKey = key
        image.contentType = file.type.mediaType
        image.size = file.data.count
        image.name = file.fileName
        image.uploadedBy = userId
        try await image.save(on: db)
        return image
    }

    /// The public address of an uploaded image.
    static func imagePath(_ key: String, slug: String) -> String {
        PublicArticleRoute.image(.value(slug), key: .value(key)).path
    }

    /// Whether `source` is an image uploaded to this site (its public address with a SHA-256 key).
    static func isUpload(_ source: String, of site: PortalSite) -> Bool {
        let prefix = PublicArticleRoute.image(.value(site.slug), key: .value("")).path
        let key = source.hasPrefix(prefix) ? source.dropFirst(prefix.count) : ""
        return key.count == 64 && key.allSatisfy(\.isHexDigit)
    }

    private static func keepVersion(of article: Article, by name: String, on db: any Database) async throws {
        let version = ArticleVersion()
        version.articleId = article.requireID()
        version.version = article.version
        version.category = article.category
        version.title = article.title
        version.summary = article.summary
        version.body = article.body
        version.status = article.status
        version.savedBy = name
        version.savedAt = Date()
        try await version.save(on: db)
    }

    /// The link's kind when the input names a record that exists; nil for no link.
    private static func checkedLink(_ input: ArticleInput, validator: inout Validator, on db: any Database) async throws -> ArticleLinkKind? {
        guard let raw = input.linkKind, !raw.isEmpty else { return nil }
        guard let kind = ArticleLinkKind(rawValue: raw) else {
            validator.add("linkKind", LocalizedText(vi: "Liên kết là đợt triển khai, điển hình hoặc giao ban", en: "A link is to a campaign, an exemplar or a briefing"))
            return nil
        }
        guard let id = input.linkId,
              try await db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: kind.table) WHERE id = \(bind: id)").first()?.decode(column: "n", as: Int.self) == 1 else {
            validator.add("linkId", LocalizedText(vi: "Không tìm thấy \(kind.label.vi.lowercased()) số \(input.linkId.map(String.init) ?? "")",
                                                  en: "No \(kind.label.en.lowercased()) number \(input.linkId.map(String.init) ?? "")"))
            return nil
        }
        return kind
    }
}
