import Fluent
import Foundation
import LamTheoCore

/// What a reader sends under an article.
struct CommentInput: Codable, Sendable {
    var authorName: String?
    var authorEmail: String?
    var content: String?
}

struct CommentRejectionInput: Codable, Sendable {
    var reason: String?
}

struct CommentAnswerInput: Codable, Sendable {
    var answer: String?
    /// `editorial` (the default) or `committee`.
    var voice: String?
}

/// Readers' comments: sent (pending), approved, rejected with a reason, answered officially. Each is one write of the
/// caller's transaction; a decision may be changed (a rejected comment approved after all, an approved one taken down).
enum CommentCommands {
    static let maximumLength = 2_000
    static let nameLabel = LocalizedText(vi: "Họ và tên", en: "Name")
    static let emailLabel = LocalizedText(vi: "Email", en: "E-mail")
    static let contentLabel = LocalizedText(vi: "Ý kiến", en: "Your comment")

    /// A pending comment on `article`, which the caller has found published.
    static func submit(_ input: CommentInput, on article: Article, db: any Database) async throws -> ArticleComment {
        var validator = Validator()
        let name = validator.requiredText(input.authorName, field: "authorName", label: nameLabel, maxLength: 200)
        let email = validator.requiredText(input.authorEmail, field: "authorEmail", label: emailLabel, maxLength: 254)
        if !email.isEmpty, !MailAddress.isValid(email) {
            validator.add("authorEmail", LocalizedText(vi: "Email không đúng dạng, ví dụ ten@example.vn", en: "Not an e-mail address, e.g. name@example.vn"))
        }
        let content = validator.requiredText(input.content, field: "content", label: contentLabel, maxLength: maximumLength)
        try validator.throwIfInvalid()
        let comment = ArticleComment()
        comment.siteId = article.siteId
        comment.articleId = article.requireID()
        comment.authorName = name
        comment.authorEmail = email
        comment.content = content
        comment.status = .pending
        try await comment.create(on: db)
        return comment
    }

    static func approve(_ id: Int, by moderator: String, now: Date = Date(), on db: any Database) async throws -> ArticleComment {
        let comment = try await require(id, on: db)
        guard comment.status != .approved else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Ý kiến này đã được đăng", en: "This comment is approved already"))
        }
        comment.status = .approved
        comment.rejectionReason = nil
        return try await decided(comment, by: moderator, now: now, on: db)
    }

    static func reject(_ id: Int, _ input: CommentRejectionInput, by moderator: String, now: Date = Date(), on db: any Database) async throws -> ArticleComment {
        var validator = Validator()
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do không đăng", en: "Reason"), maxLength: 500)
        try validator.throwIfInvalid()
        let comment = try await require(id, on: db)
        guard comment.status != .rejected else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Ý kiến này đã bị từ chối", en: "This comment is rejected already"))
        }
        comment.status = .rejected
        comment.rejectionReason = reason
        return try await decided(comment, by: moderator, now: now, on: db)
    }

    /// The committee's official answer (a new one replaces the former); not on a rejected comment.
    static func answer(_ id: Int, _ input: CommentAnswerInput, by moderator: String, now: Date = Date(), on db: any Database) async throws -> ArticleComment {
        var validator = Validator()
        let text = validator.requiredText(input.answer, field: "answer", label: LocalizedText(vi: "Nội dung trả lời", en: "Answer"), maxLength: 5_000)
        let voice = AnswerVoice(rawValue: input.voice.flatMap { $0.isEmpty ? nil : $0 } ?? AnswerVoice.editorial.rawValue)
        validator.check(voice != nil, "voice", LocalizedText(vi: "Chọn trả lời với tư cách Ban biên tập hoặc cấp ủy",
                                                              en: "Answer as the editors (editorial) or the committee (committee)"))
        try validator.throwIfInvalid()
        let comment = try await require(id, on: db)
        guard comment.status != .rejected else {
            throw DomainError.conflict(field: "answer", LocalizedText(vi: "Không trả lời ý kiến đã bị từ chối", en: "A rejected comment cannot be answered"))
        }
        comment.answer = text
        comment.answerVoice = voice
        comment.answeredBy = moderator
        comment.answeredAt = now
        try await comment.save(on: db)
        return comment
    }

    static func require(_ id: Int, on db: any Database) async throws -> ArticleComment {
        guard let comment = try await ArticleComment.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy ý kiến bạn đọc", en: "Comment not found"))
        }
        return comment
    }

    private static func decided(_ comment: ArticleComment, by moderator: String, now: Date, on db: any Database) async throws -> ArticleComment {
        comment.moderatedBy = moderator
        comment.moderatedAt = now
        try await comment.save(on: db)
        return comment
    }
}
