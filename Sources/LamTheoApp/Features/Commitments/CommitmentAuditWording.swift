import LamTheoCore

/// How the audit trail words the members' commitments: "Đảng viên Nguyễn Văn Bình đăng ký làm theo “Vận động các hộ
/// phân loại rác tại nguồn”", "Bí thư … đánh giá việc làm theo “…”: Đạt".
struct CommitmentAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Commitment.auditEntity, noun: LocalizedText(vi: "việc làm theo", en: "commitment"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Nội dung", en: "Commitment")),
                AuditField("measure", LocalizedText(vi: "Kết quả cần đạt", en: "Measure")),
                AuditField("dueOn", LocalizedText(vi: "Hạn", en: "Due"), .day),
                AuditField("memberId", LocalizedText(vi: "Đảng viên", en: "Member"), .reference(.member)),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("selfResult", LocalizedText(vi: "Tự đánh giá", en: "Self-assessment"), .choice(Self.result)),
                AuditField("selfNote", LocalizedText(vi: "Ghi chú tự đánh giá", en: "Self-assessment note")),
                AuditField("cellResult", LocalizedText(vi: "Chi bộ đánh giá", en: "Cell's assessment"), .choice(Self.result)),
                AuditField("cellNote", LocalizedText(vi: "Nhận xét của chi bộ", en: "Cell's note")),
            ]),
            AuditRecordWording(CommitmentCheckIn.auditEntity, noun: LocalizedText(vi: "tiến độ làm theo", en: "progress"), fields: [
                AuditField("notedOn", LocalizedText(vi: "Ngày", en: "Date"), .day),
                AuditField("progress", LocalizedText(vi: "Tiến độ (%)", en: "Progress (%)"), .number),
                AuditField("value", LocalizedText(vi: "Kết quả", en: "Result")),
                AuditField("note", LocalizedText(vi: "Ghi chú", en: "Note")),
                AuditField("evidence", LocalizedText(vi: "Minh chứng", en: "Evidence")),
            ]),
            AuditRecordWording(CommitmentPledge.auditEntity, noun: LocalizedText(vi: "lời cam kết", en: "pledge"), naming: .owner("memberId", .member), fields: [
                AuditField("year", LocalizedText(vi: "Năm", en: "Year")),
                AuditField("text", LocalizedText(vi: "Nội dung", en: "Text")),
            ]),
            AuditRecordWording(CommitmentReminder.auditEntity, noun: LocalizedText(vi: "đảng viên", en: "member"), naming: .reference("memberId", .member), fields: [
                AuditField("year", LocalizedText(vi: "Năm", en: "Year")),
            ]),
            AuditRecordWording(CommitmentTemplate.auditEntity, noun: LocalizedText(vi: "mẫu việc làm theo", en: "commitment template"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Nội dung", en: "Commitment")),
                AuditField("measure", LocalizedText(vi: "Kết quả cần đạt", en: "Measure")),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("commitment.register", LocalizedText(vi: "đăng ký", en: "registered")),
            AuditActionWording("commitment.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("commitment.check-in", LocalizedText(vi: "cập nhật", en: "updated")),
            AuditActionWording("commitment.self-assess", LocalizedText(vi: "tự đánh giá", en: "self-assessed")) { states in
                states["selfResult"].flatMap(Self.result)
            },
            AuditActionWording("commitment.assess", LocalizedText(vi: "đánh giá", en: "assessed")) { states in
                states["cellResult"].flatMap(Self.result)
            },
            AuditActionWording("commitment.pledge", LocalizedText(vi: "ghi", en: "recorded")),
            AuditActionWording("commitment.remind", LocalizedText(vi: "nhắc đăng ký làm theo", en: "sent a commitment reminder to"), listsChanges: false),
            AuditActionWording("commitment-template.create", LocalizedText(vi: "thêm", en: "added")),
        ]
    }

    private static let result: @Sendable (String) -> LocalizedText? = { CommitmentResult(rawValue: $0)?.label }
}
