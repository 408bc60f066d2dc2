import LamTheoCore
import Plot

extension ExemplarShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let dateHint = LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")
            let verifying = context.fields(for: ExemplarShow.verifyForm), commending = context.fields(for: ExemplarShow.commendForm)
            let asking = context.fields(for: ExemplarShow.replicationForm), adopting = context.fields(for: ExemplarShow.adoptionForm)
            let attaching = context.fields(for: ExemplarShow.evidenceForm)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(model.title)),
                .p(.span(.class("badge"), .text(model.state.label(language))), .text(" " + model.kind.label(language))),
                context.fields.summary,
                .dl(.class("facts"),
                    .dt(.text(LocalizedText(vi: "Đơn vị", en: "Unit")(language))),
                    .dd(.a(.href(ExemplarRoute.list.path(query: [.unit: model.unitId])), .text(model.unitName))),
                    .unwrap(model.memberName) { .group(.dt(.text(LocalizedText(vi: "Đảng viên", en: "Member")(language))), .dd(.text($0))) },
                    .unwrap(model.theme) { .group(.dt(.text(LocalizedText(vi: "Chủ đề làm theo", en: "Theme")(language))), .dd(.text($0))) },
                    .unwrap(model.summary) { .group(.dt(.text(LocalizedText(vi: "Việc đã làm", en: "What it did")(language))), .dd(.text($0))) },
                    .dt(.text(LocalizedText(vi: "Đề nghị", en: "Nominated")(language))),
                    .dd(.text("\(model.nominatedByName), \(model.nominatedOn.vietnamese)")),
                    .unwrap(model.verifiedOn) { day in
                        .group(.dt(.text(LocalizedText(vi: "Thẩm định", en: "Verified")(language))),
                               .dd(.text("\(model.verifiedByName ?? ""), \(day.vietnamese)"),
                                   .unwrap(model.verificationNote) { .p(.class("muted"), .text($0)) }))
                    },
                    .if(!model.sources.isEmpty, .group(.dt(.text(LocalizedText(vi: "Xuất phát từ", en: "Grew from")(language))),
                                                      .dd(.text(model.sources.joined(separator: "; ")))))),
                .if(!model.figures.isEmpty, .group(.h2(.text(LocalizedText(vi: "Kết quả trước và sau", en: "Before and after")(language))),
                                                   Self.figuresTable(model.figures, language))),
                .h2(.text(LocalizedText(vi: "Minh chứng", en: "Evidence")(language))),
                model.evidence.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có tệp minh chứng.", en: "No evidence file yet.")(language)))
                    : .ul(.forEach(model.evidence) { file in
                        .li(.a(.href(ExemplarRoute.evidenceFile(.value(model.id), evidence: .value(file.id)).path), .text(file.fileName)),
                            .unwrap(file.description) { .text(" · " + $0) })
                    }),
                .if(model.mayAddEvidence, attaching.postForm(ExemplarRoute.evidence(.value(model.id)).path, .enctype(.multipartData),
                    attaching.text("file", LocalizedText(vi: "Tệp minh chứng (PDF, DOCX, ảnh JPEG hoặc PNG)", en: "Evidence file (PDF, DOCX, JPEG or PNG)"),
                                   value: nil, required: true, type: .file),
                    attaching.text("description", LocalizedText(vi: "Nội dung minh chứng", en: "What it shows"), value: nil),
                    attaching.submit(LocalizedText(vi: "Bổ sung minh chứng", en: "Add the evidence")))),
                .h2(.text(LocalizedText(vi: "Khen thưởng", en: "Commendations")(language))),
                model.commendations.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa được khen thưởng.", en: "Not commended yet.")(language)))
                    : .ul(.forEach(model.commendations) { decision in
                        .li(.strong(.text(decision.form.label(language))), .text(" · \(decision.grantingName) · "),
                            .text(LocalizedText(vi: "Quyết định số \(decision.documentNumber) ngày \(decision.grantedOn.vietnamese)",
                                                en: "Decision \(decision.documentNumber) of \(decision.grantedOn.vietnamese)")(language)),
                            .p(.class("muted"), .text(decision.documentTitle)))
                    }),
                .h2(.text(LocalizedText(vi: "Nơi đã nhân rộng", en: "Where it spread")(language))),
                model.adoptions.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có đơn vị nào nhân rộng.", en: "No unit has adopted it yet.")(language)))
                    : .ul(.forEach(model.adoptions) { spread in
                        .li(.strong(.text(spread.unitName)), .text(" · " + spread.adoptedOn.vietnamese), .p(.text(spread.results)),
                            .if(!spread.figures.isEmpty, Self.figuresTable(spread.figures, language)))
                    }),
                .if(model.mayVerify, .group(
                    .h2(.text(LocalizedText(vi: "Thẩm định", en: "Verify")(language))),
                    verifying.postForm(ExemplarRoute.verification(.value(model.id)).path,
                        verifying.textArea("note", LocalizedText(vi: "Nội dung đã kiểm tra, thẩm định *", en: "What was checked *"), value: nil),
                        verifying.text("verifiedOn", LocalizedText(vi: "Ngày thẩm định", en: "Date"), value: nil, hint: dateHint),
                        verifying.submit(LocalizedText(vi: "Xác nhận đã thẩm định", en: "Confirm the verification"))))),
                .if(!model.grantingLevels.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Ghi nhận khen thưởng", en: "Record a commendation")(language))),
                    commending.postForm(ExemplarRoute.commendations(.value(model.id)).path,
                        commending.select("grantingOrganizationId", LocalizedText(vi: "Cấp khen thưởng", en: "Granting level"),
                                          options: model.grantingLevels.map { (String($0.id), $0.title) }, selected: nil, required: true),
                        commending.select("form", LocalizedText(vi: "Hình thức", en: "Form"),
                                          options: CommendationForm.allCases.map { ($0.rawValue, $0.label(language)) }, selected: nil, required: true),
                        commending.select("documentId", LocalizedText(vi: "Quyết định khen thưởng (văn bản đã vào sổ)", en: "Decision (a registered document)"),
                                          options: [("", "—")] + model.decisions.map { (String($0.id), $0.title) }, selected: nil, required: true),
                        commending.text("grantedOn", LocalizedText(vi: "Ngày khen thưởng", en: "Date"), value: nil, required: true,
                                        hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                        commending.submit(LocalizedText(vi: "Ghi nhận khen thưởng", en: "Record the commendation"))))),
                .unwrap(model.replicationIssuer) { issuer in
                    .group(
                        .h2(.text(LocalizedText(vi: "Giao nhân rộng", en: "Ask units to replicate")(language))),
                        .p(.class("muted"), .text(LocalizedText(vi: "Mỗi đơn vị được chọn nhận một nhiệm vụ nhân rộng; báo cáo kết quả nhân rộng sẽ trả lời nhiệm vụ đó.",
                                                                en: "Each unit chosen gets a replication task; its adoption report answers it.")(language))),
                        asking.postForm(ExemplarRoute.replicationRequests(.value(model.id)).path,
                            .input(.type(.hidden), .name("issuerOrganizationId"), .value(String(issuer.id))),
                            .fieldset(.element(named: "legend", text: LocalizedText(vi: "Đơn vị thuộc \(issuer.title)", en: "Units under \(issuer.title)")(language)),
                                      .forEach(model.replicationUnits) { unit in
                                          .label(.input(.type(.checkbox), .name("organizationIds[]"), .value(String(unit.id))), .text(" " + unit.title))
                                      },
                                      .forEach(asking.errors(for: "organizationIds")) { .p(.class("field-error"), .text($0)) }),
                            asking.text("responsible", LocalizedText(vi: "Người hoặc chức danh chịu trách nhiệm", en: "Person or role responsible"),
                                        value: nil, required: true),
                            asking.text("dueOn", LocalizedText(vi: "Thời hạn báo cáo", en: "Deadline"), value: nil, required: true,
                                        hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                            asking.submit(LocalizedText(vi: "Giao nhân rộng", en: "Ask them"))))
                },
                .if(!model.adoptingUnits.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Báo cáo kết quả nhân rộng", en: "Report an adoption")(language))),
                    adopting.postForm(ExemplarRoute.adoptions(.value(model.id)).path,
                        adopting.select("organizationId", LocalizedText(vi: "Đơn vị nhân rộng", en: "Adopting unit"),
                                        options: model.adoptingUnits.map { (String($0.id), $0.title) }, selected: nil, required: true),
                        adopting.textArea("results", LocalizedText(vi: "Cách làm và kết quả *", en: "What was done and the results *"), value: nil),
                        adopting.text("adoptedOn", LocalizedText(vi: "Ngày áp dụng", en: "Date"), value: nil, hint: dateHint),
                        adopting.text("indicator", LocalizedText(vi: "Chỉ tiêu kết quả (nếu có)", en: "Result indicator (if any)"), value: nil),
                        adopting.text("after", LocalizedText(vi: "Số liệu đạt được", en: "Figure reached"), value: nil,
                                      hint: LocalizedText(vi: "Ví dụ 12,5", en: "For example 12.5")),
                        adopting.text("measureUnit", LocalizedText(vi: "Đơn vị tính", en: "Unit of measure"), value: nil),
                        adopting.submit(LocalizedText(vi: "Gửi báo cáo nhân rộng", en: "Send the report"))))),
                .h2(.text(LocalizedText(vi: "Nhật ký", en: "Log")(language))),
                .ol(.class("log"), .forEach(model.events) { event in
                    .li(.strong(.text(event.onDate.vietnamese)), .text(" · " + event.action.label(language)),
                        .unwrap(event.unitName) { .text(" · " + $0) },
                        .unwrap(event.actor) { .span(.class("muted"), .text(" · " + $0)) },
                        .unwrap(event.note) { .p(.text($0)) })
                })
            )
            return Layout(title: model.title, crumbs: [Crumb(title: ExemplarList.title(language), url: ExemplarRoute.list.path(query: [.unit: model.unitId])),
                                                       Crumb(title: model.unitName, url: nil)],
                          content: content)
        }

        static func figuresTable(_ figures: [Model.Figure], _ language: UILanguage) -> Node<HTML.BodyContext> {
            let numbers = NumberFormat(language)
            let headers = [LocalizedText(vi: "Chỉ tiêu", en: "Indicator"), LocalizedText(vi: "Trước", en: "Before"),
                           LocalizedText(vi: "Sau", en: "After")].map { $0(language) }
            func value(_ number: Double?, _ unit: String?) -> String {
                guard let number else { return "—" }
                let text = number == number.rounded() && abs(number) < 1e15 ? numbers.integer(Int(number)) : numbers.decimal(number, fractionDigits: 1)
                return unit.map { $0 == "%" ? text + "%" : "\(text) \($0)" } ?? text
            }
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(figures) { figure in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .text(figure.indicator)),
                        .td(.class("num"), .attribute(named: "data-label", value: headers[1]), .text(value(figure.before, figure.unit))),
                        .td(.class("num"), .attribute(named: "data-label", value: headers[2]), .text(value(figure.after, figure.unit))))
                })))
        }
    }
}
