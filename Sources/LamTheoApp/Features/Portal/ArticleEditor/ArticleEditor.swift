import Foundation
import LamTheoCore
import Plot

/// The editors' pages: a site's articles, the form that writes one (with its state, its actions and its versions), and
/// a saved version.
enum ArticleEditor {
    static let title = LocalizedText(vi: "Tin bài", en: "Articles")
    static let form = "article"
    /// The choice of no image and no link (an option's value cannot be empty: the page would send its label).
    static let none = "none"

    struct Row: Sendable {
        let id: Int
        let title: String
        let category: ArticleCategory
        let status: ArticleStatus
        let publishedAt: Date?
        let viewCount: Int
    }

    struct ListModel: Sendable {
        let site: EditedSite
        let sites: [EditedSite]
        let articles: [Row]
        let mayConfigure: Bool
        /// Readers' comments waiting for a moderator, shown beside the link to their queue.
        let pendingComments: Int
    }

    struct ListView: PageView {
        let model: ListModel

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let site = model.site.site
            return Layout(title: "\(ArticleEditor.title(language)) · \(site.title)", content: .group(
                .h1(.text(site.title)),
                .p(.a(.href(PublicRoute.home(.value(site.slug)).path), .text(site.isPublished ? LocalizedText(vi: "Xem trang tin", en: "View the site")(language)
                                                                                             : LocalizedText(vi: "Trang chưa công khai", en: "The site is not published")(language))),
                   .text(" · "), .a(.id("comment-queue"), .href(CommentRoute.queue.path(query: [ArticleActions.siteQuery: model.site.id])),
                                    .text(LocalizedText(vi: "Ý kiến bạn đọc chờ duyệt (\(VietnameseFormat.integer(model.pendingComments)))",
                                                        en: "Readers' comments pending (\(model.pendingComments))")(language))),
                   .if(model.mayConfigure, .group(.text(" · "), .a(.href(PortalRoute.site.path(query: [.unit: site.organizationId])),
                                                                      .text(LocalizedText(vi: "Thiết lập trang", en: "Site settings")(language)))))),
                .if(model.sites.count > 1, .nav(.ariaLabel(LocalizedText(vi: "Trang tin khác", en: "Other sites")(language)), .ul(.forEach(model.sites) { other in
                    .li(.a(.href(PortalRoute.articles.path(query: [ArticleActions.siteQuery: other.id])), .text(other.site.title)))
                }))),
                .p(.a(.class("button"), .href(PortalRoute.newArticle.path(query: [ArticleActions.siteQuery: model.site.id])),
                      .text(LocalizedText(vi: "Viết tin mới", en: "Write an article")(language)))),
                .if(model.articles.isEmpty, .p(.class("muted"), .text(LocalizedText(vi: "Chưa có tin bài.", en: "No articles yet.")(language)))),
                .ul(.class("cards"), .forEach(model.articles) { row in
                    .li(.a(.href(PortalRoute.article(.value(row.id)).path), .strong(.text(row.title))),
                        .p(.class("muted"), .text(ArticleEditor.state(row.status, publishedAt: row.publishedAt)(language)
                                                   + " · \(row.category.label(language)) · " + LocalizedText(vi: "\(VietnameseFormat.integer(row.viewCount)) lượt xem",
                                                                                                           en: "\(row.viewCount) views")(language))))
                })
            ))
        }
    }

    /// "Đã đăng 18/05/2023 14:05", "Hẹn đăng 20/05/2023 07:00", "Bản nháp".
    static func state(_ status: ArticleStatus, publishedAt: Date?, now: Date = Date()) -> LocalizedText {
        guard status == .published, let publishedAt else { return status.label }
        let when = VietnameseFormat.dateTime(publishedAt)
        return publishedAt > now ? LocalizedText(vi: "Hẹn đăng \(when)", en: "Scheduled for \(when)") : LocalizedText(vi: "Đã đăng \(when)", en: "Published \(when)")
    }

    struct FormModel: Sendable {
        let site: EditedSite
        /// Nil for a new article.
        let id: Int?
        let input: ArticleInput
        let status: ArticleStatus?
        let publishedAt: Date?
        let versions: [(version: Int, savedBy: String, savedAt: Date)]
        let images: [(key: String, name: String)]
    }

    struct FormView: PageView {
        let model: FormModel

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: ArticleEditor.form)
            let site = model.site.site
            let heading = model.id == nil ? LocalizedText(vi: "Viết tin mới", en: "New article")(language) : model.input.title ?? ""
            let action = model.id.map { PortalRoute.article(.value($0)).path } ?? PortalRoute.articles.path(query: [ArticleActions.siteQuery: model.site.id])
            return Layout(title: heading, crumbs: [Crumb(title: site.title, url: PortalRoute.articles.path(query: [ArticleActions.siteQuery: model.site.id])),
                                                   Crumb(title: heading, url: nil)], content: .group(
                .h1(.text(heading)),
                .unwrap(model.status) { status in .p(.class("muted"), .text(ArticleEditor.state(status, publishedAt: model.publishedAt)(language))) },
                .unwrap(model.id) { actions(context, id: $0) },
                fields.summary,
                fields.postForm(action,
                    fields.select("category", LocalizedText(vi: "Chuyên mục", en: "Category"),
                                  options: ArticleCategory.allCases.map { ($0.rawValue, $0.label(language)) }, selected: model.input.category, required: true),
                    fields.text("title", LocalizedText(vi: "Tiêu đề", en: "Title"), value: model.input.title, required: true),
                    fields.textArea("summary", LocalizedText(vi: "Tóm tắt (sa-pô)", en: "Summary"), value: model.input.summary, rows: 3),
                    fields.textArea("body", LocalizedText(vi: "Nội dung (HTML: đoạn, tiêu đề nhỏ, danh sách, đậm, nghiêng, liên kết, ảnh đã tải lên, trích dẫn)",
                                                          en: "Body (HTML: paragraphs, subheadings, lists, bold, italics, links, uploaded images, quotes)"),
                                    value: model.input.body, rows: 16),
                    fields.text("authorName", LocalizedText(vi: "Tác giả", en: "Author"), value: model.input.authorName, required: true),
                    fields.select("imageKey", LocalizedText(vi: "Ảnh đại diện", en: "Lead image"),
                                  options: [(ArticleEditor.none, LocalizedText(vi: "(không có)", en: "(none)")(language))] + model.images.map { ($0.key, $0.name) },
                                  selected: model.input.imageKey),
                    fields.select("linkKind", LocalizedText(vi: "Tin này đưa về", en: "This article reports"),
                                  options: [(ArticleEditor.none, LocalizedText(vi: "(không liên kết)", en: "(nothing)")(language))]
                                    + ArticleLinkKind.allCases.map { ($0.rawValue, $0.label(language)) }, selected: model.input.linkKind),
                    fields.text("linkId", LocalizedText(vi: "Số hiệu bản ghi liên kết", en: "Linked record's number"), value: model.input.linkId.map(String.init),
                                type: .number),
                    fields.submit(LocalizedText(vi: "Lưu", en: "Save"))),
                images(context),
                .if(!model.versions.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Các phiên bản đã lưu", en: "Saved versions")(language))),
                    .ul(.forEach(model.versions) { version in
                        .li(.a(.href(PortalRoute.version(.value(model.id ?? 0), version: .value(version.version)).path),
                               .text(LocalizedText(vi: "Bản \(version.version)", en: "Version \(version.version)")(language))),
                            .text(" · \(version.savedBy) · \(VietnameseFormat.dateTime(version.savedAt))"))
                    })))
            ))
        }

        private func actions(_ context: PageContext, id: Int) -> Node<HTML.BodyContext> {
            let language = context.language
            let fields = context.fields
            return .div(.class("actions"),
                .a(.class("button secondary"), .href(PortalRoute.preview(.value(id)).path), .text(LocalizedText(vi: "Xem trước", en: "Preview")(language))),
                .if(model.status == .draft || model.status == .unpublished,
                    fields.postButton(PortalRoute.submit(.value(id)).path, LocalizedText(vi: "Gửi duyệt", en: "Send for review"))),
                fields.postForm(PortalRoute.publish(.value(id)).path,
                    fields.text("publishAt", LocalizedText(vi: "Hẹn giờ đăng (để trống: đăng ngay)", en: "Publish at (blank: now)"), value: nil, type: .datetimeLocal),
                    fields.submit(LocalizedText(vi: "Đăng", en: "Publish"))),
                .if(model.status == .published, fields.postButton(PortalRoute.unpublish(.value(id)).path, LocalizedText(vi: "Gỡ tin", en: "Unpublish"))))
        }

        private func images(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let site = model.site.site
            return .group(
                .h2(.text(LocalizedText(vi: "Ảnh", en: "Images")(language))),
                .p(.class("muted"), .text(LocalizedText(vi: "Ảnh JPEG hoặc PNG, tối đa 5 MB. Chèn vào nội dung bằng <img src=\"địa chỉ ảnh\" alt=\"mô tả\">.",
                                                       en: "JPEG or PNG, up to 5 MB. Put one in the body with <img src=\"its address\" alt=\"description\">.")(language))),
                .ul(.forEach(model.images) { image in
                    .li(.text("\(image.name): "), .code(.text(ArticleCommands.imagePath(image.key, slug: site.slug))))
                }),
                .form(.class("stack"), .method(.post), .enctype(.multipartData),
                      .action(PortalRoute.images.path(query: [ArticleActions.siteQuery: model.site.id, "article": model.id])),
                      .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(context.csrfToken)),
                      .div(.label(.for("image"), .text(LocalizedText(vi: "Tải ảnh lên", en: "Upload an image")(language))),
                           .input(.type(.file), .id("image"), .name("image"), .attribute(named: "accept", value: "image/jpeg,image/png"))),
                      .div(.class("actions"), .button(.type(.submit), .text(LocalizedText(vi: "Tải lên", en: "Upload")(language))))))
        }
    }

    struct VersionModel: Sendable {
        let articleId: Int
        let version: Int
        let title: String
        let summary: String
        let body: String
        let category: ArticleCategory
        let status: ArticleStatus
        let savedBy: String
        let savedAt: Date
    }

    struct VersionView: PageView {
        let model: VersionModel

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let heading = LocalizedText(vi: "Bản \(model.version): \(model.title)", en: "Version \(model.version): \(model.title)")(language)
            return Layout(title: heading, crumbs: [Crumb(title: model.title, url: PortalRoute.article(.value(model.articleId)).path), Crumb(title: heading, url: nil)],
                          content: .group(
                .h1(.text(heading)),
                .p(.class("muted"), .text("\(model.category.label(language)) · \(model.status.label(language)) · \(model.savedBy) · \(VietnameseFormat.dateTime(model.savedAt))")),
                .p(.strong(.text(model.summary))),
                .div(.class("panel"), .sanitized(HTMLSanitizer.sanitize(model.body, acceptsImage: { _ in true })))
            ))
        }
    }
}
