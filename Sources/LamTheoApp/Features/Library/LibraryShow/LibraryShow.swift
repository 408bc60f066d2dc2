import Fluent
import Foundation
import LamTheoCore
import Plot

/// `/library/{id}`: an item as its latest version says, its file or link, its campaigns, and its history (every version
/// kept, each with its own file or link). A member who opens it is recorded as having read it.
enum LibraryShow {
    struct Version: Sendable {
        let version: Int
        let title: String
        let savedBy: String
        let savedAt: Date
        let hasFile: Bool
        let linkURL: String?
    }

    struct Model: Sendable {
        let entry: LibraryEntry
        let campaigns: [(id: Int, title: String, required: Bool)]
        let versions: [Version]
        let canEdit: Bool
        /// The reader is a member and has read it (opening the page records it).
        let readByMember: Bool
    }

    enum Query {
        static func run(_ item: LibraryItem, unit: Organization, canEdit: Bool, readByMember: Bool, on db: any Database) async throws -> Model {
            let id = item.requireID()
            return Model(entry: LibraryEntry(item, unitName: unit.name), campaigns: try await LibraryQueries.campaigns(of: id, on: db),
                         versions: try await LibraryQueries.versions(of: id, on: db).map {
                             Version(version: $0.version, title: $0.title, savedBy: $0.savedBy, savedAt: $0.savedAt, hasFile: $0.fileKey != nil, linkURL: $0.linkURL)
                         },
                         canEdit: canEdit, readByMember: readByMember)
        }
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let entry = model.entry
            return Layout(title: entry.title, crumbs: [Crumb(title: LibraryList.title(language), url: LibraryRoute.list.path), Crumb(title: entry.title, url: nil)],
                          content: .group(
                .h1(.text(entry.title)),
                .p(.class("muted"), .text(LibraryPieces.facts(entry, language: language))),
                .if(model.readByMember, .p(.class("muted"), .text(LocalizedText(vi: "✓ Bạn đã đọc tài liệu này.", en: "✓ You have read this item.")(language)))),
                LibraryPieces.open(entry, file: LibraryRoute.file(.value(entry.id)).path, language: language),
                .p(.text(entry.summary)),
                .if(!entry.topics.isEmpty, .p(.text(LocalizedText(vi: "Chủ đề: ", en: "Topics: ")(language)), .forEach(entry.topics.enumerated().map { $0 }) { index, topic in
                    .group(.if(index > 0, .text(", ")), .a(.href(LibraryRoute.list.path(query: ["topic": LibraryCommands.topicKey(topic)])), .text(topic)))
                })),
                .if(!model.campaigns.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Thuộc đợt triển khai", en: "Campaigns")(language))),
                    .ul(.forEach(model.campaigns) { campaign in
                        .li(.a(.href(CoverageRoute.campaign(.value(campaign.id)).path), .text(campaign.title)),
                            .if(campaign.required, .strong(.text(LocalizedText(vi: " · tài liệu bắt buộc đọc", en: " · required reading")(language)))))
                    }))),
                .if(model.canEdit, .p(.a(.class("button secondary"), .href(LibraryRoute.edit(.value(entry.id)).path),
                                         .text(LocalizedText(vi: "Cập nhật (lưu phiên bản mới)", en: "Update (save a new version)")(language))))),
                .h2(.text(LocalizedText(vi: "Các phiên bản", en: "Versions")(language))),
                .ul(.forEach(model.versions) { version in
                    .li(.text(LocalizedText(vi: "Bản \(version.version)", en: "Version \(version.version)")(language)
                              + " · \(version.title) · \(version.savedBy) · \(VietnameseFormat.dateTime(version.savedAt))"),
                        .if(version.version == entry.version, .text(LocalizedText(vi: " (hiện hành)", en: " (current)")(language))),
                        .if(version.hasFile, .group(.text(" · "), .a(.href(LibraryRoute.file(.value(entry.id)).path(query: ["version": version.version])),
                                                                     .text(LocalizedText(vi: "tệp", en: "file")(language))))),
                        .unwrap(version.linkURL) { link in .group(.text(" · "), .a(.href(link), .attribute(named: "rel", value: "noopener nofollow"), .text(link))) })
                })
            ))
        }
    }
}

extension LibraryPieces {
    /// The item's file to download or its link to follow, as a button.
    static func open(_ entry: LibraryEntry, file: String, language: UILanguage) -> Node<HTML.BodyContext> {
        if let link = entry.linkURL {
            return .p(.a(.class("button"), .href(link), .attribute(named: "rel", value: "noopener nofollow"),
                         .text(LocalizedText(vi: "Mở đường dẫn", en: "Open the link")(language))), .text(" "), .span(.class("muted"), .text(link)))
        }
        guard let name = entry.fileName else { return .empty }
        return .p(.a(.class("button"), .href(file), .text(LocalizedText(vi: "Tải tài liệu", en: "Download")(language))),
                  .text(" "), .span(.class("muted"), .text("\(name) (\(fileDescription(type: entry.fileType, size: entry.fileSize, language: language)))")))
    }
}
