import Foundation
import LamTheoCore
import LamTheoDocx
import Plot

extension ReportShow {
    static let issueForm = "issue"

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let title = "\(model.kind.label(language)) · \(model.unitName)"
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "\(model.status.label.vi). Số liệu đến ngày \(model.day.vietnamese), \(model.period.name(of: model.day).vi.lowercasedFirst).",
                    en: "\(model.status.label.en). Figures as of \(model.day.vietnamese), \(model.period.name(of: model.day).en).")(language))),
                status(context),
                .unwrap(model.outline) { preview(language, $0) },
                .if(!model.versions.isEmpty, versions(language)),
                .if(model.outline != nil && model.mayEdit, issue(context)))
            return Layout(title: title,
                          crumbs: [Crumb(title: ReportPages.title(language), url: ReportRoute.list.path(query: [.unit: model.unitId])), Crumb(title: model.unitName, url: nil)],
                          content: content)
        }

        /// What the author can do now, or what the page is waiting for.
        private func status(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            switch model.status {
            case .composing:
                // A link rather than a timed refresh, which would move the page from under a reader (WCAG 2.2.1).
                return .div(
                    .p(.class("notice"), .attribute(named: "role", value: "status"), .text(LocalizedText(
                        vi: "Đang tổng hợp số liệu\(model.progress.map { ", đã xong \($0.done)/\($0.total) bước" } ?? "")… thường chỉ vài giây.",
                        en: "Gathering the figures\(model.progress.map { ", \($0.done) of \($0.total) steps done" } ?? "")… usually a few seconds.")(language))),
                    .p(.a(.class("button secondary"), .href(ReportRoute.show(.value(model.id)).path),
                          .text(LocalizedText(vi: "Tải lại trang", en: "Reload")(language)))))
            case .failed:
                return .group(
                    .p(.class("errors"), .text(LocalizedText(vi: "Tổng hợp số liệu không thành; xem việc nền hoặc thử lại.",
                                                             en: "Gathering the figures failed; see the jobs, or try again.")(language))),
                    .if(model.mayEdit, context.fields.postButton(ReportRoute.refresh(.value(model.id)).path, LocalizedText(vi: "Tổng hợp lại", en: "Gather again"))))
            case .draft:
                return .group(
                    .div(.class("actions"),
                        .if(model.mayEdit, .a(.class("button"), .href(ReportRoute.edit(.value(model.id)).path),
                                              .text(LocalizedText(vi: "Sửa dự thảo", en: "Edit the draft")(language)))),
                        .forEach(ReportFileFormat.allCases) { format in
                            .a(.class("button secondary"), .href(ReportRoute.draft(.value(model.id), format: .value(format.rawValue)).path),
                               .text(Self.draftLabel(format)(language)))
                        }),
                    .if(model.mayEdit, context.fields.postButton(ReportRoute.refresh(.value(model.id)).path,
                                                                 LocalizedText(vi: "Cập nhật số liệu", en: "Update the figures"))),
                    .if(!model.discrepancies.isEmpty, .div(.class("errors"),
                        .p(.text(LocalizedText(vi: "Số liệu cần kiểm tra (các đơn vị trực thuộc cộng lại lớn hơn toàn đơn vị):",
                                               en: "Figures to check (the units below add up to more than the whole):")(language))),
                        .ul(.forEach(model.discrepancies) { .li(.text($0)) }))))
            }
        }

        static func draftLabel(_ format: ReportFileFormat) -> LocalizedText {
            switch format {
            case .docx: return LocalizedText(vi: "Tải dự thảo (Word)", en: "Download the draft (Word)")
            case .pdf: return LocalizedText(vi: "Tải dự thảo (PDF)", en: "Download the draft (PDF)")
            case .xlsx: return LocalizedText(vi: "Tải phụ lục số liệu (Excel)", en: "Download the annex (Excel)")
            }
        }

        /// The document as it would be issued today: the header blocks, the title, the parts, the recipients and signature.
        private func preview(_ language: UILanguage, _ outline: ReportOutline) -> Node<HTML.BodyContext> {
            // Dated today until it is issued, as the draft's DOCX is.
            let today = DocumentDate(.today())
            return .element(named: "article", nodes: [.class("report"), .attribute(named: "aria-label", value: LocalizedText(vi: "Xem trước", en: "Preview")(language)),
                .div(.class("report-header"),
                     .div(.p(.text(model.superiorBody)), .p(.strong(.text(model.issuingBody))), .p(.text("*")), .p(.text("Số \(ReportDraft.unnumbered)"))),
                     .div(.p(.strong(.text("ĐẢNG CỘNG SẢN VIỆT NAM"))),
                          .p(.em(.text(PartyDocumentFormat.inForce(on: today).placeAndDate(place: model.place.isEmpty ? "…" : model.place, date: today)))))),
                .p(.class("report-title"), .strong(.text("BÁO CÁO"))),
                .forEach(model.subject.split(separator: "\n")) { .p(.class("report-title"), .strong(.text(String($0)))) },
                .forEach(outline.sections.enumerated()) { index, section in
                    .section(.h2(.text(section.heading)), .forEach(section.items.enumerated()) { item in
                        self.item(language, item.element, id: "r\(index)-\(item.offset)")
                    })
                },
                .div(.class("report-closing"),
                     .div(.p(.em(.strong(.text("Nơi nhận:")))), .forEach(model.recipients) { .p(.text("- \($0)")) }),
                     .div(.p(.strong(.text(model.authority))), .p(.strong(.text(model.signerTitle))), .p(.br()), .p(.strong(.text(model.signerName))))),
            ])
        }

        private func item(_ language: UILanguage, _ item: ReportOutline.Item, id: String) -> Node<HTML.BodyContext> {
            switch item {
            case .paragraph(let text):
                return .p(.text(text))
            case .table(let table):
                return .div(.class("table-wrap"), .table(.caption(.text(table.title)),
                    .thead(.tr(.forEach(table.header) { .th(.text($0)) })),
                    .tbody(.forEach(table.rows) { row in .tr(.forEach(row.enumerated()) { cell in
                        cell.offset == 0 ? .th(.attribute(named: "scope", value: "row"), .text(cell.element)) : .td(.class("num"), .text(cell.element))
                    }) })))
            case .chart(let chart, _):
                return .div(.class("chart"), .chart(chart, id: id, language: language))
            }
        }

        private func versions(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .section(.h2(.text(LocalizedText(vi: "Các lần ban hành", en: "Issued versions")(language))),
                .ul(.forEach(model.versions) { version in
                    .li(.id("v\(version.number)"), .strong(.text("\(version.number). Số \(version.symbol)")),
                        .text(LocalizedText(vi: ", ngày \(version.issuedOn.vietnamese), \(version.issuedBy); thể thức \(version.format). ",
                                            en: ", on \(version.issuedOn.vietnamese), by \(version.issuedBy); format \(version.format). ")(language)),
                        .forEach(ReportFileFormat.allCases) { format in
                            .a(.href(ReportRoute.version(.value(model.id), version: .value(version.number), format: .value(format.rawValue)).path),
                               .text(format.rawValue.uppercased() + " "))
                        },
                        .p(.class("muted"), .text("SHA-256 (DOCX): \(version.docxSha256)")))
                }))
        }

        private func issue(_ context: PageContext) -> Node<HTML.BodyContext> {
            let fields = context.fields(for: ReportShow.issueForm)
            return .section(.h2(.text(LocalizedText(vi: "Ban hành", en: "Issue")(context.language))),
                .p(.class("muted"), .text(LocalizedText(
                    vi: "Đăng ký báo cáo vào sổ văn bản của đơn vị (loại BC) và lưu bản ban hành không thay đổi; sửa sau đó là một lần ban hành mới với số mới.",
                    en: "Registers the report in the unit's documents (type BC) and archives the issued files unchanged; a later correction is a new issue with a new number.")(context.language))),
                fields.summary,
                fields.postForm(ReportRoute.issue(.value(model.id)).path,
                    fields.text("symbol", LocalizedText(vi: "Số, ký hiệu", en: "Number and symbol"), value: nil, required: true,
                                hint: LocalizedText(vi: "vd. 12-BC/ĐU", en: "e.g. 12-BC/ĐU")),
                    fields.text("issuedOn", LocalizedText(vi: "Ngày ban hành", en: "Date issued"), value: nil,
                                hint: LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")),
                    fields.submit(LocalizedText(vi: "Ban hành", en: "Issue"))))
        }
    }
}
