import LamTheoCore
import Plot

extension FeedbackShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let open = model.state.isOpen
            let forwarding = context.fields(for: FeedbackShow.forwardForm), answering = context.fields(for: FeedbackShow.answerForm)
            let rejecting = context.fields(for: FeedbackShow.rejectionForm)
            func fact(_ label: LocalizedText, _ value: String?) -> Node<HTML.DescriptionListContext> {
                .unwrap(value) { .group(.dt(.text(label(language))), .dd(.text($0))) }
            }
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(LocalizedText(vi: "Ý kiến \(model.code)", en: "Feedback \(model.code)")(language))),
                context.fields.summary,
                .p(.span(.class(model.overdue ? "badge closed" : "badge"),
                         .text(model.overdue ? FeedbackListStatus.overdue.label(language) : model.state.label(language)))),
                .dl(.class("facts"),
                    fact(LocalizedText(vi: "Lĩnh vực", en: "Topic"), model.topic(language)),
                    fact(LocalizedText(vi: "Gửi đến", en: "Sent to"), model.siteName),
                    fact(LocalizedText(vi: "Đơn vị giải quyết", en: "Unit responsible"), model.unitName),
                    fact(LocalizedText(vi: "Ngày nhận", en: "Received"), model.receivedOn.vietnamese),
                    fact(LocalizedText(vi: "Hạn trả lời", en: "Answer due"), model.answerDueOn.vietnamese),
                    fact(LocalizedText(vi: "Công khai trả lời", en: "Answer may be published"),
                         model.consentsToPublish ? LocalizedText(vi: "Người gửi đồng ý", en: "The sender agrees")(language)
                                                 : LocalizedText(vi: "Người gửi không đồng ý", en: "The sender does not agree")(language))),
                .h2(.text(FeedbackCommands.contentLabel(language))),
                .div(.class("prose"), .forEach(model.content.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }),
                .if(!model.attachments.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Tệp đính kèm", en: "Attachments")(language))),
                    .ul(.forEach(model.attachments) { file in
                        .li(.a(.href(FeedbackRoute.attachment(.value(model.id), file: .value(file.id)).path), .text(file.fileName)),
                            .span(.class("muted"), .text(" · \(NumberFormat(language).integer(max(1, file.size / 1024))) KB")))
                    }))),
                .h2(.text(LocalizedText(vi: "Người gửi", en: "Sender")(language))),
                .unwrap(model.contact, { contact in
                    .group(
                        .p(.class("muted"), .text(LocalizedText(vi: "Thông tin cá nhân: mỗi lần xem được ghi nhật ký.",
                                                                en: "Personal data: every view is logged.")(language))),
                        .dl(.class("facts"),
                            fact(LocalizedText(vi: "Họ và tên", en: "Name"), contact.name),
                            fact(LocalizedText(vi: "Địa chỉ", en: "Address"), contact.address),
                            fact(LocalizedText(vi: "Điện thoại", en: "Phone"), contact.phone),
                            fact(LocalizedText(vi: "Thư điện tử", en: "E-mail"), contact.email)),
                        .if(model.mayEdit, context.fields.postButton(FeedbackRoute.contactErasure(.value(model.id)).path,
                            LocalizedText(vi: "Xóa thông tin liên hệ theo yêu cầu của người gửi", en: "Erase the contact details at the sender's request"))))
                }, else: .p(.class("muted"), .text(LocalizedText(vi: "Đã xóa theo yêu cầu ngày \(model.contactErasedOn?.vietnamese ?? "")",
                                                                  en: "Erased on request on \(model.contactErasedOn?.vietnamese ?? "")")(language)))),
                .unwrap(model.answer) { answer in
                    .group(.h2(.text(LocalizedText(vi: "Trả lời", en: "Answer")(language) + (model.answeredOn.map { " · \($0.vietnamese)" } ?? ""))),
                           .div(.class("prose"), .forEach(answer.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }))
                },
                .unwrap(model.rejectionReason) { reason in
                    .group(.h2(.text(LocalizedText(vi: "Không thụ lý", en: "Rejected")(language))), .p(.text(reason)))
                },
                .if(model.mayEdit && model.state == .received,
                    context.fields.postButton(FeedbackRoute.acknowledgement(.value(model.id)).path,
                                              LocalizedText(vi: "Xác nhận đã nhận, đang xem xét", en: "Acknowledge"))),
                .if(model.mayEdit && open, .group(
                    .h2(.text(LocalizedText(vi: "Trả lời", en: "Answer")(language))),
                    answering.postForm(FeedbackRoute.answer(.value(model.id)).path,
                        answering.textArea("answer", LocalizedText(vi: "Nội dung trả lời", en: "Answer"), value: nil, rows: 6),
                        answering.submit(LocalizedText(vi: "Gửi trả lời", en: "Send the answer"))),
                    .if(!model.forwardTargets.isEmpty, .group(
                        .h2(.text(LocalizedText(vi: "Chuyển đơn vị giải quyết", en: "Forward")(language))),
                        forwarding.postForm(FeedbackRoute.forward(.value(model.id)).path,
                            forwarding.select("organizationId", LocalizedText(vi: "Đơn vị nhận", en: "Unit"),
                                              options: model.forwardTargets.map { (String($0.id), $0.name) }, selected: nil, required: true),
                            forwarding.text("note", LocalizedText(vi: "Ghi chú", en: "Note"), value: nil),
                            forwarding.submit(LocalizedText(vi: "Chuyển", en: "Forward"))))),
                    .h2(.text(LocalizedText(vi: "Không thụ lý", en: "Reject")(language))),
                    rejecting.postForm(FeedbackRoute.rejection(.value(model.id)).path,
                        rejecting.textArea("reason", LocalizedText(vi: "Lý do (gửi cho người dân)", en: "Reason (sent to the citizen)"), value: nil, rows: 3),
                        rejecting.submit(LocalizedText(vi: "Trả lời không thụ lý", en: "Reject"))))),
                .if(model.mayEdit && model.state == .answered && model.consentsToPublish,
                    context.fields.postButton(FeedbackRoute.publication(.value(model.id)).path,
                                              LocalizedText(vi: "Công khai nội dung trả lời", en: "Publish the answer"))),
                .h2(.text(LocalizedText(vi: "Nhật ký", en: "Log")(language))),
                .ol(.class("log"), .forEach(model.events) { event in
                    .li(.strong(.text(event.onDate.vietnamese)), .text(" · " + event.action.label(language)),
                        .unwrap(event.unitName) { .text(" → " + $0) },
                        .unwrap(event.actor) { .span(.class("muted"), .text(" · " + $0)) },
                        .unwrap(event.note) { .p(.text($0)) })
                })
            )
            return Layout(title: LocalizedText(vi: "Ý kiến \(model.code)", en: "Feedback \(model.code)")(language),
                          crumbs: [Crumb(title: FeedbackList.title(language), url: FeedbackRoute.list.path(query: [.unit: model.unitId])),
                                   Crumb(title: model.code, url: nil)],
                          content: content)
        }
    }
}
