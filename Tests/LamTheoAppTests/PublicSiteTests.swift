import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import LamTheoApp
import LamTheoCore
import Testing
import Vapor
import VaporTesting

/// The public face: a committee's site answers anyone the same way, never reads who asks, sets no cookie, links
/// only to public pages and shows no member data.
@Suite("Public site")
struct PublicSiteTests {
    static func site(_ slug: String, of unit: Int, published: Bool = true, on app: Application) async throws {
        _ = try await app.write { db in
            let unit = try #require(try await Organization.find(unit, on: db))
            return try await PortalSiteCommands.save(PortalSiteInput(slug: slug, title: "Trang tin điện tử \(unit.name)", tagline: "Học tập và làm theo Bác",
                                                                     addressLine: "Số 1 Lê Thánh Tôn, Quận 1", isPublished: published), unit: unit, on: db)
        }
    }

    @Test("a site is found by its slug once published; slugs are checked and unique", arguments: TestBackend.allCases)
    func lookup(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await Self.site("ben-nghe", of: tree.wardA, on: app)
            try await Self.site("da-kao", of: tree.wardB, published: false, on: app)
            let site = try #require(try await PublicSites.site(slug: "ben-nghe", on: app.db))
            #expect(site.organizationId == tree.wardA && site.title == "Trang tin điện tử Đảng bộ phường Bến Nghé" && site.homePath == "/site/ben-nghe")
            #expect(try await PublicSites.site(slug: "da-kao", on: app.db) == nil, "an unpublished site is not found")
            #expect(try await PublicSites.all(on: app.db).map(\.slug) == ["ben-nghe"])

            let before = try await PortalSite.query(on: app.db).count()
            for slug in ["Ben-Nghe", "a", "ben nghe", "ben--nghe", "-ben", "bến-nghé"] {
                await #expect(throws: DomainError.self, "\(slug)") { try await Self.site(slug, of: tree.city, on: app) }
            }
            await #expect(throws: DomainError.self, "another unit's slug") { try await Self.site("ben-nghe", of: tree.city, on: app) }
            #expect(try await PortalSite.query(on: app.db).count() == before)
        }
    }

    @Test("the home page: its title, description, canonical and social tags, the stylesheet, cached with an ETag", arguments: TestBackend.allCases)
    func home(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await Self.site("ben-nghe", of: tree.wardA, on: app)
            let tester = try app.testing()
            let page = try await tester.sendRequest(.GET, "/site/ben-nghe")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains(#"<html lang="vi">"#))
            #expect(html.contains("<title>Trang tin điện tử Đảng bộ phường Bến Nghé</title>"))
            #expect(html.contains(#"<meta name="description" content="Học tập và làm theo Bác"/>"#))
            #expect(html.contains(#"<link rel="canonical" href="\#(PublicLayout.origin)/site/ben-nghe"/>"#))
            #expect(html.contains(#"<meta property="og:title""#) && html.contains(#"<meta name="twitter:card" content="summary"/>"#))
            #expect(html.contains("Số 1 Lê Thánh Tôn, Quận 1") && html.contains(#"href="/assets/site.css""#))
            #expect(page.headers.first(name: .cacheControl) == "public, no-cache")
            let etag = try #require(page.headers.first(name: .eTag))
            let again = try await tester.sendRequest(.GET, "/site/ben-nghe", headers: ["If-None-Match": etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)

            #expect(try await tester.sendRequest(.GET, "/site/khong-co").status == .notFound)
            let css = try await tester.sendRequest(.GET, "/assets/site.css")
            #expect(css.status == .ok && String(buffer: css.body).contains("@media print"))
        }
    }

    @Test("a manager of the unit creates and edits its site; a viewer cannot", arguments: TestBackend.allCases)
    func settings(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let manager = try await app.caller("quanly", .officer, scope: tree.wardA, level: .manager)
            let viewer = try await app.caller("xem", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()
            let fields = ["slug": "ben-nghe", "title": "Trang tin điện tử Đảng bộ phường Bến Nghé", "tagline": "", "addressLine": "", "isPublished": "true"]
            let refused = try await tester.sendRequest(.POST, "/portal/site?unit=\(tree.wardA)", headers: viewer.web) {
                try $0.content.encode(viewer.form(fields), as: .urlEncodedForm)
            }
            #expect(refused.status == .forbidden)
            let bad = try await tester.sendRequest(.POST, "/portal/site?unit=\(tree.wardA)", headers: manager.web) {
                try $0.content.encode(manager.form(fields.merging(["slug": "Bến Nghé"]) { $1 }), as: .urlEncodedForm)
            }
            #expect(bad.status == .unprocessableEntity && String(buffer: bad.body).contains("slug"))
            let saved = try await tester.sendRequest(.POST, "/portal/site?unit=\(tree.wardA)", headers: manager.web) {
                try $0.content.encode(manager.form(fields), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(try await PublicSites.site(slug: "ben-nghe", on: app.db)?.organizationId == tree.wardA)
            let elsewhere = try await tester.sendRequest(.GET, "/portal/site?unit=\(tree.wardB)", headers: manager.web)
            #expect(elsewhere.status == .notFound)
        }
    }

    /// Every public route, walked as a stranger and as a signed-in officer: the same page, no cookie, no session read,
    /// links only to public pages (or the sign-in page), and no member's name.
    @Test("every public route answers a stranger with public content only", arguments: TestBackend.allCases)
    func anonymousWalk(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await Self.site("ben-nghe", of: tree.wardA, on: app)
            _ = try await app.createMember("Lê Thị Kín Đáo", card: "909", in: tree.cellA1)
            let officer = try await app.caller("canbo", .officer, scope: tree.city, level: .manager)
            let samples = try await PublicSiteWalk.parameters(site: "ben-nghe", by: officer.userId, on: app)
            let tester = try app.testing()
            let routes = app.routes.all.filter { $0.policy == .publicSite && $0.method == .GET }
            #expect(routes.count >= 2)
            for route in routes {
                let path = "/" + route.path.map { component in
                    if case .parameter(let name) = component { return samples[name] ?? "1" }
                    return component.description
                }.joined(separator: "/")
                let stranger = try await tester.sendRequest(.GET, path)
                let signedIn = try await tester.sendRequest(.GET, path, headers: officer.web)
                #expect(stranger.status == .ok, "\(path)")
                #expect(stranger.headers[.setCookie].isEmpty && signedIn.headers[.setCookie].isEmpty, "\(path) sets a cookie")
                // A public form's signed time token names the second it was served (PublicFormGuard): the rest must be the same.
                let token = /[0-9]+\.[0-9a-f]{64}/
                #expect(String(buffer: stranger.body).replacing(token, with: "") == String(buffer: signedIn.body).replacing(token, with: ""),
                        "\(path) answers a signed-in reader differently")
                let body = String(buffer: stranger.body)
                #expect(!body.contains("Kín Đáo") && !body.contains("canbo"), "\(path) shows member data")
                for link in PublicSiteWalk.links(in: body) {
                    #expect(PublicSiteWalk.isPublic(link, routes: app.routes.all), "\(path) links to \(link)")
                }
            }
        }
    }
}


