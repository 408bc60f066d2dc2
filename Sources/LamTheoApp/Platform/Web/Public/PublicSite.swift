import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// A committee's public site as its pages need it: plain values, no model. Only published sites of open units
/// are found, so a public page never shows a site its committee has taken down.
struct PublicSite: Sendable, Equatable, Codable {
    let id: Int
    let organizationId: Int
    let organizationPath: TreePath
    /// Lowercase a-z, 0-9 and '-': the site's address, `/site/{slug}`.
    let slug: String
    /// "Trang tin điện tử Đảng bộ Phường Bến Thành".
    let title: String
    let tagline: String?
    /// The committee's address line, in the footer.
    let addressLine: String?

    /// The site's home page.
    var homePath: String { PublicRoute.home(.value(slug)).path }
}

/// Finding a published site.
enum PublicSites {
    /// The published site at `slug`, or nil (unknown, unpublished, or its committee closed).
    static func site(slug: String, on db: any Database) async throws -> PublicSite? {
        try await published(where: "s.slug = \(bind: slug)", on: db).first
    }

    /// The published site at `slug`, or a 404 that says nothing about why.
    static func require(slug: String, on db: any Database) async throws -> PublicSite {
        guard let site = try await site(slug: slug, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy trang tin", en: "Site not found"))
        }
        return site
    }

    /// Every published site, by slug (the sitemap).
    static func all(on db: any Database) async throws -> [PublicSite] {
        try await published(where: "1 = 1", on: db)
    }

    private struct Row: Decodable {
        let id: Int
        let organization_id: Int
        let path: String
        let slug: String
        let title: String
        let tagline: String?
        let address_line: String?
    }

    private static func published(where condition: SQLQueryString, on db: any Database) async throws -> [PublicSite] {
        let rows = try await db.sql.raw("""
            SELECT s.id, s.organization_id, o.path, s.slug, s.title, s.tagline, s.address_line
            FROM public_sites s JOIN organizations o ON o.id = s.organization_id
            WHERE \(condition) AND s.is_published = \(bind: true) AND o.status = \(bind: "active")
            ORDER BY s.slug
            """).all(decoding: Row.self)
        return rows.compactMap { row in
            TreePath(rawValue: row.path).map {
                PublicSite(id: row.id, organizationId: row.organization_id, organizationPath: $0, slug: row.slug, title: row.title,
                           tagline: row.tagline, addressLine: row.address_line)
            }
        }
    }
}
