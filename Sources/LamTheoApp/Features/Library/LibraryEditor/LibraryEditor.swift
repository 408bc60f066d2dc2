import Fluent
import Foundation
import LamTheoCore
import Plot

/// The form that adds an item or saves its next version: a multipart form (the file travels with the fields), the
/// campaigns on the unit's line to link it to, each of which may require reading it.
enum LibraryEditor {
    static let form = "library-item"

    struct Model: Sendable {
        /// Nil for a new item.
        let id: Int?
        let input: LibraryItemInput
        /// The units a new item may belong to (empty for a new version: its unit stays).
        let units: [UnitLink]
        let campaigns: [(id: Int, title: String)]
        /// "bai-giang.pdf (PDF, 1,2 MB)" or the link the current version has.
        let current: String?
    }

    enum Query {
        /// The choices for `actor`: the units they add items to, and the running campaigns on those units' lines.
        static func run(id: Int?, input: LibraryItemInput, actor: Actor, item: LibraryItem?, unit: Organization?, language: UILanguage,
                        on db: any Database) async throws -> Model {
            let units: [Organization]
            if let unit { units = [unit] } else { units = try await LibraryActions.editableUnits(actor, on: db) }
            let campaigns = try await Campaign.query(on: db).filter(\.$status == .active).all().filter { campaign in
                units.contains { campaign.treePath.contains($0.treePath) || $0.treePath.contains(campaign.treePath) }
                    || (input.campaignIds ?? []).contains(campaign.id ?? 0)
            }
            let current = item.flatMap { item in
                item.linkURL ?? item.fileName.map { "\($0) (\(LibraryPieces.fileDescription(type: item.fileType, size: item.fileSize, language: language)))" }
            }
            return Model(id: id, input: input, units: unit == nil ? units.map(UnitLink.init) : [],
                         campaigns: campaigns.map { (id: $0.id ?? 0, title: $0.title) }.sorted { VietnameseText.precedes($0.title, $1.title) }, current: current)
        }
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: LibraryEditor.form)
            let input = model.input
            let heading = model.id == nil ? LocalizedText(vi: "Thêm tài liệu", en: "Add an item")(language)
                                          : LocalizedText(vi: "Phiên bản mới: \(input.title ?? "")", en: "New version: \(input.title ?? "")")(language)
            let action = model.id.map { LibraryRoute.versions(.value($0)).path } ?? LibraryRoute.list.path
            let linked = Set(input.campaignIds ?? []), required = Set(input.requiredCampaignIds ?? [])
            return Layout(title: heading, crumbs: [Crumb(title: LibraryList.title(language), url: LibraryRoute.list.path), Crumb(title: heading, url: nil)],
                          content: .group(
                .h1(.text(heading)),
                fields.summary,
                .form(.class("stack"), .method(.post), .enctype(.multipartData), .action(action),
                      .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(context.csrfToken)),
                      .if(model.id == nil, fields.select("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"),
                                                         options: model.units.map { (String($0.id), $0.name) }, selected: input.organizationId.map(String.init),
                                                         required: true)),
                      fields.select("kind", LocalizedText(vi: "Loại", en: "Kind"), options: LibraryKind.allCases.map { ($0.rawValue, $0.label(language)) },
                                    selected: input.kind, required: true),
                      fields.text("title", LocalizedText(vi: "Tên tài liệu", en: "Title"), value: input.title, required: true),
                      fields.textArea("summary", LocalizedText(vi: "Tóm tắt nội dung", en: "Summary"), value: input.summary, rows: 5),
                      fields.text("topics", LocalizedText(vi: "Chủ đề", en: "Topics"), value: input.topics,
                                  hint: LocalizedText(vi: "Cách nhau bằng dấu phẩy, ví dụ: Nghị quyết Đại hội XIII, Đạo đức Hồ Chí Minh",
                                                      en: "Separated by commas, e.g. Nghị quyết Đại hội XIII, Đạo đức Hồ Chí Minh")),
                      fields.select("visibility", LocalizedText(vi: "Ai được đọc", en: "Who reads it"),
                                    options: LibraryVisibility.allCases.map { ($0.rawValue, $0.label(language)) }, selected: input.visibility, required: true),
                      .unwrap(model.current) { current in
                          .p(.class("muted"), .text(LocalizedText(vi: "Hiện có: \(current). Để trống tệp và đường dẫn thì giữ nguyên.",
                                                                  en: "Now: \(current). Leave the file and the link blank to keep it.")(language)))
                      },
                      fields.text("file", LocalizedText(vi: "Tệp (PDF, DOCX, JPEG, PNG; tối đa 20 MB)", en: "File (PDF, DOCX, JPEG, PNG; up to 20 MB)"),
                                  value: nil, type: .file),
                      fields.text("linkUrl", LocalizedText(vi: "Hoặc đường dẫn (http, https)", en: "Or a link (http, https)"), value: input.linkUrl, type: .url),
                      .if(!model.campaigns.isEmpty, .fieldset(
                          .element(named: "legend", text: LocalizedText(vi: "Đợt triển khai (đánh dấu “bắt buộc đọc” nếu đợt yêu cầu)", en: "Campaigns (tick “required reading” where the campaign asks it)")(language)),
                          .forEach(model.campaigns) { campaign in
                              .div(.class("choice"),
                                   .input(.type(.checkbox), .id("campaign-\(campaign.id)"), .name("campaignIds[]"), .value(String(campaign.id)),
                                          .attribute(named: "checked", value: linked.contains(campaign.id) ? "checked" : nil)),
                                   .label(.for("campaign-\(campaign.id)"), .text(campaign.title)),
                                   .input(.type(.checkbox), .id("required-\(campaign.id)"), .name("requiredCampaignIds[]"), .value(String(campaign.id)),
                                          .attribute(named: "checked", value: required.contains(campaign.id) ? "checked" : nil)),
                                   .label(.for("required-\(campaign.id)"), .text(LocalizedText(vi: "bắt buộc đọc", en: "required reading")(language))))
                          },
                          .forEach(fields.errors(for: "campaignIds")) { .p(.class("field-error"), .text($0)) })),
                      fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
            ))
        }
    }
}
