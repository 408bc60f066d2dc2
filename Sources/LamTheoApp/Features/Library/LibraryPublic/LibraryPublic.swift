import Fluent
import Foundation
import LamTheoCore
import Plot

/// The library on a committee's public site: its public items and those of the committees above it, found without
/// tones or marks and filtered by kind and topic; an item's page. Never a members-only item, never who read what.
enum LibraryPublic {
    static let title = "Thư viện tài liệu"
    static let perPage = 20

    struct ListModel: Sendable {
        let site: PublicSite
        let filter: LibraryFilter
        let page: Page<LibraryEntry>
        let topics: [String]
    }

    enum Query {
        static func list(_ filter: LibraryFilter, site: PublicSite, page: Int, on db: any Database) async throws -> ListModel {
            let reach = LibraryReach.site(site)
            // The public list has no campaign filter: campaigns are the members' business.
            var publicFilter = filter
            publicFilter.campaign = nil
            return ListModel(site: site, filter: publicFilter, page: try await LibraryQueries.list(publicFilter, reach: reach, page: page, perPage: perPage, on: db),
                             topics: try await LibraryQueries.topics(reach: reach, on: db))
        }

        static func item(_ id: Int, site: PublicSite, on db: any Database) async throws -> LibraryEntry {
            let (item, unit) = try await LibraryQueries.readable(id, reach: .site(site), on: db)
            return LibraryEntry(item, unitName: unit.name)
        }
    }

    struct ListView {
        let model: ListModel

        func html() -> HTML {
            let site = model.site
            let filter = model.filter
            func page(_ number: Int) -> String {
                PublicLibraryRoute.list(.value(site.slug)).path(query: ["q": filter.text, "kind": filter.kind?.rawValue, "topic": filter.topic,
                                                                       "page": number == 1 ? nil : number])
            }
            let all = "(tất cả)"
            return PublicLayout.page(site: site, title: LibraryPublic.title, description: "Tài liệu học tập, tóm tắt, infographic và video của \(site.title)",
                                     canonicalPath: page(model.page.page), content: .group(
                .h1(.text(LibraryPublic.title)),
                .form(.class("search"), .method(.get), .action(PublicLibraryRoute.list(.value(site.slug)).path), .attribute(named: "role", value: "search"),
                      .label(.for("q"), .text("Tìm tài liệu (không cần gõ dấu)")),
                      .input(.type(.search), .id("q"), .name("q"), .value(filter.text ?? "")),
                      .label(.for("kind"), .text("Loại")),
                      LibraryPieces.select("kind", [("", all)] + LibraryKind.allCases.map { ($0.rawValue, $0.label.vi) }, selected: filter.kind?.rawValue),
                      .label(.for("topic"), .text("Chủ đề")),
                      LibraryPieces.select("topic", [("", all)] + model.topics.map { (LibraryCommands.topicKey($0), $0) }, selected: filter.topic),
                      .button(.type(.submit), .text("Tìm"))),
                .if(model.page.items.isEmpty, .p(.text("Không có tài liệu nào phù hợp."))),
                .ul(.class("stories"), .forEach(model.page.items) { entry in
                    .li(.h3(.a(.href(PublicLibraryRoute.item(.value(site.slug), id: .value(entry.id)).path), .text(entry.title))),
                        .p(.class("meta"), .text("\(entry.kind.label.vi) · \(entry.unitName) · \(VietnameseFormat.date(entry.updatedAt))")),
                        .p(.text(LibraryPieces.excerpt(entry.summary))))
                }),
                .nav(.class("pager"), .ariaLabel("Trang"),
                     .if(model.page.page > 1, .a(.href(page(model.page.page - 1)), .attribute(named: "rel", value: "prev"), .text("← Trang trước"))),
                     .if(model.page.page < model.page.pageCount, .a(.href(page(model.page.page + 1)), .attribute(named: "rel", value: "next"), .text("Trang sau →"))))
            ))
        }
    }

    struct ItemView {
        let site: PublicSite
        let entry: LibraryEntry

        func html() -> HTML {
            PublicLayout.page(site: site, title: entry.title, description: LibraryPieces.excerpt(entry.summary),
                              canonicalPath: PublicLibraryRoute.item(.value(site.slug), id: .value(entry.id)).path, content: .article(
                .p(.class("meta"), .a(.href(PublicLibraryRoute.list(.value(site.slug)).path), .text(LibraryPublic.title))),
                .h1(.text(entry.title)),
                .p(.class("meta"), .text("\(entry.kind.label.vi) · \(entry.unitName) · cập nhật \(VietnameseFormat.date(entry.updatedAt))")),
                LibraryPieces.open(entry, file: PublicLibraryRoute.file(.value(site.slug), id: .value(entry.id)).path, language: .vi),
                .p(.text(entry.summary)),
                .if(!entry.topics.isEmpty, .p(.class("meta"), .text("Chủ đề: "), .forEach(entry.topics.enumerated().map { $0 }) { index, topic in
                    .group(.if(index > 0, .text(", ")),
                           .a(.href(PublicLibraryRoute.list(.value(site.slug)).path(query: ["topic": LibraryCommands.topicKey(topic)])), .text(topic)))
                }))
            ))
        }
    }
}
