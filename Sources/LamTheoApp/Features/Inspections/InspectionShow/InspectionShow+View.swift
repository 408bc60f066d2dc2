import Foundation
import LamTheoCore
import Plot

extension InspectionShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let inspection = model.inspection
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(inspection.subject)),
                context.fields(for: "").summary,
                .p(.span(.class("badge"), .text(inspection.kind.label(language))), .text(" "),
                   .span(.class(inspection.closedOn == nil ? "badge" : "badge closed"),
                         .text(inspection.closedOn.map { LocalizedText(vi: "Đã kết thúc \($0.vietnamese)", en: "Closed \($0.vietnamese)")(language) }
                               ?? inspection.currentStep.map { LocalizedText(vi: "Đang: ", en: "Now: ")(language) + $0.label(language) } ?? ""))),
                facts(language),
                .h2(.text(LocalizedText(vi: "Đoàn kiểm tra", en: "Team")(language))),
                .ul(.forEach(inspection.team) { member in .li(.strong(.text(member.role.label(language) + ": ")), .text(member.name)) }),
                .h2(.text(LocalizedText(vi: "Các bước", en: "Steps")(language))),
                .ol(.class("log"), .forEach(inspection.steps) { step in
                    .li(.text(step.step.label(language) + " · "),
                        .span(.class(step.done ? "badge" : (step.step == inspection.currentStep ? "badge closed" : "badge")),
                              .text(step.done ? LocalizedText(vi: "Đã xong", en: "Done")(language)
                                    : step.step == inspection.currentStep ? LocalizedText(vi: "Đang thực hiện", en: "In progress")(language)
                                    : LocalizedText(vi: "Chưa đến", en: "Not yet")(language))),
                        .unwrap(stepDate(step.step)) { .span(.class("muted"), .text(" · " + $0.vietnamese)) })
                }),
                plan(context),
                selfReports(context),
                sessions(context),
                findings(context),
                conclusion(context),
                recommendations(context),
                closure(language),
                reads(language)
            )
            return Layout(title: inspection.subject, crumbs: [Crumb(title: InspectionList.title(language),
                                                                    url: InspectionRoute.list.path(query: [.unit: inspection.organizationId])),
                                                              Crumb(title: inspection.organizationName, url: nil)],
                          content: content)
        }

        private func stepDate(_ step: InspectionStep) -> CalendarDate? {
            switch step {
            case .plan: return model.inspection.planSentOn
            case .conclusion: return model.inspection.concludedOn
            case .closure: return model.inspection.closedOn
            default: return nil
            }
        }

        private func document(_ id: Int?) -> Node<HTML.BodyContext> {
            .unwrap(id) { id in .text(model.documentTitles[id] ?? "#\(id)") }
        }

        private func facts(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let inspection = model.inspection
            return .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Cấp quyết định", en: "Decided by")(language))), .dd(.text(inspection.organizationName)),
                .dt(.text(LocalizedText(vi: "Quyết định", en: "Decision")(language))), .dd(document(inspection.decisionDocumentId)),
                .dt(.text(LocalizedText(vi: "Thời kỳ", en: "Period covered")(language))),
                .dd(.text("\(inspection.periodFrom.vietnamese) – \(inspection.periodTo.vietnamese)")),
                .dt(.text(LocalizedText(vi: "Lịch kiểm tra", en: "Schedule")(language))),
                .dd(.text("\(inspection.startsOn.vietnamese) – \(inspection.endsOn.vietnamese)")),
                .dt(.text(LocalizedText(vi: "Hạn tự báo cáo", en: "Self-reports due")(language))), .dd(.text(inspection.selfReportDueOn.vietnamese)),
                .dt(.text(LocalizedText(vi: "Kiến nghị", en: "Recommendations")(language))),
                .dd(.a(.href(FollowUpRoute.list.path(query: [.unit: inspection.organizationId, "origin": Inspection.originKind])),
                       .text(LocalizedText(vi: "Mọi kiến nghị sau kiểm tra đang mở, quá hạn trước", en: "Every open recommendation, overdue first")(language)))))
        }

        private func unitChoices(_ ids: [Int]) -> [(value: String, title: String)] {
            model.inspection.units.filter { ids.contains($0.organizationId) }.map { (String($0.organizationId), $0.organizationName) }
        }

        private func documentChoices(_ language: UILanguage) -> [(value: String, title: String)] {
            [("", LocalizedText(vi: "— không chọn —", en: "— none —")(language))] + model.documentChoices.map { (String($0.id), $0.title) }
        }

        private static let dateHint = LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")

        private func plan(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.planForm)
            return .group(
                .unwrap(model.inspection.planNote) { .p(.class("muted"), .text($0)) },
                .if(model.mayRecord && model.inspection.planSentOn == nil, .group(
                    .h3(.text(InspectionStep.plan.label(language))),
                    fields.postForm(InspectionRoute.plan(.value(model.inspection.id)).path,
                        fields.text("sentOn", LocalizedText(vi: "Ngày gửi", en: "Sent on"), value: nil, hint: Self.dateHint),
                        fields.textArea("planNote", LocalizedText(vi: "Ghi chú (nội dung kế hoạch, đề cương)", en: "Note (the plan, the outline)"), value: nil, named: "note"),
                        fields.submit(LocalizedText(vi: "Ghi đã gửi kế hoạch", en: "Record the plan as sent"))))))
        }

        private func selfReports(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.selfReportForm)
            let inspection = model.inspection
            return .group(
                .h2(.text(LocalizedText(vi: "Đơn vị được kiểm tra", en: "Units inspected")(language))),
                .ul(.forEach(inspection.units) { unit in
                    .li(.a(.href(OrganizationRoute.show(.value(unit.organizationId)).path), .strong(.text(unit.organizationName))), .text(" · "),
                        .unwrap(unit.selfReportOn, { on in .text(LocalizedText(vi: "Đã nộp báo cáo \(on.vietnamese)", en: "Self-report sent \(on.vietnamese)")(language)) },
                                else: .text(LocalizedText(vi: "Chưa nộp báo cáo", en: "No self-report yet")(language))),
                        .if(unit.late, .group(.text(" "), .span(.class("badge closed"), .text(LocalizedText(vi: "Chậm", en: "Late")(language))))),
                        .unwrap(unit.selfReportDocumentId) { .p(.class("muted"), document($0)) },
                        .unwrap(unit.selfReportNote) { .p(.text($0)) })
                }),
                .if(!model.selfReportUnits.isEmpty && inspection.planSentOn != nil, .group(
                    .h3(.text(LocalizedText(vi: "Ghi báo cáo tự kiểm tra", en: "Record a self-report")(language))),
                    fields.postForm(InspectionRoute.selfReports(.value(inspection.id)).path,
                        fields.select("selfReportUnit", LocalizedText(vi: "Đơn vị", en: "Unit"), options: unitChoices(model.selfReportUnits), selected: nil, required: true,
                                      named: "organizationId"),
                        fields.select("documentId", LocalizedText(vi: "Văn bản báo cáo", en: "Report document"), options: documentChoices(language), selected: nil),
                        fields.textArea("selfReportNote", LocalizedText(vi: "Tóm tắt (khi không có văn bản)", en: "Summary (without a document)"), value: nil, named: "note"),
                        fields.text("submittedOn", LocalizedText(vi: "Ngày nộp", en: "Submitted on"), value: nil, hint: Self.dateHint),
                        fields.submit(LocalizedText(vi: "Ghi báo cáo", en: "Record the report"))))))
        }

        private func sessions(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.sessionForm)
            let inspection = model.inspection
            let names = Dictionary(uniqueKeysWithValues: inspection.units.map { ($0.organizationId, $0.organizationName) })
            return .group(
                .h2(.text(LocalizedText(vi: "Buổi làm việc", en: "Working sessions")(language))),
                inspection.sessions.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có buổi làm việc nào.", en: "No session yet.")(language)))
                    : .ol(.class("log"), .forEach(inspection.sessions) { session in
                        .li(.strong(.text(session.heldOn.vietnamese)), .text(" · " + (names[session.organizationId] ?? "")),
                            .unwrap(session.minutesDocumentId) { .p(.class("muted"), document($0)) },
                            .unwrap(session.minutes) { .p(.text($0)) })
                    }),
                .if(model.mayRecord && inspection.planSentOn != nil, .group(
                    .h3(.text(LocalizedText(vi: "Ghi buổi làm việc", en: "Record a session")(language))),
                    fields.postForm(InspectionRoute.sessions(.value(inspection.id)).path,
                        fields.select("sessionUnit", LocalizedText(vi: "Đơn vị", en: "Unit"), options: unitChoices(inspection.units.map(\.organizationId)),
                                      selected: nil, required: true, named: "organizationId"),
                        fields.text("heldOn", LocalizedText(vi: "Ngày làm việc", en: "Held on"), value: nil, required: true,
                                    hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                        fields.select("minutesDocumentId", LocalizedText(vi: "Văn bản biên bản", en: "Minutes document"), options: documentChoices(language), selected: nil),
                        fields.textArea("minutes", LocalizedText(vi: "Biên bản (khi không có văn bản)", en: "Minutes (without a document)"), value: nil),
                        fields.submit(LocalizedText(vi: "Ghi buổi làm việc", en: "Record the session"))))))
        }

        private func findings(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.findingForm)
            let criticising = context.fields(for: InspectionShow.criticismForm)
            let inspection = model.inspection
            return .group(
                .h2(.text(LocalizedText(vi: "Ưu điểm, hạn chế", en: "Findings")(language))),
                inspection.findings.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có nội dung kết luận nào.", en: "No finding yet.")(language)))
                    : .ol(.class("log"), .id("findings"), .forEach(inspection.findings) { finding in
                        .li(.span(.class(finding.kind == .shortcoming ? "badge closed" : "badge"), .text(finding.kind.label(language))),
                            .text(" · " + finding.organizationName), .p(.text(finding.text)),
                            .unwrap(finding.concerns) { .p(.class("muted"), .text(LocalizedText(vi: "Liên quan: ", en: "Concerns: ")(language) + $0)) },
                            .unwrap(finding.breakthroughId) { .p(.class("muted"), .a(.href(BreakthroughRoute.show(.value($0)).path),
                                                                                   .text(LocalizedText(vi: "Khâu đột phá số \($0)", en: "Breakthrough \($0)")(language)))) },
                            .unwrap(finding.commitmentId) { .p(.class("muted"), .text(LocalizedText(vi: "Cam kết số \($0)", en: "Commitment \($0)")(language))) },
                            .forEach(finding.criticisms) { criticism in
                                .p(.strong(.text(LocalizedText(vi: "Phê bình ", en: "Criticism of ")(language)
                                                 + criticism.target.label(language).lowercased() + " " + criticism.name + ": ")),
                                   .text(criticism.text))
                            })
                    }),
                .if(model.mayRecord && inspection.steps.contains { $0.step == .sessions && $0.done }, .group(
                    .h3(.text(LocalizedText(vi: "Ghi ưu điểm, hạn chế", en: "Record a finding")(language))),
                    fields.postForm(InspectionRoute.findings(.value(inspection.id)).path,
                        fields.select("findingUnit", LocalizedText(vi: "Đơn vị", en: "Unit"), options: unitChoices(inspection.units.map(\.organizationId)),
                                      selected: nil, required: true, named: "organizationId"),
                        fields.select("kind", LocalizedText(vi: "Loại", en: "Kind"), options: FindingKind.allCases.map { ($0.rawValue, $0.label(language)) },
                                      selected: nil, required: true),
                        fields.textArea("text", LocalizedText(vi: "Nội dung *", en: "Finding *"), value: nil),
                        fields.text("concerns", LocalizedText(vi: "Liên quan đến (số liệu, báo cáo…)", en: "Concerns (a figure, a report…)"), value: nil),
                        fields.text("breakthroughId", LocalizedText(vi: "Số khâu đột phá liên quan", en: "Breakthrough number"), value: nil),
                        fields.text("commitmentId", LocalizedText(vi: "Số cam kết liên quan", en: "Commitment number"), value: nil),
                        fields.submit(LocalizedText(vi: "Ghi nội dung", en: "Record the finding"))))),
                .if(model.mayRecord && !inspection.findings.isEmpty, .group(
                    .h3(.text(LocalizedText(vi: "Ghi phê bình", en: "Record a criticism")(language))),
                    criticising.postForm(InspectionRoute.criticisms(.value(inspection.id)).path,
                        criticising.select("findingId", LocalizedText(vi: "Căn cứ (nội dung kết luận)", en: "The finding it rests on"),
                                           options: inspection.findings.map { (String($0.id), "\($0.organizationName): \($0.text.prefix(80))") },
                                           selected: nil, required: true),
                        criticising.select("target", LocalizedText(vi: "Phê bình", en: "Of"),
                                           options: CriticismTarget.allCases.map { ($0.rawValue, $0.label(language)) }, selected: nil, required: true),
                        criticising.text("memberId", LocalizedText(vi: "Số đảng viên (phê bình cá nhân)", en: "Member number (a person)"), value: nil),
                        criticising.textArea("criticismText", LocalizedText(vi: "Nội dung phê bình *", en: "Criticism *"), value: nil, named: "text"),
                        criticising.submit(LocalizedText(vi: "Ghi phê bình", en: "Record the criticism"))))))
        }

        private func conclusion(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.conclusionForm)
            let inspection = model.inspection
            return .group(
                .h2(.text(InspectionStep.conclusion.label(language))),
                .unwrap(inspection.conclusionDocumentId, { .p(document($0)) },
                        else: .p(.class("muted"), .text(LocalizedText(vi: "Chưa có thông báo kết luận.", en: "No conclusion yet.")(language)))),
                .if(!inspection.findings.isEmpty, .p(.a(.class("button secondary"), .href(InspectionRoute.conclusionFile(.value(inspection.id)).path),
                    .text(LocalizedText(vi: "Tải dự thảo kết luận theo thể thức (Word)", en: "Download the drafted conclusion (Word)")(language))))),
                .if(model.mayRecord && inspection.conclusionDocumentId == nil && !inspection.findings.isEmpty, .group(
                    fields.postForm(InspectionRoute.conclusion(.value(inspection.id)).path,
                        fields.select("conclusionDocumentId", LocalizedText(vi: "Thông báo kết luận", en: "Conclusion notice"),
                                      options: documentChoices(language), selected: nil, required: true, named: "documentId"),
                        fields.text("concludedOn", LocalizedText(vi: "Ngày kết luận", en: "Concluded on"), value: nil, hint: Self.dateHint),
                        fields.submit(LocalizedText(vi: "Ghi kết luận", en: "Record the conclusion"))))))
        }

        private func recommendations(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language, fields = context.fields(for: InspectionShow.recommendationForm)
            let inspection = model.inspection
            let headers = [LocalizedText(vi: "Kiến nghị", en: "Recommendation"), LocalizedText(vi: "Đơn vị thực hiện", en: "Owner unit"),
                           LocalizedText(vi: "Thời hạn", en: "Deadline"), LocalizedText(vi: "Tình trạng", en: "Status")].map { $0(language) }
            return .group(
                .h2(.text(LocalizedText(vi: "Kiến nghị và khắc phục", en: "Recommendations and remediation")(language))),
                inspection.recommendations.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có kiến nghị nào.", en: "No recommendation yet.")(language)))
                    : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                        .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                        .tbody(.forEach(inspection.recommendations) { task in
                            .tr(.td(.attribute(named: "data-label", value: headers[0]), .a(.href(FollowUpRoute.show(.value(task.id)).path), .text(task.title))),
                                .td(.attribute(named: "data-label", value: headers[1]), .text(task.organizationName)),
                                .td(.attribute(named: "data-label", value: headers[2]), .text((task.extendedUntil ?? task.dueOn).vietnamese)),
                                .td(.attribute(named: "data-label", value: headers[3]),
                                    .span(.class(task.status == .overdue ? "badge closed" : "badge"), .text(task.status.label(language)))))
                        }))),
                .if(model.mayRecord && inspection.conclusionDocumentId != nil, .group(
                    .h3(.text(LocalizedText(vi: "Giao kiến nghị", en: "Issue a recommendation")(language))),
                    fields.postForm(InspectionRoute.recommendations(.value(inspection.id)).path,
                        fields.select("organizationIds", LocalizedText(vi: "Đơn vị chịu trách nhiệm", en: "Unit responsible"),
                                      options: unitChoices(inspection.units.map(\.organizationId)), selected: nil, required: true, named: "organizationId"),
                        fields.textArea("title", LocalizedText(vi: "Nội dung kiến nghị *", en: "Recommendation *"), value: nil),
                        fields.text("responsible", LocalizedText(vi: "Người hoặc chức danh chịu trách nhiệm", en: "Person or role responsible"), value: nil, required: true),
                        fields.text("requiredEvidence", LocalizedText(vi: "Minh chứng cần nộp", en: "Evidence required"), value: nil),
                        fields.text("dueOn", LocalizedText(vi: "Thời hạn hoàn thành", en: "Deadline"), value: nil, required: true,
                                    hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                        fields.submit(LocalizedText(vi: "Giao kiến nghị", en: "Issue"))))))
        }

        private func closure(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .if(model.mayRecord, .p(.a(.class("button secondary"), .href(InspectionRoute.closure(.value(model.inspection.id)).path),
                                       .text(LocalizedText(vi: "Kết thúc cuộc kiểm tra…", en: "Close the inspection…")(language)))))
        }

        private func reads(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .unwrap(model.reads) { reads in
                .group(
                    .h2(.text(LocalizedText(vi: "Đoàn xem hồ sơ đơn vị", en: "The team's reads")(language))),
                    reads.isEmpty
                        ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có lượt xem nào.", en: "No read yet.")(language)))
                        : .ol(.class("log"), .id("reads"), .forEach(reads) { read in
                            .li(.strong(.text(read.username)), .text(" · " + read.page), .span(.class("muted"), .text(" · " + VietnameseFormat.dateTime(read.readAt))))
                        }))
            }
        }
    }
}
