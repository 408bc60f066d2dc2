import LamTheoCore

/// How the audit trail words readers' comments: "Biên tập viên Nguyễn Văn A duyệt ý kiến bạn đọc của Trần Thị B".
struct CommentAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(ArticleComment.auditEntity, noun: LocalizedText(vi: "ý kiến bạn đọc", en: "reader's comment"), naming: .title("authorName"), fields: [
                AuditField("articleId", LocalizedText(vi: "Số hiệu tin bài", en: "Article")),
                AuditField("authorName", CommentCommands.nameLabel),
                AuditField("email", LocalizedText(vi: "Email (không ghi giá trị)", en: "E-mail (value not recorded)")),
                AuditField("contentLength", LocalizedText(vi: "Độ dài ý kiến (ký tự)", en: "Comment length (characters)"), .number),
                AuditField("status", LocalizedText(vi: "Trạng thái", en: "Status"), .choice { CommentStatus(rawValue: $0)?.label }),
                AuditField("rejectionReason", LocalizedText(vi: "Lý do không đăng", en: "Reason for rejection")),
                AuditField("answerLength", LocalizedText(vi: "Độ dài trả lời (ký tự)", en: "Answer length (characters)"), .number),
                AuditField("answerVoice", LocalizedText(vi: "Trả lời với tư cách", en: "Answered as"), .choice { AnswerVoice(rawValue: $0)?.label }),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("comment.submit", LocalizedText(vi: "nhận", en: "received")),
            AuditActionWording("comment.approve", LocalizedText(vi: "duyệt đăng", en: "approved")),
            AuditActionWording("comment.reject", LocalizedText(vi: "từ chối đăng", en: "rejected")),
            AuditActionWording("comment.answer", LocalizedText(vi: "trả lời", en: "answered")),
        ]
    }

    var references: [any AuditReferenceSource] { [] }
}