/// Articles: written and kept version by version, sanitized, published now or later, found without accents, counted
/// once a day per reader, in the feeds and the sitemap, and written through the API by the site's editors only.
@Suite("Articles")
struct ArticleTests {
    @Test("an article is saved version by version, sanitized, and goes draft → review → scheduled → published → unpublished", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let editor = try await app.caller("bientap", .portalEditor, scope: tree.wardA)
            let site = try #require(try await PortalSite.query(on: app.db).first())
            let canary = "<script>alert('tieu-de')</script>"
            let input = ArticleInput(category: "hoat-dong", title: "Hội nghị \(canary)", summary: "Tóm tắt \(canary)",
                                     body: "<p onclick=\"alert(1)\">Nội dung</p><script>alert('than')</script><a href=\"javascript:alert(1)\">x</a>", authorName: "Trần Văn Bút")
            let article = try await app.write { try await ArticleCommands.save(input, id: nil, site: site, by: (editor.userId, "bientap"), on: $0) }
            #expect(article.status == .draft && article.version == 1)
            #expect(article.body == "<p>Nội dung</p><a>x</a>")
            #expect(article.searchText.contains("hoi nghi") && article.searchText.contains("noi dung"))
            var changed = input
            changed.title = "Hội nghị học tập chuyên đề"
            let id = article.requireID()
            let edited = changed
            let saved = try await app.write { try await ArticleCommands.save(edited, id: id, site: site, by: (editor.userId, "bientap"), on: $0) }
            #expect(saved.version == 2)
            #expect(try await ArticleVersion.query(on: app.db).filter(\.$articleId == id).count() == 2)

            let before = try await Article.query(on: app.db).count()
            let refused = ArticleInput(category: "khac", title: " ", summary: "", body: "<script>x</script>", authorName: "")
            await #expect(throws: DomainError.self) { _ = try await app.write { try await ArticleCommands.save(refused, id: nil, site: site, by: (editor.userId, "x"), on: $0) } }
            #expect(try await Article.query(on: app.db).count() == before)

            let tester = try app.testing()
            let reviewed = try await tester.sendRequest(.POST, "/api/v1/portal/articles/\(id)/submit", headers: editor.api)
            #expect(reviewed.status == .ok && (try? reviewed.content.decode(PortalAPI.ArticleDTO.self).status) == .review)
            let later = Date().addingTimeInterval(3600)
            let scheduled = try await tester.sendRequest(.POST, "/api/v1/portal/articles/\(id)/publish", headers: editor.api) {
                try $0.content.encode(ArticlePublication(publishAt: later))
            }
            #expect(scheduled.status == .ok)
            #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/articles/\(id)").status == .notFound, "scheduled: not yet public")
            _ = try await tester.sendRequest(.POST, "/api/v1/portal/articles/\(id)/publish", headers: editor.api)
            let page = try await tester.sendRequest(.GET, "/site/ben-nghe/articles/\(id)")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Hội nghị học tập chuyên đề") && html.contains("Trần Văn Bút") && !html.contains("<script>alert"))
            #expect(html.contains("Tóm tắt &lt;script&gt;"))
            _ = try await tester.sendRequest(.POST, "/api/v1/portal/articles/\(id)/unpublish", headers: editor.api)
            #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/articles/\(id)").status == .notFound, "taken down at once: the cache was emptied")

            // An editor of another ward, and an officer who is no editor, see nothing of it.
            let other = try await app.caller("khac", .portalEditor, scope: tree.wardB)
            #expect(try await tester.sendRequest(.GET, "/api/v1/portal/articles/\(id)", headers: other.api).status == .notFound)
            let officer = try await app.caller("canbo", .officer, scope: tree.city, level: .manager)
            #expect(try await tester.sendRequest(.GET, "/api/v1/portal/articles/\(id)", headers: officer.api).status == .forbidden)
            #expect(try await tester.sendRequest(.GET, "/api/v1/members", headers: editor.api).status == .forbidden, "an editor reads no member")
        }
    }

    @Test("search ignores tones and marks; the feeds are Atom and the sitemap lists the published pages", arguments: TestBackend.allCases)
    func searchAndFeeds(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let admin = try await app.admin()
            let (id, _) = try await PortalFixtures.article(on: "ben-nghe", by: admin.userId, app: app, title: "Học tập và làm theo Bác & <Đảng ủy>")
            let tester = try app.testing()
            let found = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/search?q=hoc%20tap%20lam%20theo%20bac").body)
            #expect(found.contains("/site/ben-nghe/articles/\(id)"))
            let foldedD = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/search?q=DANG%20UY").body)
            #expect(foldedD.contains("/site/ben-nghe/articles/\(id)"))
            let none = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/search?q=kiem%20tra").body)
            #expect(!none.contains("/site/ben-nghe/articles/\(id)") && none.contains("Không tìm thấy tin bài nào."))

            for path in ["/site/ben-nghe/feed.xml", "/site/ben-nghe/categories/hoc-tap-lam-theo/feed.xml", "/sitemap.xml"] {
                let answer = try await tester.sendRequest(.GET, path)
                #expect(answer.status == .ok, "\(path)")
                let xml = Data(buffer: answer.body)
                #expect(XMLParser(data: xml).parse(), "\(path) is well-formed XML")
                #expect(String(decoding: xml, as: UTF8.self).contains("/site/ben-nghe/articles/\(id)"), "\(path)")
            }
            let feed = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/feed.xml").body)
            #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") && feed.contains("Bác &amp; &lt;Đảng ủy&gt;"))
            let otherCategory = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/categories/thong-bao/feed.xml").body)
            #expect(!otherCategory.contains("/articles/\(id)"))
        }
    }

    @Test("images are checked by their bytes and size, stored once, served from the site, and the only images a body keeps", arguments: TestBackend.allCases)
    func images(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let editor = try await app.caller("bientap", .portalEditor, scope: tree.wardA)
            let site = try #require(try await PortalSite.query(on: app.db).first())
            let store = app.documentFiles
            func upload(_ name: String, _ data: Data) async throws -> ArticleImage {
                try await app.write { try await ArticleCommands.upload(name, data, site: site, by: editor.userId, store: store, on: $0) }
            }
            await #expect(throws: DomainError.self, "text named .png") { _ = try await upload("anh.png", Data("<svg onload=alert(1)>".utf8)) }
            await #expect(throws: DomainError.self, "over 5 MB") { _ = try await upload("lon.png", PortalFixtures.png + Data(count: ArticleCommands.maximumImageSize)) }
            #expect(try await app.rowCount("article_images") == 0)
            let image = try await upload("anh.png", PortalFixtures.png)
            #expect(try await upload("ban-sao.png", PortalFixtures.png).id == image.id, "the same bytes are one image")
            let served = try await app.testing().sendRequest(.GET, ArticleCommands.imagePath(image.fileKey, slug: "ben-nghe"))
            #expect(served.status == .ok && served.headers.contentType?.description == "image/png" && Data(buffer: served.body) == PortalFixtures.png)

            let own = ArticleCommands.imagePath(image.fileKey, slug: "ben-nghe")
            let body = "<p>a</p><img src=\"\(own)\" alt=\"\"><img src=\"https://evil.example/x.png\"><img src=\"/site/da-kao/images/\(image.fileKey)\">"
            let input = ArticleInput(category: "hoat-dong", title: "Ảnh", summary: "Ảnh", body: body, authorName: "Ban Tuyên giáo")
            let article = try await app.write { try await ArticleCommands.save(input, id: nil, site: site, by: (editor.userId, "bientap"), on: $0) }
            #expect(article.body == "<p>a</p><img src=\"\(own)\" alt=\"\">")
        }
    }

    @Test("a reader is counted once a day per article; reloads and robots are not", arguments: TestBackend.allCases)
    func viewCount(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let admin = try await app.admin()
            let (id, _) = try await PortalFixtures.article(on: "ben-nghe", by: admin.userId, app: app)
            // Over a socket: the in-memory tester has no remote address.
            let server = try app.testing(method: .running(port: 0))
            let firefox: HTTPHeaders = ["User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"]
            let phone: HTTPHeaders = ["User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"]
            for headers in [firefox, firefox, firefox, phone, ["User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"], ["User-Agent": "curl/8.5.0"], [:]] {
                #expect(try await server.sendRequest(.GET, "/site/ben-nghe/articles/\(id)", headers: headers).status == .ok)
            }
            #expect(try await Article.find(id, on: app.db)?.viewCount == 2)
            #expect(try await app.rowCount("article_view_keys") == 2)
            // Another process (no memory of today's readers) still counts the reader once: the database's key decides.
            app.articleViews = ArticleViewCounter()
            _ = try await server.sendRequest(.GET, "/site/ben-nghe/articles/\(id)", headers: firefox)
            #expect(try await Article.find(id, on: app.db)?.viewCount == 2)
            #expect(ArticleViewCounter.looksLikeRobot("Mozilla/5.0 (compatible; bingbot/2.0)") && !ArticleViewCounter.looksLikeRobot(firefox.first(name: .userAgent)!))
        }
    }
}

