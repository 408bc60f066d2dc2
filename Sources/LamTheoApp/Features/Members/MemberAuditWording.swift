import LamTheoCore

/// How the audit trail words the members' writes: "Bí thư Nguyễn Văn Bình sửa hồ sơ đảng viên Trần Thị Hoa", with
/// "Chi bộ: Chi bộ Khu phố 1 → Chi bộ Khu phố 2", and the personal-data log's views of members.
struct MemberAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Member.auditEntity, noun: LocalizedText(vi: "đảng viên", en: "member"), naming: .name("fullName"), fields: [
                AuditField("fullName", LocalizedText(vi: "Họ và tên", en: "Full name")),
                AuditField("gender", LocalizedText(vi: "Giới tính", en: "Gender"), .choice { Gender(rawValue: $0)?.label }),
                AuditField("birthDate", LocalizedText(vi: "Ngày sinh", en: "Born on"), .day),
                AuditField("cardNumber", LocalizedText(vi: "Số thẻ đảng viên", en: "Card number")),
                AuditField("admittedOn", LocalizedText(vi: "Ngày vào Đảng", en: "Admitted on"), .day),
                AuditField("fullMemberOn", LocalizedText(vi: "Ngày chính thức", en: "Full member on"), .day),
                AuditField("status", LocalizedText(vi: "Tình trạng", en: "Status"), .choice { MemberStatus(rawValue: $0)?.label }),
                AuditField("organizationId", LocalizedText(vi: "Chi bộ", en: "Cell"), .reference(.unit)),
                AuditField("idNumber", LocalizedText(vi: "Số CCCD", en: "ID number")),
                AuditField("phone", LocalizedText(vi: "Điện thoại", en: "Phone")),
                AuditField("address", LocalizedText(vi: "Địa chỉ", en: "Address")),
            ]),
            AuditRecordWording(MemberPosition.auditEntity, noun: LocalizedText(vi: "chức vụ", en: "position"), naming: .title("title"), fields: [
                AuditField("memberId", LocalizedText(vi: "Đảng viên", en: "Member"), .reference(.member)),
                AuditField("title", LocalizedText(vi: "Chức vụ", en: "Position")),
                AuditField("organizationId", LocalizedText(vi: "Tại", en: "At"), .reference(.unit)),
                AuditField("startedOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endedOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("member.create", LocalizedText(vi: "thêm", en: "added")),
            AuditActionWording("member.update", LocalizedText(vi: "sửa hồ sơ", en: "edited the record of")),
            AuditActionWording("member.transfer", LocalizedText(vi: "chuyển sinh hoạt", en: "transferred")),
            AuditActionWording("member.position.add", LocalizedText(vi: "giao", en: "assigned")),
            AuditActionWording("member.position.end", LocalizedText(vi: "kết thúc", en: "ended")),
        ]
    }

    var references: [any AuditReferenceSource] {
        [AuditColumnNames(.member, table: Member.schema, column: "full_name")]
    }

    var personalDataViews: [String: LocalizedText] {
        [
            "member.page": LocalizedText(vi: "Xem hồ sơ đảng viên", en: "Viewed a member's record"),
            "member.api": LocalizedText(vi: "Đọc hồ sơ đảng viên qua API", en: "Read a member's record through the API"),
            "member.list.api": LocalizedText(vi: "Đọc danh sách đảng viên qua API", en: "Read a list of members through the API"),
        ]
    }
}
