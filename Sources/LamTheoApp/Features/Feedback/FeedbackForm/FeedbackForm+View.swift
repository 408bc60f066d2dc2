import LamTheoCore
import Plot

extension FeedbackForm {
    /// The form, fresh or refused (its messages and values), with the token and the challenge its ticket carries.
    struct View {
        let site: PublicSite
        let ticket: PublicFormTicket
        let fields: FormFields

        func html() -> HTML {
            let language = UILanguage.vi
            let action = FeedbackRoute.submit(.value(site.slug)).path
            return PublicLayout.page(site: site, title: "Gửi ý kiến, kiến nghị", description: "Gửi ý kiến, kiến nghị đến \(site.title).",
                                     canonicalPath: action, content: .group(
                .h1(.text("Gửi ý kiến, kiến nghị")),
                .p(.text("Ý kiến được chuyển đến đơn vị có trách nhiệm và trả lời trong thời hạn. Bạn nhận mã tra cứu sau khi gửi. "
                                         + "Thông tin liên hệ chỉ dùng để trả lời, không công khai.")),
                fields.summary,
                .form(.class("stack"), .method(.post), .action(action), .enctype(.multipartData),
                      ticket.hiddenFields,
                      fields.select("topic", FeedbackCommands.topicLabel, options: [("", "— Chọn lĩnh vực —")]
                                        + FeedbackTopic.allCases.map { ($0.rawValue, $0.label(language)) }, selected: nil, required: true),
                      fields.text("topicOther", LocalizedText(vi: "Lĩnh vực khác (nếu chọn Khác)", en: "Other topic"), value: nil),
                      fields.textArea("content", FeedbackCommands.contentLabel, value: nil, rows: 8),
                      .h2(.text("Thông tin để trả lời bạn")),
                      .p(.class("meta"), .text("Cho biết ít nhất một cách liên hệ: số điện thoại, thư điện tử hoặc địa chỉ.")),
                      fields.text("senderName", LocalizedText(vi: "Họ và tên", en: "Name"), value: nil, autocomplete: "name"),
                      fields.text("senderPhone", LocalizedText(vi: "Số điện thoại", en: "Phone"), value: nil, type: .tel, autocomplete: "tel"),
                      fields.text("senderEmail", LocalizedText(vi: "Thư điện tử", en: "E-mail"), value: nil, type: .email, autocomplete: "email"),
                      fields.text("senderAddress", LocalizedText(vi: "Địa chỉ", en: "Address"), value: nil, autocomplete: "street-address"),
                      fields.checkbox("consentsToPublish", LocalizedText(vi: "Tôi đồng ý công khai nội dung trả lời (không kèm thông tin cá nhân)",
                                                                         en: "I agree to the answer being published"), checked: false),
                      fields.text("attachments", LocalizedText(vi: "Tệp đính kèm (tối đa \(FeedbackCommands.maximumAttachments) tệp PDF, DOCX, JPG, PNG; mỗi tệp đến \(FeedbackCommands.maximumAttachmentSize / 1_048_576) MB)",
                                                               en: "Attachments"), value: nil, type: .file, named: "attachments[]"),
                      ticket.challengeField(fields),
                      .div(.class("actions"), .button(.type(.submit), .text("Gửi ý kiến")))),
                .p(.a(.href(FeedbackRoute.siteTrack(.value(site.slug)).path), .text("Tra cứu ý kiến đã gửi")))
            ))
        }
    }

    struct ReceiptView {
        let site: PublicSite
        let receipt: Receipt

        func html() -> HTML {
            let track = FeedbackRoute.siteTrack(.value(site.slug))
            return PublicLayout.page(site: site, title: "Đã gửi ý kiến", description: nil, canonicalPath: FeedbackRoute.submit(.value(site.slug)).path,
                                     content: .group(
                .h1(.text("Đã gửi ý kiến, kiến nghị")),
                .p(.text("Mã tra cứu của bạn:")),
                .p(.class("lead"), .strong(.id("tracking-code"), .text(receipt.code))),
                .p(.text("Vui lòng ghi lại mã này. Ý kiến sẽ được trả lời trước ngày \(receipt.answerDueOn.vietnamese)."
                         + (receipt.attachments > 0 ? " Đã nhận \(receipt.attachments) tệp đính kèm." : ""))),
                .p(.a(.href(track.path(query: ["code": receipt.code])), .text("Tra cứu tình trạng ý kiến")))
            ))
        }
    }

    /// The tracking page: a code box, and what was found (or that nothing was).
    struct TrackView {
        let site: PublicSite
        let code: String?
        let found: Tracked?
        let message: String?

        func html() -> HTML {
            let path = FeedbackRoute.siteTrack(.value(site.slug)).path
            return PublicLayout.page(site: site, title: "Tra cứu ý kiến, kiến nghị", description: "Tra cứu tình trạng ý kiến đã gửi bằng mã tra cứu.",
                                     canonicalPath: path, content: .group(
                .h1(.text("Tra cứu ý kiến, kiến nghị")),
                .form(.class("search"), .method(.get), .action(path),
                      .label(.for("code"), .text("Mã tra cứu")),
                      .input(.id("code"), .name("code"), .type(.search), .value(code ?? ""), .placeholder("YK-XXXX-XXXX"),
                             .attribute(named: "autocapitalize", value: "characters"), .attribute(named: "autocomplete", value: "off")),
                      .button(.type(.submit), .text("Tra cứu"))),
                .unwrap(message) { .p(.attribute(named: "role", value: "alert"), .text($0)) },
                .unwrap(found) { item in
                    .group(
                        .h2(.text("Ý kiến \(item.code)")),
                        .dl(.dt(.text("Lĩnh vực")), .dd(.text(item.topic.vi)),
                            .dt(.text("Tình trạng")), .dd(.id("tracking-state"), .text(item.state.label.vi)),
                            .dt(.text("Ngày nhận")), .dd(.text(item.receivedOn.vietnamese)),
                            .dt(.text("Hạn trả lời")), .dd(.text(item.answerDueOn.vietnamese)),
                            .unwrap(item.answeredOn) { .group(.dt(.text("Ngày trả lời")), .dd(.text($0.vietnamese))) }),
                        .unwrap(item.answer) { answer in
                            .group(.h2(.text("Nội dung trả lời")),
                                   .div(.id("tracking-answer"), .forEach(answer.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }))
                        },
                        .unwrap(item.rejectionReason) { .group(.h2(.text("Lý do không thụ lý")), .p(.text($0))) },
                        .if(item.state == .answered, .p(.class("meta"), .text("Ý kiến đã được trả lời trực tiếp cho người gửi."))))
                },
                .p(.a(.href(FeedbackRoute.submit(.value(site.slug)).path), .text("Gửi ý kiến mới")))
            ))
        }
    }
}