/// What the walk fills the public routes' parameters with, and how it judges a link.
enum PublicSiteWalk {
    /// A published article with an image on the site, a commended exemplar, a public library item, and the values that reach them.
    static func parameters(site slug: String, by userId: Int, on app: Application) async throws -> [String: String] {
        let (article, image) = try await PortalFixtures.article(on: slug, by: userId, app: app)
        let site = try #require(try await PublicSites.site(slug: slug, on: app.db))
        let unit = try #require(try await Organization.query(on: app.db).filter(\.$parentId == site.organizationId).first()).requireID()
        let exemplar = try await app.commendedExemplar(in: unit, by: site.organizationId, decision: "77-QĐ/ĐU")
        let campaign = try await app.launchStudyCampaign(at: site.organizationId)
        let organization = try #require(try await Organization.find(site.organizationId, on: app.db))
        let section = try await CampaignPublications.section(campaign, unit: organization, on: app.db)
        _ = try await app.write { db in
            try await CampaignPublications.publish(CampaignPublicationInput(figures: section?.figures.map(\.key)), campaign: campaign, unit: site.organizationId,
                                                   section: section, by: "Biên tập viên", on: db)
        }
        let item = try await LibraryFixtures.item("Tóm tắt Nghị quyết Đại hội XIII", at: site.organizationId, app: app).requireID()
        return ["slug": slug, "id": String(article), "category": ArticleCategory.study.rawValue, "key": image, "exemplarId": String(exemplar),
                "campaignId": String(campaign), "itemId": String(item)]
    }

