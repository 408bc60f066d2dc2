import LamTheoCore
import Plot

extension FollowUpShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let state = model.state
            let open = !FollowUpState.finished.contains(state)
            let reporting = context.fields(for: FollowUpShow.reportForm), reviewing = context.fields(for: FollowUpShow.reviewForm)
            let extending = context.fields(for: FollowUpShow.extensionForm)
            let dateHint = LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(model.title)),
                .p(.span(.class(model.status == .overdue ? "badge closed" : "badge"), .text(model.status.label(language)))),
                .dl(.class("facts"),
                    .dt(.text(LocalizedText(vi: "Nguồn", en: "Origin")(language))),
                    // The origin's words name its kind already ("Kết luận Hội nghị giao ban …, điểm 2").
                    .dd(.unwrap(model.originLink, { .a(.href($0), .text(model.origin)) }, else: .text(model.origin))),
                    .dt(.text(LocalizedText(vi: "Cấp giao", en: "Issued by")(language))), .dd(.text(model.issuerName)),
                    .dt(.text(LocalizedText(vi: "Đơn vị thực hiện", en: "Owner unit")(language))),
                    .dd(.a(.href(FollowUpRoute.list.path(query: [.unit: model.unitId])), .text(model.unitName))),
                    .dt(.text(LocalizedText(vi: "Người chịu trách nhiệm", en: "Responsible")(language))), .dd(.text(model.responsible)),
                    .unwrap(model.requiredEvidence) { evidence in
                        .group(.dt(.text(LocalizedText(vi: "Minh chứng cần nộp", en: "Evidence required")(language))), .dd(.text(evidence)))
                    },
                    .dt(.text(LocalizedText(vi: "Thời hạn", en: "Deadline")(language))),
                    .dd(.text(model.extendedUntil.map {
                        LocalizedText(vi: "\($0.vietnamese) (gia hạn từ \(model.dueOn.vietnamese))", en: "\($0.vietnamese) (extended from \(model.dueOn.vietnamese))")(language)
                    } ?? model.dueOn.vietnamese))),
                .if(model.mayReport && FollowUpState.awaitingOwner.contains(state), .group(
                    .h2(.text(state == .returned ? LocalizedText(vi: "Báo cáo lại", en: "Report again")(language)
                                                 : LocalizedText(vi: "Báo cáo kết quả", en: "Report")(language))),
                    reporting.postForm(FollowUpRoute.reports(.value(model.id)).path,
                        reporting.textArea("note", LocalizedText(vi: "Kết quả thực hiện, minh chứng", en: "What was done, the evidence"), value: nil),
                        reporting.text("reportedOn", LocalizedText(vi: "Ngày báo cáo", en: "Report date"), value: nil, hint: dateHint),
                        reporting.submit(LocalizedText(vi: "Gửi báo cáo", en: "Send the report"))))),
                .if(model.mayActAsIssuer && state == .reported, .group(
                    .h2(.text(LocalizedText(vi: "Xem xét báo cáo", en: "Review the report")(language))),
                    reviewing.postForm(FollowUpRoute.review(.value(model.id)).path,
                        reviewing.select("outcome", LocalizedText(vi: "Kết quả", en: "Outcome"),
                                         options: [(FollowUpReviewOutcome.accepted.rawValue, LocalizedText(vi: "Công nhận hoàn thành", en: "Accept")(language)),
                                                   (FollowUpReviewOutcome.returned.rawValue, LocalizedText(vi: "Trả lại, làm tiếp", en: "Return")(language))],
                                         selected: nil, required: true),
                        reviewing.text("comment", LocalizedText(vi: "Nhận xét (bắt buộc khi trả lại)", en: "Comment (required to return)"), value: nil),
                        reviewing.submit(LocalizedText(vi: "Ghi kết quả", en: "Record the review"))))),
                .if(model.mayActAsIssuer && open, .group(
                    .h2(.text(LocalizedText(vi: "Gia hạn", en: "Extend")(language))),
                    extending.postForm(FollowUpRoute.extension(.value(model.id)).path,
                        extending.text("until", LocalizedText(vi: "Gia hạn đến ngày", en: "Extend until"), value: nil, required: true,
                                       hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                        extending.text("reason", LocalizedText(vi: "Lý do", en: "Reason"), value: nil, required: true),
                        extending.submit(LocalizedText(vi: "Gia hạn", en: "Extend"))),
                    .p(.a(.class("button danger"), .href(FollowUpRoute.cancellation(.value(model.id)).path),
                          .text(LocalizedText(vi: "Hủy nhiệm vụ…", en: "Cancel the task…")(language)))))),
                .h2(.text(LocalizedText(vi: "Nhật ký", en: "Log")(language))),
                .ol(.class("log"), .forEach(model.events) { event in
                    .li(.strong(.text(event.onDate.vietnamese)), .text(" · " + event.action.label(language)),
                        .unwrap(event.until) { .text(LocalizedText(vi: " đến \($0.vietnamese)", en: " until \($0.vietnamese)")(language)) },
                        .unwrap(event.actor) { .span(.class("muted"), .text(" · " + $0)) },
                        .unwrap(event.note) { .p(.text($0)) })
                })
            )
            return Layout(title: model.title, crumbs: [Crumb(title: FollowUpList.title(language), url: FollowUpRoute.list.path(query: [.unit: model.unitId])),
                                                       Crumb(title: model.unitName, url: nil)],
                          content: content)
        }
    }
}
