import LamTheoCore
import Plot

extension BriefingShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let detail = model.detail
            let briefing = detail.briefing
            let id = briefing.requireID()
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(briefing.title)),
                .p(.span(.class("badge"), .text(model.held ? LocalizedText(vi: "Đã họp", en: "Held")(language)
                                                           : LocalizedText(vi: "Sắp họp", en: "Upcoming")(language)))),
                context.fields.summary,
                facts(language),
                .unwrap(detail.previous) { previous(of: $0, language: language) },
                .if(!briefing.agenda.isEmpty, .group(.h2(.text(LocalizedText(vi: "Chương trình", en: "Agenda")(language))),
                                                     .ol(.forEach(briefing.agenda) { .li(.text($0)) }))),
                .if(!briefing.questions.isEmpty, .group(.h2(.text(LocalizedText(vi: "Vấn đề đặt ra thảo luận", en: "Questions for discussion")(language))),
                                                        .ol(.forEach(briefing.questions) { .li(.text($0)) }))),
                contributions(context),
                conclusions(context),
                .p(.a(.class("button"), .href(BriefingRoute.notice(.value(id)).path),
                      .text(LocalizedText(vi: "Dự thảo thông báo kết luận", en: "Draft the conclusion notice")(language))))
            )
            return Layout(title: briefing.title, crumbs: [Crumb(title: BriefingPages.title(language),
                                                                url: BriefingRoute.list.path(query: [.unit: briefing.organizationId])),
                                                          Crumb(title: detail.committeeName, url: nil)],
                          content: content)
        }

        private func facts(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let detail = model.detail
            let briefing = detail.briefing
            func fact(_ term: LocalizedText, _ value: Node<HTML.BodyContext>) -> Node<HTML.DescriptionListContext> {
                .group(.dt(.text(term(language))), .dd(value))
            }
            return .dl(.class("facts"),
                fact(LocalizedText(vi: "Cấp ủy triệu tập", en: "Convened by"), .text(detail.committeeName)),
                fact(LocalizedText(vi: "Chuyên đề", en: "Theme"), .text(briefing.theme)),
                .unwrap(detail.campaignTitle) { fact(LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .text($0)) },
                .unwrap(briefing.series) { fact(LocalizedText(vi: "Chuỗi giao ban", en: "Series"), .text($0)) },
                fact(LocalizedText(vi: "Thời gian", en: "When"), .text(briefing.heldOn.vietnamese + (briefing.startsAt.map { ", \($0)" } ?? ""))),
                .unwrap(briefing.place) { fact(LocalizedText(vi: "Địa điểm", en: "Place"), .text($0)) },
                .unwrap(briefing.onlineLink) { fact(LocalizedText(vi: "Trực tuyến", en: "Online"), .a(.href($0), .text($0))) },
                .if(!briefing.bridgePoints.isEmpty,
                    fact(LocalizedText(vi: "Điểm cầu", en: "Bridge points"), .text(briefing.bridgePoints.joined(separator: "; ")))),
                .unwrap(detail.leadReport) { report in
                    fact(LocalizedText(vi: "Báo cáo đề dẫn", en: "Lead report"),
                         .a(.href(DocumentRoute.show(.value(report.id)).path), .text("\(report.symbol) · \(report.title)")))
                },
                fact(LocalizedText(vi: "Hạn nộp tham luận", en: "Contributions due"),
                     .text(briefing.contributionsDueOn.vietnamese + (briefing.lateContributionsAllowed
                         ? LocalizedText(vi: " (nhận nộp muộn)", en: " (late ones taken)")(language)
                         : LocalizedText(vi: " (không nhận nộp muộn)", en: " (no late ones)")(language)))),
                .unwrap(detail.notice) { notice in
                    fact(LocalizedText(vi: "Thông báo kết luận", en: "Conclusion notice"),
                         .a(.href(DocumentRoute.show(.value(notice.id)).path), .text(notice.symbol)))
                })
        }

        /// What became of the previous briefing's tasks: the figures by status, then the tasks, overdue first.
        private func previous(of previous: BriefingDetail.Previous, language: UILanguage) -> Node<HTML.BodyContext> {
            .group(
                .h2(.text(LocalizedText(vi: "Kết quả thực hiện kết luận hội nghị trước", en: "The previous briefing's tasks")(language))),
                .p(.a(.href(BriefingRoute.show(.value(previous.id)).path), .text(previous.title)), .text(" · " + previous.heldOn.vietnamese)),
                previous.tally.total == 0
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Hội nghị trước không giao nhiệm vụ nào.", en: "The previous briefing gave no tasks.")(language)))
                    : .group(
                        .div(.class("figures"), .forEach([FollowUpStatus.accepted, .reported, .open, .returned, .overdue]) { status in
                            figureTile(status.label, VietnameseFormat.integer(previous.tally[status]), link: nil, language: language)
                        }),
                        tasks(previous.tasks, language: language))
            )
        }

        /// A block each, like the contributions: a task's words are too long for a card's label column.
        private func tasks(_ tasks: [BriefingDetail.Task], language: UILanguage) -> Node<HTML.BodyContext> {
            .ol(.class("log"), .forEach(tasks) { task in
                .li(.strong(.text(task.unitName)),
                    .text(LocalizedText(vi: " · hạn \(task.deadline.vietnamese) ", en: " · due \(task.deadline.vietnamese) ")(language)),
                    .span(.class(task.status == .overdue ? "badge closed" : "badge"), .text(task.status.label(language))),
                    .p(.a(.href(FollowUpRoute.show(.value(task.id)).path), .text(task.title))))
            })
        }

        private func contributions(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let detail = model.detail
            let id = detail.briefing.requireID()
            let sent = detail.units.filter { $0.contributions > 0 }.count
            let fields = context.fields(for: BriefingShow.contributionForm)
            return .group(
                .h2(.id("contributions"), .text(LocalizedText(vi: "Tham luận", en: "Contributions")(language))),
                .p(.strong(.text(detail.presented.sentence(language)))),
                .p(.text(LocalizedText(vi: "Đã nộp: \(sent)/\(detail.units.count) đơn vị được mời", en: "Sent: \(sent) of \(detail.units.count) invited units")(language))),
                .ul(.forEach(detail.units) { unit in
                    .li(.text(unit.name + " · "),
                        unit.contributions > 0
                            ? .span(.class("badge"), .text(LocalizedText(vi: "Đã nộp", en: "Sent")(language)
                                                           + (unit.contributions > 1 ? " (\(unit.contributions))" : "")))
                            : .span(.class("badge closed"), .text(LocalizedText(vi: "Chưa nộp", en: "Not sent")(language))))
                }),
                // A block each rather than a table: a summary is a sentence, too long for a card's label column.
                .if(!detail.contributions.isEmpty, .ol(.class("log"), .forEach(detail.contributions) { contribution in
                    .li(.strong(.text(contribution.unitName)), .text(" · " + contribution.submittedOn.vietnamese + " "),
                        .if(contribution.late, .span(.class("badge closed"), .text(LocalizedText(vi: "Nộp muộn", en: "Late")(language)))),
                        .p(.text(contribution.summary)),
                        .unwrap(contribution.fileName) { name in
                            .p(.a(.href(BriefingRoute.file(.value(id), contribution: .value(contribution.id)).path), .text(name)))
                        },
                        contribution.presented
                            ? .p(.span(.class("badge"), .text(LocalizedText(vi: "Đã trình bày", en: "Presented")(language))))
                            : .if(model.mayRun && model.held,
                                  context.fields.postButton(BriefingRoute.presented(.value(id), contribution: .value(contribution.id)).path,
                                                            LocalizedText(vi: "Đánh dấu đã trình bày", en: "Mark presented")),
                                  else: .p(.class("muted"), .text(LocalizedText(vi: "Chưa trình bày", en: "Not presented")(language)))))
                })),
                .if(!model.contributors.isEmpty, .group(
                    .h3(.text(LocalizedText(vi: "Gửi tham luận", en: "Send a contribution")(language))),
                    fields.postForm(BriefingRoute.contributions(.value(id)).path, .enctype(.multipartData),
                        fields.select("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"),
                                      options: model.contributors.map { (String($0.id), $0.name) }, selected: nil, required: true),
                        fields.textArea("summary", LocalizedText(vi: "Tóm tắt tham luận", en: "Summary"), value: nil),
                        fields.text("file", LocalizedText(vi: "Tệp tham luận (PDF, DOCX, JPEG, PNG)", en: "File (PDF, DOCX, JPEG, PNG)"), value: nil, type: .file),
                        fields.submit(LocalizedText(vi: "Gửi tham luận", en: "Send")))))
            )
        }

        private func conclusions(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let detail = model.detail
            let id = detail.briefing.requireID()
            let fields = context.fields(for: BriefingShow.conclusionForm)
            let chosen = Set((context.refused?.form == BriefingShow.conclusionForm ? context.refused?.values["taskUnitIds"] : nil)?
                .split(separator: ",").compactMap { Int($0) } ?? [])
            let unitErrors = fields.errors(for: "taskUnitIds")
            return .group(
                .h2(.id("conclusions"), .text(LocalizedText(vi: "Kết luận", en: "Conclusions")(language))),
                detail.conclusions.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có kết luận.", en: "No conclusion yet.")(language)))
                    : .ol(.forEach(detail.conclusions) { conclusion in
                        .li(.text(conclusion.text),
                            .if(!conclusion.tasks.isEmpty, .ul(.forEach(conclusion.tasks) { task in
                                .li(.a(.href(FollowUpRoute.show(.value(task.id)).path), .text(task.unitName)),
                                    .text(LocalizedText(vi: " · hạn \(task.deadline.vietnamese) · ", en: " · due \(task.deadline.vietnamese) · ")(language)),
                                    .span(.class(task.status == .overdue ? "badge closed" : "badge"), .text(task.status.label(language))))
                            })))
                    }),
                .if(model.mayRun && model.held, .group(
                    .h3(.text(LocalizedText(vi: "Thêm kết luận", en: "Add a conclusion")(language))),
                    fields.postForm(BriefingRoute.conclusions(.value(id)).path,
                        fields.textArea("text", LocalizedText(vi: "Nội dung kết luận *", en: "Conclusion *"), value: nil),
                        .fieldset(
                            .element(named: "legend", text: LocalizedText(vi: "Giao nhiệm vụ (nếu có)", en: "Task it becomes (optional)")(language)),
                            .div(.id("taskUnitIds"), .forEach(detail.units) { unit in
                                .div(.class("choice"), .input(.type(.checkbox), .id("taskUnit-\(unit.id)"), .name("taskUnitIds[]"), .value(String(unit.id)),
                                                              .attribute(named: "checked", value: chosen.contains(unit.id) ? "checked" : nil)),
                                     .label(.for("taskUnit-\(unit.id)"), .text(unit.name)))
                            }),
                            .forEach(unitErrors) { .p(.class("field-error"), .text($0)) },
                            fields.text("responsible", LocalizedText(vi: "Người hoặc chức danh chịu trách nhiệm", en: "Person or role responsible"), value: nil),
                            fields.text("requiredEvidence", LocalizedText(vi: "Minh chứng cần nộp", en: "Evidence required"), value: nil),
                            fields.text("dueOn", LocalizedText(vi: "Thời hạn hoàn thành", en: "Deadline"), value: nil,
                                        hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy"))),
                        fields.submit(LocalizedText(vi: "Ghi kết luận", en: "Record the conclusion")))))
            )
        }
    }
}
