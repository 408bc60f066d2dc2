import Fluent
import Foundation
import LamTheoCore
import Vapor

/// A site as its editors see it: the site and the unit it belongs to.
struct EditedSite: Sendable {
    let site: PortalSite
    let unitName: String
    let unitPath: TreePath

    var id: Int { site.id ?? 0 }
}

/// Article writes and reads as an editor makes them, shared by the pages and the API: who may publish on a site
/// (administrators, and portal editors whose scope holds the site's unit) writes, submits, publishes and takes down;
/// anyone else does not see the site's articles at all (404). Every write empties the public pages' cache.
enum ArticleActions {
    static let siteQuery: QueryName = "site"

    /// The sites the caller edits, by title.
    static func sites(for actor: Actor, on db: any Database) async throws -> [EditedSite] {
        let sites = try await PortalSite.query(on: db).all()
        let units = try await Organization.query(on: db).filter(\.$id ~~ sites.map(\.organizationId)).all()
        let byId = Dictionary(uniqueKeysWithValues: units.map { ($0.requireID(), $0) })
        return sites.compactMap { site in
            guard let unit = byId[site.organizationId], actor.can(.publish, at: unit.treePath) else { return nil }
            return EditedSite(site: site, unitName: unit.name, unitPath: unit.treePath)
        }.sorted { VietnameseText.precedes($0.site.title, $1.site.title) }
    }

    /// The site `id`, which the caller edits; 404 otherwise.
    static func requireSite(_ id: Int?, request: Request) async throws -> EditedSite {
        let actor = try request.requireActor()
        guard let id, let site = try await PortalSite.find(id, on: request.reads), let unit = try await Organization.find(site.organizationId, on: request.reads),
              actor.can(.publish, at: unit.treePath) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy trang tin", en: "Site not found"))
        }
        return EditedSite(site: site, unitName: unit.name, unitPath: unit.treePath)
    }

    /// The site of the request's `?site=`, or the caller's only site.
    static func requestedSite(_ request: Request) async throws -> EditedSite {
        if let id = try request.queryInteger(siteQuery) { return try await requireSite(id, request: request) }
        guard let first = try await sites(for: request.requireActor(), on: request.reads).first else {
            throw DomainError.notFound(LocalizedText(vi: "Bạn chưa được giao biên tập trang tin nào", en: "You edit no public site"))
        }
        return first
    }

    /// The article `id` and its site, which the caller edits; 404 otherwise.
    static func require(_ id: Int, request: Request) async throws -> (article: Article, site: EditedSite) {
        guard let article = try await Article.find(id, on: request.reads) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tin bài", en: "Article not found"))
        }
        return (article, try await requireSite(article.siteId, request: request))
    }

    static func create(_ input: ArticleInput, site: EditedSite, request: Request) async throws -> Article {
        try await saved(request) {
            let editor = try request.requireActor()
            return try await request.write(AuditSubject("article.create", Article.self)) { db in
                try await ArticleCommands.save(input, id: nil, site: site.site, by: (editor.userId, editor.displayName), on: db)
            }
        }
    }

    static func update(_ id: Int, _ input: ArticleInput, request: Request) async throws -> Article {
        let (_, site) = try await require(id, request: request)
        let editor = try request.requireActor()
        return try await saved(request) {
            try await request.write(AuditSubject("article.update", Article.self, id: id)) { db in
                try await ArticleCommands.save(input, id: id, site: site.site, by: (editor.userId, editor.displayName), on: db)
            }
        }
    }

    static func submit(_ id: Int, request: Request) async throws -> Article {
        _ = try await require(id, request: request)
        return try await saved(request) {
            try await request.write(AuditSubject("article.submit", Article.self, id: id)) { db in
                try await ArticleCommands.submit(try await fetch(id, on: db), on: db)
            }
        }
    }

    static func publish(_ id: Int, _ publication: ArticlePublication, request: Request) async throws -> Article {
        _ = try await require(id, request: request)
        return try await saved(request) {
            try await request.write(AuditSubject("article.publish", Article.self, id: id)) { db in
                try await ArticleCommands.publish(try await fetch(id, on: db), at: publication.publishAt, on: db)
            }
        }
    }

    static func unpublish(_ id: Int, request: Request) async throws -> Article {
        _ = try await require(id, request: request)
        return try await saved(request) {
            try await request.write(AuditSubject("article.unpublish", Article.self, id: id)) { db in
                try await ArticleCommands.unpublish(try await fetch(id, on: db), on: db)
            }
        }
    }

    static func upload(_ file: File?, site: EditedSite, request: Request) async throws -> ArticleImage {
        guard let file, file.data.readableBytes > 0 else {
            throw DomainError.invalid(field: "image", LocalizedText(vi: "Chọn ảnh JPEG hoặc PNG", en: "Choose a JPEG or PNG image"))
        }
        let userId = try request.requireActor().userId
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("article.image", ArticleImage.self)) { db in
            try await ArticleCommands.upload(file.filename, Data(buffer: file.data), site: site.site, by: userId, store: store, on: db)
        }
    }

    private static func fetch(_ id: Int, on db: any Database) async throws -> Article {
        guard let article = try await Article.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tin bài", en: "Article not found"))
        }
        return article
    }

    /// Runs a write, then empties the public pages' cache: what readers see may have changed.
    private static func saved(_ request: Request, _ write: () async throws -> Article) async throws -> Article {
        let article = try await write()
        try await request.application.publicPagesChanged()
        return article
    }
}
