import Foundation
import LamTheoCore
import Plot

/// The moderators' queue of a site's readers' comments, phone first: pending ones first, oldest first, each with the
/// commenter's e-mail (personal data: the page's view is logged), the article, and the forms to approve, reject with a
/// reason, or answer officially.
enum CommentQueue {
    static let title = LocalizedText(vi: "Ý kiến bạn đọc", en: "Readers' comments")
    static let rejectForm = "comment-reject", answerForm = "comment-answer"

    /// A comment as its moderators see it (the API's answer), with its article's title.
    struct Row: Sendable {
        let comment: CommentAPI.CommentDTO
        let articleTitle: String
    }

    struct Model: Sendable {
        let site: EditedSite
        let sites: [EditedSite]
        let status: CommentStatus?
        let pending: Int
        let rows: [Row]
        /// The comment whose form was refused, to show its messages beside it.
        var refusedId: Int? = nil
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let site = model.site.site
            let heading = "\(CommentQueue.title(language)) · \(site.title)"
            return Layout(title: heading, crumbs: [Crumb(title: site.title, url: PortalRoute.articles.path(query: [ArticleActions.siteQuery: model.site.id])),
                                                   Crumb(title: CommentQueue.title(language), url: nil)], content: .group(
                .h1(.text(CommentQueue.title(language))),
                .p(.class("muted"), .text(site.title)),
                .if(model.sites.count > 1, .nav(.ariaLabel(LocalizedText(vi: "Trang tin khác", en: "Other sites")(language)), .ul(.forEach(model.sites) { other in
                    .li(.a(.href(CommentRoute.queue.path(query: [ArticleActions.siteQuery: other.id])), .text(other.site.title)))
                }))),
                .nav(.ariaLabel(LocalizedText(vi: "Lọc theo trạng thái", en: "Filter by status")(language)), .p(
                    .a(.href(CommentRoute.queue.path(query: [ArticleActions.siteQuery: model.site.id])), .text(LocalizedText(vi: "Tất cả", en: "All")(language))),
                    .forEach(CommentStatus.allCases) { status in
                        .group(.text(" · "), .a(.href(CommentRoute.queue.path(query: [ArticleActions.siteQuery: model.site.id, "status": status.rawValue])),
                                                .text(status.label(language) + (status == .pending ? " (\(NumberFormat(language).integer(model.pending)))" : ""))))
                    })),
                .p(.class("muted"), .text(LocalizedText(vi: "Email của bạn đọc là thông tin cá nhân: mỗi lần xem trang này được ghi nhật ký.",
                                                        en: "Readers' e-mails are personal data: every view of this page is logged.")(language))),
                .if(model.rows.isEmpty, .p(.class("muted"), .text(LocalizedText(vi: "Không có ý kiến nào.", en: "No comments.")(language)))),
                .ul(.class("cards"), .forEach(model.rows) { row in card(row, context) })
            ))
        }

        private func card(_ item: Row, _ context: PageContext) -> Node<HTML.ListContext> {
            let language = context.language, row = item.comment
            let refused = model.refusedId == row.id
            let rejecting = refused ? context.fields(for: CommentQueue.rejectForm) : FormFields(language: language, errors: [], csrfToken: context.csrfToken)
            let answering = refused ? context.fields(for: CommentQueue.answerForm) : FormFields(language: language, errors: [], csrfToken: context.csrfToken)
            let articlePath = PublicArticleRoute.article(.value(model.site.site.slug), id: .value(row.articleId)).path
            return .li(.id("comment-\(row.id)"),
                .p(.span(.class(row.status == .rejected ? "badge closed" : "badge"), .text(row.status.label(language))),
                   .text(" "), .strong(.text(row.authorName)), .text(" · "), .a(.href("mailto:\(row.authorEmail)"), .text(row.authorEmail))),
                .p(.class("muted"), .text(row.createdAt.map { VietnameseFormat.dateTime($0) + " · " } ?? ""), .a(.href(articlePath), .text(item.articleTitle))),
                .div(.class("prose"), CommentThread.paragraphs(row.content)),
                .unwrap(row.rejectionReason) { .p(.class("muted"), .text(LocalizedText(vi: "Lý do không đăng: ", en: "Reason: ")(language) + $0)) },
                .unwrap(row.answer) { answer in
                    .div(.class("prose"), .p(.strong(.text((row.answerVoice ?? .editorial).label(language)))), CommentThread.paragraphs(answer))
                },
                .if(refused, context.fields.summary),
                .if(row.status != .approved, context.fields.postButton(CommentRoute.approve(.value(row.id)).path, LocalizedText(vi: "Duyệt đăng", en: "Approve"))),
                .if(row.status != .rejected, .group(
                    .element(named: "details", nodes: [.attribute(named: "open", value: refused && context.refused?.form == CommentQueue.answerForm ? "open" : nil),
                        .element(named: "summary", nodes: [.text(LocalizedText(vi: "Trả lời chính thức", en: "Official answer")(language))]),
                        answering.postForm(CommentRoute.answer(.value(row.id)).path,
                            answering.select("voice-\(row.id)", LocalizedText(vi: "Trả lời với tư cách", en: "Answer as"),
                                             options: AnswerVoice.allCases.map { ($0.rawValue, $0.label(language)) }, selected: row.answerVoice?.rawValue, named: "voice"),
                            answering.textArea("answer-\(row.id)", LocalizedText(vi: "Nội dung trả lời", en: "Answer"), value: row.answer, rows: 4, named: "answer"),
                            answering.submit(LocalizedText(vi: "Đăng trả lời", en: "Post the answer")))]),
                    .element(named: "details", nodes: [.attribute(named: "open", value: refused && context.refused?.form == CommentQueue.rejectForm ? "open" : nil),
                        .element(named: "summary", nodes: [.text(LocalizedText(vi: "Không đăng", en: "Reject")(language))]),
                        rejecting.postForm(CommentRoute.reject(.value(row.id)).path,
                            rejecting.text("reason-\(row.id)", LocalizedText(vi: "Lý do không đăng", en: "Reason"), value: nil, required: true, named: "reason"),
                            rejecting.submit(LocalizedText(vi: "Không đăng", en: "Reject")))]))))
        }
    }
}
