import LamTheoCore

/// How the audit trail words exemplars: "Cán bộ Đảng ủy phường Gia Định khen thưởng điển hình “Tổ dân phố
/// không rác”", with "Tình trạng: Đã thẩm định → Đã khen thưởng".
struct ExemplarAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Exemplar.auditEntity, noun: LocalizedText(vi: "điển hình", en: "exemplar"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Tên", en: "Title")),
                AuditField("kind", LocalizedText(vi: "Loại", en: "Kind"), .choice { ExemplarKind(rawValue: $0)?.label }),
                AuditField("summary", LocalizedText(vi: "Việc đã làm", en: "What it did")),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("memberId", LocalizedText(vi: "Đảng viên", en: "Member"), .reference(.member)),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("topic", LocalizedText(vi: "Chủ đề", en: "Topic")),
                AuditField("state", LocalizedText(vi: "Tình trạng", en: "State"), .choice { ExemplarState(rawValue: $0)?.label }),
                AuditField("nominatedById", LocalizedText(vi: "Đơn vị đề nghị", en: "Nominated by"), .reference(.unit)),
                AuditField("nominatedOn", LocalizedText(vi: "Ngày đề nghị", en: "Nominated on"), .day),
                AuditField("verifiedById", LocalizedText(vi: "Cấp thẩm định", en: "Verified by"), .reference(.unit)),
                AuditField("verifiedOn", LocalizedText(vi: "Ngày thẩm định", en: "Verified on"), .day),
                AuditField("verificationNote", LocalizedText(vi: "Nội dung thẩm định", en: "What was checked")),
                AuditField("commendations", LocalizedText(vi: "Khen thưởng (hình thức, cấp, quyết định, ngày)", en: "Commendations (form, level, decision, date)")),
                AuditField("adoptions", LocalizedText(vi: "Nhân rộng (đơn vị, ngày)", en: "Adoptions (unit, date)")),
                AuditField("evidenceFiles", LocalizedText(vi: "Số tệp minh chứng", en: "Evidence files"), .number),
            ]),
            AuditRecordWording(CommendationAuthorityRecord.auditEntity, noun: LocalizedText(vi: "quy định thẩm quyền khen thưởng", en: "commendation authority"),
                               fields: []),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("exemplar.nominate", LocalizedText(vi: "đề nghị", en: "nominated")),
            AuditActionWording("exemplar.verify", LocalizedText(vi: "thẩm định", en: "verified")),
            AuditActionWording("exemplar.commend", LocalizedText(vi: "khen thưởng", en: "commended")),
            AuditActionWording("exemplar.requestReplication", LocalizedText(vi: "giao nhân rộng", en: "asked units to replicate")),
            AuditActionWording("exemplar.adopt", LocalizedText(vi: "ghi nhận nhân rộng", en: "recorded an adoption of")),
            AuditActionWording("exemplar.addEvidence", LocalizedText(vi: "bổ sung minh chứng cho", en: "added evidence to")),
            AuditActionWording("exemplar.authority", LocalizedText(vi: "ban hành phiên bản mới của", en: "added a version of")),
            AuditActionWording("exemplar.nominationRule", LocalizedText(vi: "đặt mức xếp loại tối thiểu để đề nghị điển hình tập thể", en: "set the lowest rating for a collective nomination"),
                               showsNoun: false),
        ]
    }
}

extension CommendationAuthorityRecord: Auditable {
    static var auditEntity: String { "commendation-authority" }
    var auditFields: [String: String?] {
        ["organizationKind": organizationKind, "form": form.rawValue, "validFrom": validFrom.iso, "validTo": validTo?.iso]
    }
}
