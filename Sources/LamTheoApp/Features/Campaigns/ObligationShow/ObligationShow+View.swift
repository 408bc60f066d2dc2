import LamTheoCore
import Plot

extension ObligationShow {
    /// The names of the page's forms, for showing a refused one again as typed.
    static let submitForm = "submit", reviewForm = "review", extensionForm = "extension"

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields
            let submitting = context.fields(for: ObligationShow.submitForm), reviewing = context.fields(for: ObligationShow.reviewForm)
            let extending = context.fields(for: ObligationShow.extensionForm)
            let state = model.standing.state
            let campaignLink = CoverageRoute.campaign(.value(model.campaign.id)).path(query: [.unit: model.unit.id])
            let dateHint = LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")
            let title = "\(model.requirementTitle) · \(model.unit.name)"
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .dl(.class("facts"),
                    .dt(.text(LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language))),
                    .dd(.a(.href(campaignLink), .text(model.campaign.title))),
                    .dt(.text(LocalizedText(vi: "Hạn", en: "Due")(language))), .dd(.text(model.standing.dueText)),
                    .unwrap(model.extensionReason) { reason in .group(
                        .dt(.text(LocalizedText(vi: "Lý do gia hạn", en: "Reason for the extension")(language))), .dd(.text(reason))) },
                    .dt(.text(LocalizedText(vi: "Tình trạng", en: "Status")(language))), .dd(.text(model.standing.statusText(language))),
                    .if(model.requirementKind == .studySessions, .group(
                        .dt(.text(LocalizedText(vi: "Yêu cầu", en: "Requirement")(language))),
                        .dd(.text(LocalizedText(vi: "Tổ chức ít nhất \(model.minimumSessions ?? 1) buổi học tập; tự hoàn thành khi đủ số buổi",
                                                en: "Hold at least \(model.minimumSessions ?? 1) study sessions; met when they are recorded")(language)))))),
                fields.summary,
                .if(!model.submissions.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Các lần nộp", en: "Submissions")(language))),
                    .ol(.forEach(model.submissions) { submission in
                        .li(.text(LocalizedText(vi: "Lần \(submission.number), ngày ", en: "No. \(submission.number), on ")(language)
                                  + submission.submittedOn.vietnamese),
                            .if(submission.late, .group(.text(" "), .span(.class("badge closed"), .text(LocalizedText(vi: "Nộp muộn", en: "Late")(language))))),
                            .unwrap(submission.documentId) { id in
                                .group(.text(" · "), .a(.href(DocumentRoute.show(.value(id)).path), .text(submission.documentSymbol ?? "#\(id)")))
                            },
                            .unwrap(submission.note) { .p(.text($0)) },
                            .unwrap(submission.outcome) { outcome in
                                .p(.strong(.text(outcome == .accepted ? LocalizedText(vi: "Đã chấp nhận", en: "Accepted")(language)
                                                                      : LocalizedText(vi: "Trả lại để sửa", en: "Returned for revision")(language))),
                                   .unwrap(submission.reviewComment) { .text(": " + $0) })
                            })
                    }))),
                .if(model.canSubmit, .group(
                    .h2(.text(state == .returned ? LocalizedText(vi: "Nộp lại", en: "Resubmit")(language) : LocalizedText(vi: "Nộp", en: "Submit")(language))),
                    .unwrap(model.deadlineNotice) { .p(.class("notice"), .text($0(language))) },
                    submitting.postForm(CampaignRoute.submissions(.value(model.id)).path,
                        .if(model.requirementKind == .plan, submitting.select("documentId", LocalizedText(vi: "Kế hoạch của đơn vị (văn bản đã đăng ký)",
                                                                                                      en: "The unit's plan (a registered document)"),
                                                                          options: [("", "—")] + model.plans.map { (String($0.id), "\($0.symbol) · \($0.title)") },
                                                                          selected: nil, required: true)),
                        submitting.text("submittedOn", LocalizedText(vi: "Ngày nộp", en: "Submitted on"), value: nil, hint: dateHint),
                        submitting.text("note", LocalizedText(vi: "Ghi chú", en: "Note"), value: nil),
                        submitting.submit(LocalizedText(vi: "Nộp", en: "Submit"))))),
                .if(model.canReview && state == .submitted, .group(
                    .h2(.text(LocalizedText(vi: "Xem xét", en: "Review")(language))),
                    reviewing.postForm(CampaignRoute.review(.value(model.id)).path,
                        reviewing.select("outcome", LocalizedText(vi: "Kết quả", en: "Outcome"),
                                      options: [(ObligationReviewOutcome.accepted.rawValue, LocalizedText(vi: "Chấp nhận", en: "Accept")(language)),
                                                (ObligationReviewOutcome.returned.rawValue, LocalizedText(vi: "Trả lại để sửa", en: "Return for revision")(language))],
                                      selected: nil, required: true),
                        reviewing.text("comment", LocalizedText(vi: "Nhận xét (bắt buộc khi trả lại)", en: "Comment (required when returning)"), value: nil),
                        reviewing.submit(LocalizedText(vi: "Ghi kết quả", en: "Record the review"))))),
                .if(model.canReview && state.mayBeExtended, .group(
                    .h2(.text(LocalizedText(vi: "Gia hạn", en: "Extend")(language))),
                    extending.postForm(CampaignRoute.extension(.value(model.id)).path,
                        extending.text("until", LocalizedText(vi: "Gia hạn đến ngày", en: "Extend until"), value: nil, required: true,
                                       hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                        extending.text("reason", LocalizedText(vi: "Lý do", en: "Reason"), value: nil, required: true),
                        extending.submit(LocalizedText(vi: "Gia hạn", en: "Extend")))))
            )
            return Layout(title: title, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path),
                                                 Crumb(title: model.campaign.title, url: campaignLink)],
                          content: content)
        }
    }
}
