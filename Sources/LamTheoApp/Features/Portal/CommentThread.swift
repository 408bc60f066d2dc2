import Foundation
import LamTheoCore
import Plot

/// Readers' comments on an article's public page: the approved ones with their official answers, oldest first, then
/// the form "Ý kiến bạn đọc về bài viết này". Never a commenter's e-mail. The same form stands alone on its own page
/// (refused, or asking the "mã bảo vệ"), and a receipt says the comment waits for moderation.
enum CommentThread {
    static let form = "comment"
    static let heading = "Ý KIẾN BẠN ĐỌC VỀ BÀI VIẾT NÀY"

    /// A comment as readers see it.
    struct Shown: Sendable, Equatable {
        let id: Int
        let authorName: String
        let content: String
        let createdAt: Date
        let answer: String?
        let answerVoice: AnswerVoice?

        init(_ comment: ArticleComment) {
            id = comment.id ?? 0
            authorName = comment.authorName
            content = comment.content
            createdAt = comment.createdAt ?? Date()
            answer = comment.answer
            answerVoice = comment.answerVoice
        }
    }

    struct Model: Sendable {
        let site: PublicSite
        let articleId: Int
        let comments: [Shown]
    }

    /// Where the cached article page's form takes each reader's token (`CommentPublicPages.stamped`): new in each
    /// process, as the cache is, so that no text anyone types can be it.
    static let tokenPlaceholder = "token-\(UUID().uuidString)"

    /// The section under the article: the comments, their count, and the form.
    static func section(_ model: Model) -> Node<HTML.BodyContext> {
        .section(.class("comments"), .id("comments"), .ariaLabel("Ý kiến bạn đọc"),
            .h2(.text("Ý kiến bạn đọc (\(VietnameseFormat.integer(model.comments.count)))")),
            .if(model.comments.isEmpty, .p(.class("meta"), .text("Chưa có ý kiến nào được đăng."))),
            .ol(.class("comment-list"), .forEach(model.comments) { comment in
                .li(.id("comment-\(comment.id)"),
                    .p(.class("meta"), .strong(.text(comment.authorName)), .text(" · "),
                       .time(.datetime(PublicPieces.iso(comment.createdAt)), .text(VietnameseFormat.dateTime(comment.createdAt)))),
                    paragraphs(comment.content),
                    .unwrap(comment.answer) { answer in
                        .div(.class("official-answer"),
                             .p(.class("answer-label"), .strong(.text((comment.answerVoice ?? .editorial).label.vi))),
                             paragraphs(answer))
                    })
            }),
            // Empty and with no CSRF token (a public form has none): the page is the same for every reader.
            formNodes(site: model.site, articleId: model.articleId, ticket: PublicFormTicket(token: tokenPlaceholder, challenge: nil),
                      fields: FormFields(language: .vi, errors: [], csrfToken: "")))
    }

    /// The form, its heading and its guard's fields: the honeypot, the signed token and, when due, the challenge.
    static func formNodes(site: PublicSite, articleId: Int, ticket: PublicFormTicket, fields: FormFields) -> Node<HTML.BodyContext> {
        .div(.class("comment-form"),
            .h2(.id("comment-form"), .text(heading)),
            .p(.class("meta"), .text("Ý kiến được Ban biên tập duyệt trước khi đăng. Email chỉ dùng để liên hệ, không công khai.")),
            fields.summary,
            .form(.class("stack"), .method(.post), .action(CommentRoute.submit(.value(site.slug), article: .value(articleId)).path),
                  ticket.hiddenFields,
                  fields.text("authorName", CommentCommands.nameLabel, value: nil, required: true, autocomplete: "name"),
                  fields.text("authorEmail", LocalizedText(vi: "Email (không công khai)", en: "E-mail (never shown)"), value: nil, required: true,
                              type: .email, autocomplete: "email"),
                  fields.textArea("content", LocalizedText(vi: "Ý kiến (tối đa \(VietnameseFormat.integer(CommentCommands.maximumLength)) ký tự) *",
                                                           en: "Your comment (up to \(CommentCommands.maximumLength) characters) *"), value: nil, rows: 5),
                  ticket.challengeField(fields),
                  .div(.class("actions"), .button(.type(.submit), .text("Gửi ý kiến")))))
    }

    static func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
        .forEach(text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }
    }

    /// The form on its own page: refused (its messages and what was sent) or asking the challenge.
    struct FormView {
        let site: PublicSite
        let article: PublicArticle
        let ticket: PublicFormTicket
        let fields: FormFields

        func html() -> HTML {
            let articlePath = PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path
            return PublicLayout.page(site: site, title: "Ý kiến về: \(article.title)", description: nil,
                                     canonicalPath: CommentRoute.submit(.value(site.slug), article: .value(article.id)).path, content: .group(
                .p(.class("meta"), .text("Ý kiến bạn đọc về bài viết")),
                .h1(.a(.href(articlePath), .text(article.title))),
                CommentThread.formNodes(site: site, articleId: article.id, ticket: ticket, fields: fields)))
        }
    }

    /// "Đang chờ duyệt": what a reader sees once the comment is sent.
    struct ReceiptView {
        let site: PublicSite
        let article: PublicArticle

        func html() -> HTML {
            let articlePath = PublicArticleRoute.article(.value(site.slug), id: .value(article.id)).path
            return PublicLayout.page(site: site, title: "Đã gửi ý kiến", description: nil,
                                     canonicalPath: CommentRoute.submit(.value(site.slug), article: .value(article.id)).path, content: .group(
                .h1(.text("Cảm ơn bạn đã gửi ý kiến")),
                .p(.id("comment-receipt"), .attribute(named: "role", value: "status"),
                   .text("Ý kiến của bạn đã được nhận và đang chờ duyệt. Ban biên tập sẽ xem xét trước khi đăng dưới bài viết.")),
                .p(.a(.href(articlePath), .text("Trở lại bài viết: \(article.title)")))))
        }
    }
}
