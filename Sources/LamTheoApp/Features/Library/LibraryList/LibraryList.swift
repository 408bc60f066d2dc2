import Fluent
import Foundation
import LamTheoCore
import Plot

/// `/library`: the study material a signed-in reader reads (their units' and the units above), found by words without
/// tones or marks, filtered by kind, topic and campaign, a page at a time.
enum LibraryList {
    static let title = LocalizedText(vi: "Thư viện tài liệu", en: "Library")

    struct Model: Sendable {
        let filter: LibraryFilter
        let page: Page<LibraryEntry>
        let topics: [String]
        let campaigns: [(id: Int, title: String)]
        /// The reader may add items somewhere.
        let canAdd: Bool
    }

    enum Query {
        static func run(_ filter: LibraryFilter, actor: Actor, page: Int, perPage: Int, on db: any Database) async throws -> Model {
            let reach = try await LibraryQueries.reach(of: actor, on: db)
            return Model(filter: filter, page: try await LibraryQueries.list(filter, reach: reach, page: page, perPage: perPage, on: db),
                         topics: try await LibraryQueries.topics(reach: reach, on: db),
                         campaigns: try await LibraryQueries.campaignChoices(reach: reach, on: db), canAdd: actor.canSomewhere(.edit))
        }
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let filter = model.filter
            let all = LocalizedText(vi: "(tất cả)", en: "(all)")(language)
            return Layout(title: LibraryList.title(language), content: .group(
                .h1(.text(LibraryList.title(language))),
                .if(model.canAdd, .div(.class("actions"), .a(.class("button"), .href(LibraryRoute.newItem.path),
                                                             .text(LocalizedText(vi: "Thêm tài liệu", en: "Add an item")(language))))),
                .form(.class("inline"), .method(.get), .action(LibraryRoute.list.path), .attribute(named: "role", value: "search"),
                      .div(.label(.for("q"), .text(LocalizedText(vi: "Tìm (gõ không dấu cũng được)", en: "Search (accents optional)")(language))),
                           .input(.id("q"), .name("q"), .type(.search), .value(filter.text ?? ""))),
                      LibraryPieces.choice("kind", LocalizedText(vi: "Loại", en: "Kind")(language),
                                           [("", all)] + LibraryKind.allCases.map { ($0.rawValue, $0.label(language)) }, selected: filter.kind?.rawValue),
                      LibraryPieces.choice("topic", LocalizedText(vi: "Chủ đề", en: "Topic")(language),
                                           [("", all)] + model.topics.map { (LibraryCommands.topicKey($0), $0) }, selected: filter.topic),
                      LibraryPieces.choice("campaign", LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language),
                                           [("", all)] + model.campaigns.map { (String($0.id), $0.title) }, selected: filter.campaign.map(String.init)),
                      .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
                .if(model.page.items.isEmpty, .p(.class("muted"), .text(LocalizedText(vi: "Không có tài liệu nào phù hợp.", en: "No matching items.")(language)))),
                .ul(.class("cards"), .forEach(model.page.items) { entry in
                    .li(.a(.href(LibraryRoute.item(.value(entry.id)).path), .strong(.text(entry.title))),
                        .p(.class("muted"), .text(LibraryPieces.facts(entry, language: language))),
                        .p(.text(LibraryPieces.excerpt(entry.summary))))
                }),
                Pager(page: model.page.page, pageCount: model.page.pageCount, total: model.page.total, link: {
                    LibraryRoute.list.path(query: ["q": filter.text, "kind": filter.kind?.rawValue, "topic": filter.topic, QueryName.campaign: filter.campaign,
                                                   "page": $0])
                }).node(language)
            ))
        }
    }
}

/// What the library's pages share, in the members' app and on the public site.
enum LibraryPieces {
    /// A labelled `<select>` of a GET filter form.
    static func choice(_ name: String, _ label: String, _ options: [(value: String, title: String)], selected: String?) -> Node<HTML.FormContext> {
        .div(.label(.for(name), .text(label)), select(name, options, selected: selected))
    }

    /// The `<select>` alone, for a form that lays its label and field out itself (the public site's search bar, whose
    /// fields shrink to a phone's width only as its own children).
    static func select(_ name: String, _ options: [(value: String, title: String)], selected: String?) -> Node<HTML.FormContext> {
        .element(named: "select", nodes: [
            .attribute(named: "id", value: name), .attribute(named: "name", value: name),
            .forEach(options) { option in
                .element(named: "option", nodes: [
                    .attribute(named: "value", value: option.value),
                    .attribute(named: "selected", value: option.value == (selected ?? "") ? "selected" : nil),
                    .text(option.title),
                ])
            },
        ])
    }

    /// "Tóm tắt · Đảng bộ Thành phố · Chỉ đảng viên · bản 2 · 06/12/2026".
    static func facts(_ entry: LibraryEntry, language: UILanguage) -> String {
        [entry.kind.label(language), entry.unitName, entry.visibility.label(language),
         LocalizedText(vi: "bản \(entry.version)", en: "version \(entry.version)")(language), VietnameseFormat.date(entry.updatedAt)]
            .joined(separator: " · ")
    }

    /// The summary's first 240 characters, cut at a word.
    static func excerpt(_ text: String) -> String {
        guard text.count > 240 else { return text }
        let cut = text.prefix(240)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// "PDF, 1,2 MB".
    static func fileDescription(type: String?, size: Int?, language: UILanguage) -> String {
        let name: String
        switch type {
        case AttachmentType.pdf.mediaType?: name = "PDF"
        case AttachmentType.docx.mediaType?: name = "DOCX"
        case AttachmentType.jpeg.mediaType?: name = "JPEG"
        case AttachmentType.png.mediaType?: name = "PNG"
        default: name = LocalizedText(vi: "Tệp", en: "File")(language)
        }
        guard let size else { return name }
        let megabytes = Double(size) / 1_048_576
        return megabytes >= 0.1 ? "\(name), \(NumberFormat(language).decimal(megabytes, fractionDigits: 1)) MB"
                                : "\(name), \(NumberFormat(language).integer(max(1, size / 1024))) KB"
    }
}
