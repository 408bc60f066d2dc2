import Fluent
import LamTheoCore
import Vapor

/// The library's public pages: served to anyone as to a stranger (`.publicSite`), from the public pages' cache while
/// fresh; a public item's file, kept by browsers (its address changes with each version's content).
enum LibraryPublicPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PublicLibraryRoute.list(.key), use: list).requiring(.publicSite)
        routes.get(PublicLibraryRoute.item(.key, id: .key), use: item).requiring(.publicSite)
        routes.get(PublicLibraryRoute.file(.key, id: .key), use: file).requiring(.publicSite)
        PublicNavigation.register(PublicNavigationEntry(id: "library", LocalizedText(vi: "Thư viện tài liệu", en: "Library")) {
            PublicLibraryRoute.list(.value($0.slug)).path
        })
    }

    static func list(request: Request) async throws -> Response {
        let slug = try request.slug()
        let filter = LibraryFilter(text: try request.queryText("q").map { String($0.prefix(200)) }, kind: try request.queryChoice(LibraryKind.self, at: "kind"),
                                   topic: try request.queryText("topic"))
        let page = try request.publicPage()
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return LibraryPublic.ListView(model: try await LibraryPublic.Query.list(filter, site: site, page: page, on: request.reads)).html().render()
        }
    }

    static func item(request: Request) async throws -> Response {
        let slug = try request.slug()
        let id = try request.id("itemId")
        return try await request.publicResponse {
            let site = try await PublicSites.require(slug: slug, on: request.reads)
            return LibraryPublic.ItemView(site: site, entry: try await LibraryPublic.Query.item(id, site: site, on: request.reads)).html().render()
        }
    }

    static func file(request: Request) async throws -> Response {
        let site = try await PublicSites.require(slug: try request.slug(), on: request.reads)
        let (item, _) = try await LibraryQueries.readable(try request.id("itemId"), reach: .site(site), on: request.reads)
        let response = try await LibraryPages.download(item, version: nil, request: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
