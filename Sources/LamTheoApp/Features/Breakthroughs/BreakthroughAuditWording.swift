import LamTheoCore

/// How the audit trail words breakthroughs: "Bí thư Nguyễn Văn Bình cập nhật tiến độ khâu đột phá “Số hóa hồ sơ
/// đảng viên”", with "Kết quả mới nhất: 60 → 75".
struct BreakthroughAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Breakthrough.auditEntity, noun: LocalizedText(vi: "khâu đột phá", en: "breakthrough"), naming: .title("content"), fields: [
                AuditField("content", LocalizedText(vi: "Nội dung", en: "Content")),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("targetKind", LocalizedText(vi: "Loại chỉ tiêu", en: "Target"), .choice(Self.targetKind)),
                AuditField("baselineValue", LocalizedText(vi: "Giá trị ban đầu", en: "Baseline"), .number),
                AuditField("targetValue", LocalizedText(vi: "Chỉ tiêu", en: "Target value"), .number),
                AuditField("measureUnit", LocalizedText(vi: "Đơn vị tính", en: "Unit of measure")),
                AuditField("deliverable", LocalizedText(vi: "Sản phẩm cần có", en: "Deliverable")),
                AuditField("ownerMemberId", LocalizedText(vi: "Người phụ trách", en: "Owner"), .reference(.member)),
                AuditField("ownerRole", LocalizedText(vi: "Chức danh phụ trách", en: "Owner's role")),
                AuditField("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
                AuditField("latestValue", LocalizedText(vi: "Kết quả mới nhất", en: "Latest value"), .number),
                AuditField("lastCheckInOn", LocalizedText(vi: "Cập nhật lần cuối", en: "Last reported on"), .day),
                AuditField("done", LocalizedText(vi: "Đã hoàn thành", en: "Done"), .flag),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("breakthrough.set", LocalizedText(vi: "đặt", en: "set")),
            AuditActionWording("breakthrough.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("breakthrough.checkIn", LocalizedText(vi: "cập nhật tiến độ", en: "reported progress on")),
        ]
    }

    private static let targetKind: @Sendable (String) -> LocalizedText? = { code in
        switch BreakthroughTargetKind(rawValue: code) {
        case .numeric?: return LocalizedText(vi: "Chỉ tiêu bằng số", en: "A number")
        case .deliverable?: return LocalizedText(vi: "Sản phẩm cụ thể", en: "A deliverable")
        case nil: return nil
        }
    }
}
