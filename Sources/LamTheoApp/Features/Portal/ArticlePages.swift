import Fluent
import Foundation
import LamTheoCore
import Vapor

/// The editors' pages in the members' app: a site's articles, writing and editing one, its preview, submitting,
/// publishing (now or at a time) and taking it down, its versions, and uploading images.
enum ArticlePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PortalRoute.articles, use: list).requiring(.capability(.publish))
        routes.post(PortalRoute.articles, use: create).requiring(.capability(.publish))
        routes.get(PortalRoute.newArticle, use: newForm).requiring(.capability(.publish))
        routes.get(PortalRoute.article(.key), use: editForm).requiring(.capability(.publish))
        routes.post(PortalRoute.article(.key), use: update).requiring(.capability(.publish))
        routes.get(PortalRoute.preview(.key), use: preview).requiring(.capability(.publish))
        routes.post(PortalRoute.submit(.key), use: submit).requiring(.capability(.publish))
        routes.post(PortalRoute.publish(.key), use: publish).requiring(.capability(.publish))
        routes.post(PortalRoute.unpublish(.key), use: unpublish).requiring(.capability(.publish))
        routes.get(PortalRoute.version(.key, version: .key), use: version).requiring(.capability(.publish))
        routes.post(PortalRoute.images, bodyLimit: "8mb", use: upload).requiring(.capability(.publish))
    }

    static func list(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let site = try await ArticleActions.requestedSite(request)
        let articles = try await Article.query(on: request.reads).filter(\.$siteId == site.id).sort(\.$updatedAt, .descending).sort(\.$id, .descending).all()
        let rows = articles.map { ArticleEditor.Row(id: $0.id ?? 0, title: $0.title, category: $0.category, status: $0.status, publishedAt: $0.publishedAt,
                                                    viewCount: $0.viewCount) }
        return ArticleEditor.ListView(model: ArticleEditor.ListModel(site: site, sites: try await ArticleActions.sites(for: actor, on: request.reads), articles: rows,
                                                                     mayConfigure: actor.can(.restructure, at: site.unitPath),
                                                                     pendingComments: try await CommentQueries.pendingCount(siteId: site.id, on: request.reads)))
            .response(for: request)
    }

    static func newForm(request: Request) async throws -> Response {
        let site = try await ArticleActions.requestedSite(request)
        let input = ArticleInput(category: ArticleCategory.activities.rawValue, authorName: try request.requireActor().displayName)
        return ArticleEditor.FormView(model: try await formModel(site: site, article: nil, input: input, on: request.reads)).response(for: request)
    }

    static func create(request: Request) async throws -> Response {
        let site = try await ArticleActions.requestedSite(request)
        let form = try request.content.decode(ArticleForm.self)
        do {
            let article = try await ArticleActions.create(form.input, site: site, request: request)
            return request.redirect(to: PortalRoute.article(.value(article.requireID())).path,
                                    flash: LocalizedText(vi: "Đã lưu bản nháp (bản 1).", en: "Draft saved (version 1)."))
        } catch let error as DomainError where error.kind != .notFound {
            return ArticleEditor.FormView(model: try await formModel(site: site, article: nil, input: form.input, on: request.reads))
                .response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: ArticleEditor.form, form), status: .unprocessableEntity)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let (article, site) = try await ArticleActions.require(try request.id(), request: request)
        return ArticleEditor.FormView(model: try await formModel(site: site, article: article, input: input(of: article), on: request.reads)).response(for: request)
    }

    static func update(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(ArticleForm.self)
        do {
            let article = try await ArticleActions.update(id, form.input, request: request)
            return request.redirect(to: PortalRoute.article(.value(id)).path,
                                    flash: LocalizedText(vi: "Đã lưu (bản \(article.version)).", en: "Saved (version \(article.version))."))
        } catch let error as DomainError where error.kind != .notFound {
            let (article, site) = try await ArticleActions.require(id, request: request)
            return ArticleEditor.FormView(model: try await formModel(site: site, article: article, input: form.input, on: request.reads))
                .response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: ArticleEditor.form, form), status: .unprocessableEntity)
        }
    }

    /// The article in the public site's frame, whatever its state, never cached or counted.
    static func preview(request: Request) async throws -> Response {
        let (article, edited) = try await ArticleActions.require(try request.id(), request: request)
        let site = PublicSite(id: edited.id, organizationId: edited.site.organizationId, organizationPath: edited.unitPath, slug: edited.site.slug,
                              title: edited.site.title, tagline: edited.site.tagline, addressLine: edited.site.addressLine)
        let shown = PublicArticle(article, publishedAt: article.publishedAt ?? Date())
        let note = "Bản xem trước (\(ArticleEditor.state(article.status, publishedAt: article.publishedAt).vi.lowercased())): bạn đọc chưa thấy bản này nếu chưa đăng."
        let html = ArticleShow.View(model: ArticleShow.Model(site: site, article: shown, related: []), previewNote: note).html().render()
        return htmlResponse(.init(string: html), language: .vi)
    }

    static func submit(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ArticleActions.submit(id, request: request)
        return request.redirect(to: PortalRoute.article(.value(id)).path, flash: LocalizedText(vi: "Đã gửi duyệt.", en: "Sent for review."))
    }

    struct PublishForm: Content {
        /// `datetime-local`, in Vietnam's time; blank: now.
        var publishAt: String?
    }

    static func publish(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(PublishForm.self)
        let time = try form.publishAt.flatMap { $0.isEmpty ? nil : $0 }.map { text -> Date in
            guard let date = localTime(text) else {
                throw DomainError.invalid(field: "publishAt", LocalizedText(vi: "Giờ đăng không đọc được: \(text)", en: "The publishing time cannot be read: \(text)"))
            }
            return date
        }
        let article = try await ArticleActions.publish(id, ArticlePublication(publishAt: time), request: request)
        return request.redirect(to: PortalRoute.article(.value(id)).path,
                                flash: LocalizedText(vi: ArticleEditor.state(article.status, publishedAt: article.publishedAt).vi + ".",
                                                     en: ArticleEditor.state(article.status, publishedAt: article.publishedAt).en + "."))
    }

    static func unpublish(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ArticleActions.unpublish(id, request: request)
        return request.redirect(to: PortalRoute.article(.value(id)).path, flash: LocalizedText(vi: "Đã gỡ tin.", en: "Unpublished."))
    }

    static func version(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ArticleActions.require(id, request: request)
        guard let version = try await ArticleVersion.query(on: request.reads).filter(\.$articleId == id).filter(\.$version == request.id("version")).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không có bản này", en: "No such version"))
        }
        return ArticleEditor.VersionView(model: ArticleEditor.VersionModel(
            articleId: id, version: version.version, title: version.title, summary: version.summary, body: version.body, category: version.category,
            status: version.status, savedBy: version.savedBy, savedAt: version.savedAt)).response(for: request)
    }

    struct UploadForm: Content {
        var image: File?
    }

    static func upload(request: Request) async throws -> Response {
        let site = try await ArticleActions.requestedSite(request)
        let back = try request.queryInteger("article").map { PortalRoute.article(.value($0)).path }
            ?? PortalRoute.articles.path(query: [ArticleActions.siteQuery: site.id])
        do {
            let image = try await ArticleActions.upload(try request.content.decode(UploadForm.self).image, site: site, request: request)
            let path = ArticleCommands.imagePath(image.fileKey, slug: site.site.slug)
            return request.redirect(to: back, flash: LocalizedText(vi: "Đã tải ảnh lên: \(path)", en: "Image uploaded: \(path)"))
        } catch let error as DomainError where error.kind == .invalid {
            return request.redirect(to: back, flash: LocalizedText(vi: error.fieldErrors.map(\.message.vi).joined(separator: "; "),
                                                                   en: error.fieldErrors.map(\.message.en).joined(separator: "; ")))
        }
    }

    /// The article form's fields (the link's number sent as text, blank for none).
    struct ArticleForm: Content {
        var category: String?
        var title: String?
        var summary: String?
        var body: String?
        var authorName: String?
        var imageKey: String?
        var linkKind: String?
        var linkId: String?

        var input: ArticleInput {
            ArticleInput(category: category, title: title, summary: summary, body: body, authorName: authorName,
                         linkKind: linkKind == ArticleEditor.none ? nil : linkKind, linkId: linkId.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                         imageKey: imageKey == ArticleEditor.none ? nil : imageKey)
        }
    }

    static func input(of article: Article) -> ArticleInput {
        ArticleInput(category: article.category.rawValue, title: article.title, summary: article.summary, body: article.body, authorName: article.authorName,
                     linkKind: article.linkKind?.rawValue, linkId: article.linkId, imageKey: article.imageKey)
    }

    private static func formModel(site: EditedSite, article: Article?, input: ArticleInput, on db: any Database) async throws -> ArticleEditor.FormModel {
        var versions: [ArticleVersion] = []
        if let id = article?.id {
            versions = try await ArticleVersion.query(on: db).filter(\.$articleId == id).sort(\.$version, .descending).all()
        }
        let images = try await ArticleImage.query(on: db).filter(\.$siteId == site.id).sort(\.$id, .descending).all()
        return ArticleEditor.FormModel(site: site, id: article?.id, input: input, status: article?.status, publishedAt: article?.publishedAt,
                                       versions: versions.map { ($0.version, $0.savedBy, $0.savedAt) }, images: images.map { ($0.fileKey, $0.name) })
    }

    /// "2026-12-06T07:30" as typed in a `datetime-local` field, in Vietnam's time.
    static func localTime(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
