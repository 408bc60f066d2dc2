import LamTheoCore
import Plot

/// The nomination form of a unit: what, whose, on which theme, with one figure before and after (the API takes
/// more), nominated by the unit or, when the reader edits it, by its parent.
enum ExemplarNew {
    struct Model: Sendable {
        let unitId: Int
        let unitName: String
        /// The parent, when the reader may nominate on its behalf.
        let parent: ExemplarShow.Choice?
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: "nominate")
            let title = LocalizedText(vi: "Đề nghị điển hình", en: "Nominate an exemplar")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(title) · \(model.unitName)")),
                fields.summary,
                fields.postForm(ExemplarRoute.list.path,
                    .input(.type(.hidden), .name("organizationId"), .value(String(model.unitId))),
                    fields.select("kind", LocalizedText(vi: "Loại", en: "Kind"), options: ExemplarKind.allCases.map { ($0.rawValue, $0.label(language)) },
                                  selected: ExemplarKind.model.rawValue, required: true),
                    fields.text("title", LocalizedText(vi: "Tên mô hình, tập thể hoặc cá nhân", en: "Title"), value: nil, required: true),
                    fields.textArea("summary", LocalizedText(vi: "Việc đã làm, cách làm", en: "What it did, how"), value: nil),
                    fields.text("memberId", LocalizedText(vi: "Mã đảng viên (điển hình cá nhân)", en: "Member id (an individual)"), value: nil),
                    fields.text("campaignId", LocalizedText(vi: "Mã đợt triển khai (nếu theo một đợt)", en: "Campaign id (if it follows one)"), value: nil),
                    fields.text("topic", LocalizedText(vi: "Hoặc chủ đề làm theo", en: "Or the topic it follows"), value: nil),
                    fields.text("indicator", LocalizedText(vi: "Chỉ tiêu kết quả", en: "Result indicator"), value: nil),
                    fields.text("before", LocalizedText(vi: "Trước khi làm", en: "Before"), value: nil, hint: LocalizedText(vi: "Ví dụ 35", en: "For example 35")),
                    fields.text("after", LocalizedText(vi: "Sau khi làm", en: "After"), value: nil, hint: LocalizedText(vi: "Ví dụ 92", en: "For example 92")),
                    fields.text("measureUnit", LocalizedText(vi: "Đơn vị tính", en: "Unit of measure"), value: nil),
                    .unwrap(model.parent) { parent in
                        fields.select("nominatingOrganizationId", LocalizedText(vi: "Đơn vị đề nghị", en: "Nominated by"),
                                      options: [(String(model.unitId), model.unitName), (String(parent.id), parent.title)], selected: String(model.unitId))
                    },
                    fields.submit(LocalizedText(vi: "Gửi đề nghị", en: "Nominate")))
            )
            return Layout(title: title, crumbs: [Crumb(title: ExemplarList.title(language), url: ExemplarRoute.list.path(query: [.unit: model.unitId]))],
                          content: content)
        }
    }
}
