import Fluent
import LamTheoCore
import Plot

/// A unit's reports, newest first, and the way to draft one.
enum ReportList {
    struct View: PageView {
        let unitId: Int
        let unitName: String
        let page: Page<Report>
        let mayDraft: Bool

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(ReportPages.title(language)) · \(unitName)")),
                .if(mayDraft, .p(.a(.class("button"), .href(ReportRoute.new.path(query: [.unit: unitId])),
                                    .text(LocalizedText(vi: "Lập báo cáo", en: "Draft a report")(language))))),
                .if(page.items.isEmpty, .p(.text(LocalizedText(vi: "Đơn vị chưa có báo cáo nào.", en: "The unit has no report yet.")(language)))),
                .ul(.forEach(page.items) { report in
                    .li(.a(.href(ReportRoute.show(.value(report.requireID())).path), .text(report.subject.replacingOccurrences(of: "\n", with: " "))),
                        .text(" · \(report.kind.label(language)) · \(report.status.label(language)) · \(report.day.vietnamese)"))
                }),
                .if(page.pageCount > 1, .p(.class("muted"), .text(LocalizedText(vi: "Trang \(page.page)/\(page.pageCount)", en: "Page \(page.page) of \(page.pageCount)")(language)))))
            return Layout(title: ReportPages.title(language), crumbs: [Crumb(title: unitName, url: nil)], content: content)
        }
    }
}

/// The form that drafts a report of a unit from its figures on a day over a period, or one campaign's results.
enum ReportNew {
    static let form = "report"

    /// The campaigns a result report may be about: launched by the unit or above it, latest first.
    static func campaigns(of unit: Organization, on db: any Database) async throws -> [(value: String, title: String)] {
        try await Campaign.query(on: db).filter(\.$organizationId ~~ unit.treePath.ids).sort(\.$id, .descending).limit(50).all()
            .map { (String($0.requireID()), $0.title) }
    }

    struct View: PageView {
        let unitId: Int
        let unitName: String
        let day: CalendarDate
        let period: ReportingPeriod
        let campaigns: [(value: String, title: String)]

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: ReportNew.form)
            let title = LocalizedText(vi: "Lập báo cáo", en: "Draft a report")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .p(.text(LocalizedText(vi: "Đơn vị: \(unitName). Số liệu lấy từ trang Tổng quan của đơn vị; phần nhận định do người soạn viết.",
                                       en: "Unit: \(unitName). The figures come from the unit's dashboard; the narrative is the author's.")(language))),
                fields.summary,
                fields.postForm(ReportRoute.list.path,
                    .input(.type(.hidden), .name("organizationId"), .value(String(unitId))),
                    fields.select("kind", LocalizedText(vi: "Loại báo cáo", en: "Kind"), options: ReportKind.allCases.map { ($0.rawValue, $0.label(language)) },
                                  selected: ReportKind.interim.rawValue, required: true),
                    fields.text("day", LocalizedText(vi: "Số liệu đến ngày", en: "Figures as of"), value: day.vietnamese,
                                hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                    fields.select("period", LocalizedText(vi: "Kỳ báo cáo", en: "Period"), options: ReportingPeriod.allCases.map { ($0.rawValue, $0.label(language)) },
                                  selected: period.rawValue),
                    fields.select("campaignId", LocalizedText(vi: "Đợt triển khai (chỉ cho báo cáo kết quả một đợt)", en: "Campaign (a campaign result report only)"),
                                  options: [("", LocalizedText(vi: "— Không —", en: "— None —")(language))] + campaigns, selected: nil),
                    fields.submit(LocalizedText(vi: "Lập dự thảo", en: "Draft"))))
            return Layout(title: title, crumbs: [Crumb(title: ReportPages.title(language), url: ReportRoute.list.path(query: [.unit: unitId])),
                                                 Crumb(title: unitName, url: nil)], content: content)
        }
    }
}

/// The form that edits a draft: the header, each part's text, the recipients and the signature.
enum ReportEdit {
    static let form = "edit"

    struct View: PageView {
        let report: Report

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: ReportEdit.form)
            let narratives = report.narratives
            let title = LocalizedText(vi: "Sửa dự thảo báo cáo", en: "Edit the draft")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Số liệu lấy từ dữ liệu và không sửa ở đây (dùng “Cập nhật số liệu” sau khi dữ liệu được sửa); mỗi dòng là một đoạn văn.",
                    en: "The figures come from the data and are not edited here (use “Update the figures” after the data is corrected); each line is a paragraph.")(language))),
                fields.summary,
                fields.postForm(ReportRoute.edit(.value(report.requireID())).path,
                    fields.text("superiorBody", LocalizedText(vi: "Cơ quan cấp trên", en: "Superior body"), value: report.superiorBody),
                    fields.text("issuingBody", LocalizedText(vi: "Cơ quan ban hành", en: "Issuing body"), value: report.issuingBody, required: true),
                    fields.text("place", LocalizedText(vi: "Địa danh", en: "Place"), value: report.place, hint: LocalizedText(vi: "vd. TP. Hồ Chí Minh", en: "e.g. TP. Hồ Chí Minh")),
                    fields.textArea("subject", LocalizedText(vi: "Trích yếu", en: "Subject"), value: report.subject, rows: 2),
                    .forEach(ReportPart.allCases) { part in
                        fields.textArea("narratives.\(part.rawValue)", LocalizedText(vi: part.heading, en: part.heading), value: narratives[part],
                                        rows: part.topic == nil ? 6 : 3, named: "narratives[\(part.rawValue)]")
                    },
                    fields.textArea("recipients", LocalizedText(vi: "Nơi nhận (mỗi dòng một nơi)", en: "Recipients (one a line)"),
                                    value: report.recipients.joined(separator: "\n"), rows: 4),
                    fields.text("authority", LocalizedText(vi: "Thẩm quyền ký", en: "Signing authority"), value: report.authority, required: true),
                    fields.text("signerTitle", LocalizedText(vi: "Chức vụ người ký", en: "Signer's title"), value: report.signerTitle, required: true),
                    fields.text("signerName", LocalizedText(vi: "Họ tên người ký", en: "Signer's name"), value: report.signerName),
                    fields.submit(LocalizedText(vi: "Lưu dự thảo", en: "Save the draft"))))
            return Layout(title: title, crumbs: [Crumb(title: ReportPages.title(language), url: ReportRoute.list.path(query: [.unit: report.organizationId])),
                                                 Crumb(title: report.kind.label(language), url: ReportRoute.show(.value(report.requireID())).path)],
                          content: content)
        }
    }
}
