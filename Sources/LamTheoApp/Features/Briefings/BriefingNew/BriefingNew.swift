import Fluent
import LamTheoCore
import Plot

/// The form that sets up a briefing at a committee: the units under it to invite (all ticked at first), its
/// own documents to pick the lead report from, and the campaigns of its level and above.
enum BriefingNew {
    static let form = "briefing"

    struct Model: Sendable {
        struct Choice: Sendable {
            let id: Int
            let title: String
        }

        let committeeId: Int
        let committeeName: String
        let units: [Choice]
        /// The units ticked: all at first, those sent back when refused.
        let invited: Set<Int>
        let documents: [Choice]
        let campaigns: [Choice]
    }

    enum Query {
        static func run(committee: Organization, invited: Set<Int>?, on db: any Database) async throws -> Model {
            let id = committee.requireID()
            let units = try await Organization.query(on: db).filter(\.$parentId == id).filter(\.$status == .active).sort(\.$nameSort).all()
            let documents = try await Document.query(on: db).filter(\.$organizationId == id).sort(\.$issuedOn, .descending).limit(50).all()
            let campaigns = try await Campaign.query(on: db).filter(\.$organizationId ~~ committee.treePath.ids).sort(\.$id, .descending).limit(50).all()
            return Model(committeeId: id, committeeName: committee.name,
                         units: units.map { Model.Choice(id: $0.requireID(), title: $0.name) }, invited: invited ?? Set(units.compactMap(\.id)),
                         documents: documents.map { Model.Choice(id: $0.requireID(), title: "\($0.symbol) · \($0.title)") },
                         campaigns: campaigns.map { Model.Choice(id: $0.requireID(), title: $0.title) })
        }
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: BriefingNew.form)
            let lines = LocalizedText(vi: "Mỗi dòng một mục", en: "One item a line")
            let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
            let none = LocalizedText(vi: "— Không —", en: "— None —")(language)
            let title = LocalizedText(vi: "Tạo hội nghị giao ban", en: "Set up a briefing")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .p(.text(LocalizedText(vi: "Cấp ủy triệu tập: \(model.committeeName)", en: "Convened by \(model.committeeName)")(language))),
                fields.summary,
                fields.postForm(BriefingRoute.list.path,
                    .input(.type(.hidden), .name("organizationId"), .value(String(model.committeeId))),
                    fields.text("title", LocalizedText(vi: "Tên hội nghị", en: "Title"), value: nil, required: true),
                    fields.text("theme", LocalizedText(vi: "Chuyên đề", en: "Theme"), value: nil, required: true),
                    fields.text("series", LocalizedText(vi: "Chuỗi giao ban (vd. Giao ban chuyên đề quý)", en: "Series (e.g. quarterly briefing)"), value: nil,
                                hint: LocalizedText(vi: "Hội nghị cùng chuỗi mở đầu bằng kết quả thực hiện kết luận hội nghị trước",
                                                    en: "A briefing of the same series opens with the previous one's tasks")),
                    fields.text("heldOn", LocalizedText(vi: "Ngày họp", en: "Date"), value: nil, required: true, hint: dateHint),
                    fields.text("startsAt", LocalizedText(vi: "Giờ họp", en: "Time"), value: nil, hint: LocalizedText(vi: "vd. 08:00", en: "e.g. 08:00")),
                    fields.text("place", LocalizedText(vi: "Địa điểm", en: "Place"), value: nil),
                    fields.text("onlineLink", LocalizedText(vi: "Đường dẫn họp trực tuyến", en: "Online link"), value: nil, type: .url),
                    fields.textArea("bridgePoints", LocalizedText(vi: "Điểm cầu (mỗi dòng một điểm)", en: "Bridge points (one a line)"), value: nil, rows: 3),
                    .fieldset(
                        .element(named: "legend", text: LocalizedText(vi: "Đơn vị tham dự *", en: "Units invited *")(language)),
                        .div(.id("invitedUnitIds"), .forEach(model.units) { unit in
                            .div(.class("choice"), .input(.type(.checkbox), .id("invited-\(unit.id)"), .name("invitedUnitIds[]"), .value(String(unit.id)),
                                                          .attribute(named: "checked", value: model.invited.contains(unit.id) ? "checked" : nil)),
                                 .label(.for("invited-\(unit.id)"), .text(unit.title)))
                        }),
                        .forEach(fields.errors(for: "invitedUnitIds")) { .p(.class("field-error"), .text($0)) }),
                    fields.textArea("agenda", LocalizedText(vi: "Chương trình (mỗi dòng một mục)", en: "Agenda (one item a line)"), value: nil),
                    fields.textArea("questions", LocalizedText(vi: "Vấn đề đặt ra thảo luận (mỗi dòng một vấn đề)", en: "Questions (one a line)"), value: nil),
                    fields.select("leadReportId", LocalizedText(vi: "Báo cáo đề dẫn", en: "Lead report"),
                                  options: [("", none)] + model.documents.map { (String($0.id), $0.title) }, selected: nil),
                    fields.select("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"),
                                  options: [("", none)] + model.campaigns.map { (String($0.id), $0.title) }, selected: nil),
                    fields.text("contributionsDueOn", LocalizedText(vi: "Hạn nộp tham luận", en: "Contributions due"), value: nil, required: true, hint: dateHint),
                    .div(.class("choice"),
                         .input(.type(.checkbox), .id("lateContributionsAllowed"), .name("lateContributionsAllowed"),
                                .attribute(named: "checked", value: context.refused?.values["lateContributionsAllowed"] == nil ? nil : "checked")),
                         .label(.for("lateContributionsAllowed"), .text(LocalizedText(vi: "Nhận tham luận nộp sau hạn (ghi là nộp muộn)",
                                                                                     en: "Take contributions after the deadline (marked late)")(language)))),
                    .p(.class("muted"), .text(lines(language))),
                    fields.submit(LocalizedText(vi: "Tạo hội nghị", en: "Set up")))
            )
            return Layout(title: title, crumbs: [Crumb(title: BriefingPages.title(language), url: BriefingRoute.list.path(query: [.unit: model.committeeId])),
                                                 Crumb(title: model.committeeName, url: nil)],
                          content: content)
        }
    }
}