    /// The local addresses a page links to, loads or posts to (`href`, `src`, `action`), without their query.
    static func links(in html: String) -> [String] {
        html.matches(of: /(?:href|src|action)="([^"]*)"/).map { String($0.1) }.compactMap { link in
            let local = link.hasPrefix(PublicLayout.origin) ? String(link.dropFirst(PublicLayout.origin.count)) : link
            guard local.hasPrefix("/") else { return nil }
            return String(local.prefix { $0 != "?" && $0 != "#" })
        }
    }

    /// Whether a local address is a public route's, or the sign-in page.
    static func isPublic(_ path: String, routes: [Route]) -> Bool {
        if path == AccountRoute.signIn.path { return true }
        let words = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return routes.contains { route in
            guard route.policy == .publicSite, route.path.count == words.count else { return false }
            return zip(route.path, words).allSatisfy { component, word in
                if case .constant(let constant) = component { return constant == word }
                return true
            }
        }
    }
}

/// Articles written the way editors write them, for the tests.
enum PortalFixtures {
    /// A PNG's signature and a few bytes: an image by its content.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

    /// Publishes "Học tập và làm theo Bác" (study) with an uploaded image on the site; its id and the image's key.
    static func article(on slug: String, by userId: Int, app: Application, title: String = "Học tập và làm theo Bác mỗi ngày") async throws -> (id: Int, image: String) {
        let site = try #require(try await PortalSite.query(on: app.db).filter(\.$slug == slug).first())
        let store = app.documentFiles
        let image = try await app.write { db in try await ArticleCommands.upload("anh.png", png, site: site, by: userId, store: store, on: db) }
        let article = try await app.write { db in
            let input = ArticleInput(category: ArticleCategory.study.rawValue, title: title, summary: "Chi bộ Khu phố 1 làm theo Bác bằng việc cụ thể.",
                                     body: "<p>Đảng viên <strong>đăng ký</strong> việc làm theo.</p><img src=\"\(ArticleCommands.imagePath(image.fileKey, slug: slug))\" alt=\"Ảnh\">",
                                     authorName: "Ban Tuyên giáo", imageKey: image.fileKey)
            let article = try await ArticleCommands.save(input, id: nil, site: site, by: (userId, "Biên tập viên"), on: db)
            return try await ArticleCommands.publish(article, at: nil, on: db)
        }
        return (article.requireID(), image.fileKey)
    }
}
