import LamTheoCore

/// How the audit trail words briefings: "Cán bộ Văn phòng Thành ủy ghi kết luận “Tiếp tục rà soát…”".
struct BriefingAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Briefing.auditEntity, noun: LocalizedText(vi: "hội nghị giao ban", en: "briefing"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Tên hội nghị", en: "Title")),
                AuditField("organizationId", LocalizedText(vi: "Cấp ủy triệu tập", en: "Convening committee"), .reference(.unit)),
                AuditField("theme", LocalizedText(vi: "Chuyên đề", en: "Theme")),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("series", LocalizedText(vi: "Chuỗi giao ban", en: "Series")),
                AuditField("heldOn", LocalizedText(vi: "Ngày họp", en: "Date"), .day),
                AuditField("startsAt", LocalizedText(vi: "Giờ họp", en: "Time")),
                AuditField("place", LocalizedText(vi: "Địa điểm", en: "Place")),
                AuditField("onlineLink", LocalizedText(vi: "Đường dẫn trực tuyến", en: "Online link")),
                AuditField("bridgePoints", LocalizedText(vi: "Điểm cầu", en: "Bridge points")),
                AuditField("agenda", LocalizedText(vi: "Chương trình", en: "Agenda")),
                AuditField("questions", LocalizedText(vi: "Vấn đề thảo luận", en: "Questions")),
                AuditField("leadReportId", LocalizedText(vi: "Báo cáo đề dẫn", en: "Lead report"), .reference(.document)),
                AuditField("contributionsDueOn", LocalizedText(vi: "Hạn nộp tham luận", en: "Contributions due"), .day),
                AuditField("lateContributionsAllowed", LocalizedText(vi: "Nhận tham luận nộp muộn", en: "Late contributions taken"), .flag),
                AuditField("noticeDocumentId", LocalizedText(vi: "Thông báo kết luận", en: "Conclusion notice"), .reference(.document)),
            ]),
            AuditRecordWording(BriefingContribution.auditEntity, noun: LocalizedText(vi: "tham luận", en: "contribution"), naming: .title("summary"), fields: [
                AuditField("briefingId", LocalizedText(vi: "Hội nghị", en: "Briefing")),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("summary", LocalizedText(vi: "Tóm tắt", en: "Summary")),
                AuditField("file", LocalizedText(vi: "Tệp tham luận", en: "File")),
                AuditField("submittedOn", LocalizedText(vi: "Ngày nộp", en: "Submitted on"), .day),
                AuditField("late", LocalizedText(vi: "Nộp muộn", en: "Late"), .flag),
                AuditField("presented", LocalizedText(vi: "Đã trình bày", en: "Presented"), .flag),
            ]),
            AuditRecordWording(BriefingConclusion.auditEntity, noun: LocalizedText(vi: "kết luận", en: "conclusion"), naming: .title("text"), fields: [
                AuditField("briefingId", LocalizedText(vi: "Hội nghị", en: "Briefing")),
                AuditField("number", LocalizedText(vi: "Điểm", en: "Point"), .number),
                AuditField("text", LocalizedText(vi: "Nội dung", en: "Text")),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("briefing.create", LocalizedText(vi: "tạo", en: "created")),
            AuditActionWording("briefing.contribute", LocalizedText(vi: "gửi", en: "sent")),
            AuditActionWording("briefing.present", LocalizedText(vi: "ghi nhận đã trình bày", en: "marked as presented")),
            AuditActionWording("briefing.conclude", LocalizedText(vi: "ghi", en: "wrote")),
            AuditActionWording("briefing.notice", LocalizedText(vi: "đăng ký thông báo kết luận của", en: "registered the conclusion notice of")),
        ]
    }
}