/// The conclusion notice drafted from a briefing, line by line, and the form that registers it as the
/// committee's document of type TB: this page is the step that shows what will be registered before it is.
enum BriefingNoticePage {
    static let form = "notice"

    struct Model: Sendable {
        let id: Int
        let title: String
        let text: String
        let notice: BriefingDetail.DocumentRef?
        let hasConclusions: Bool
        let mayRegister: Bool
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: BriefingNoticePage.form)
            let heading = LocalizedText(vi: "Thông báo kết luận", en: "Conclusion notice")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(heading)),
                .p(.a(.href(BriefingRoute.show(.value(model.id)).path), .text(model.title))),
                .p(.a(.class("button secondary"), .href(BriefingRoute.noticeFile(.value(model.id)).path),
                      .text(LocalizedText(vi: "Tải thông báo theo thể thức (Word)", en: "Download in the Party's format (Word)")(language)))),
                .div(.class("notice"), .forEach(model.text.split(separator: "\n", omittingEmptySubsequences: false)) { line in
                    line.isEmpty ? .br() : .p(.text(String(line)))
                }),
                .unwrap(model.notice, { notice in
                    .p(.text(LocalizedText(vi: "Đã đăng ký: ", en: "Registered: ")(language)),
                       .a(.href(DocumentRoute.show(.value(notice.id)).path), .text("\(notice.symbol) · \(notice.title)")))
                }, else: .if(model.mayRegister && model.hasConclusions, .group(
                    .h2(.text(LocalizedText(vi: "Đăng ký văn bản", en: "Register the document")(language))),
                    .p(.class("muted"), .text(LocalizedText(vi: "Đăng ký vào sổ văn bản của cấp ủy, loại TB; không hoàn tác được.",
                                                            en: "Registered in the committee's documents, type TB; this cannot be undone.")(language))),
                    fields.summary,
                    fields.postForm(BriefingRoute.notice(.value(model.id)).path,
                        fields.text("symbol", LocalizedText(vi: "Số, ký hiệu", en: "Number and symbol"), value: nil, required: true,
                                    hint: LocalizedText(vi: "vd. 125-TB/TU", en: "e.g. 125-TB/TU")),
                        fields.text("issuedOn", LocalizedText(vi: "Ngày ban hành", en: "Date issued"), value: nil,
                                    hint: LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")),
                        fields.submit(LocalizedText(vi: "Đăng ký thông báo", en: "Register the notice"))))))
            )
            return Layout(title: heading, crumbs: [Crumb(title: BriefingPages.title(language), url: nil), Crumb(title: model.title, url: nil)],
                          content: content)
        }
    }
}
