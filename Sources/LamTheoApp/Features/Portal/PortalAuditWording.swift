import LamTheoCore

/// How the audit trail words the public sites: "Quản trị Nguyễn Văn A sửa trang tin ben-thanh".
struct PortalAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(PortalSite.auditEntity, noun: LocalizedText(vi: "trang tin", en: "public site"), naming: .title("slug"), fields: [
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("slug", PortalSiteCommands.slugLabel),
                AuditField("title", LocalizedText(vi: "Tên trang", en: "Site title")),
                AuditField("tagline", LocalizedText(vi: "Khẩu hiệu", en: "Tagline")),
                AuditField("addressLine", LocalizedText(vi: "Địa chỉ liên hệ", en: "Address line")),
                AuditField("isPublished", LocalizedText(vi: "Công khai", en: "Published"), .flag),
            ]),
            AuditRecordWording(Article.auditEntity, noun: LocalizedText(vi: "tin bài", en: "article"), naming: .title("title"), fields: [
                AuditField("category", LocalizedText(vi: "Chuyên mục", en: "Category"), .choice { ArticleCategory(rawValue: $0)?.label }),
                AuditField("title", LocalizedText(vi: "Tiêu đề", en: "Title")),
                AuditField("summary", LocalizedText(vi: "Tóm tắt", en: "Summary")),
                AuditField("bodyLength", LocalizedText(vi: "Độ dài nội dung (ký tự)", en: "Body length (characters)"), .number),
                AuditField("authorName", LocalizedText(vi: "Tác giả", en: "Author")),
                AuditField("status", LocalizedText(vi: "Trạng thái", en: "Status"), .choice { ArticleStatus(rawValue: $0)?.label }),
                AuditField("publishedAt", LocalizedText(vi: "Đăng lúc", en: "Published at"), .instant),
                AuditField("linkKind", LocalizedText(vi: "Liên kết", en: "Link"), .choice { ArticleLinkKind(rawValue: $0)?.label }),
                AuditField("linkId", LocalizedText(vi: "Số hiệu liên kết", en: "Linked record")),
                AuditField("imageKey", LocalizedText(vi: "Ảnh đại diện", en: "Lead image")),
                AuditField("version", LocalizedText(vi: "Phiên bản", en: "Version"), .number),
            ]),
            AuditRecordWording(ArticleImage.auditEntity, noun: LocalizedText(vi: "ảnh tin bài", en: "article image"), naming: .title("name"), fields: [
                AuditField("name", LocalizedText(vi: "Tên tệp", en: "File name")),
                AuditField("contentType", LocalizedText(vi: "Loại", en: "Type")),
                AuditField("size", LocalizedText(vi: "Dung lượng (byte)", en: "Size (bytes)"), .number),
                AuditField("fileKey", LocalizedText(vi: "SHA-256", en: "SHA-256")),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("public-site.create", LocalizedText(vi: "tạo", en: "created")),
            AuditActionWording("public-site.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("article.create", LocalizedText(vi: "viết", en: "wrote")),
            AuditActionWording("article.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("article.submit", LocalizedText(vi: "gửi duyệt", en: "sent for review")),
            AuditActionWording("article.publish", LocalizedText(vi: "đăng", en: "published")),
            AuditActionWording("article.unpublish", LocalizedText(vi: "gỡ", en: "unpublished")),
            AuditActionWording("article.image", LocalizedText(vi: "tải lên", en: "uploaded")),
        ]
    }

    var references: [any AuditReferenceSource] { [] }
}
