import LamTheoCore

extension AuditReference {
    /// A campaign, by its title.
    static let campaign = AuditReference("campaign")
    /// One of a campaign's requirements, by its title.
    static let requirement = AuditReference("campaign_requirement")
}

/// How the audit trail words campaigns and obligations: "Cán bộ Trần Thị Hoa duyệt nhiệm vụ của Chi bộ Khu phố 1:
/// Đã hoàn thành", "Hạn: 31/03/2026 → 15/04/2026".
struct CampaignAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(Campaign.auditEntity, noun: LocalizedText(vi: "đợt triển khai", en: "campaign"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Tên đợt", en: "Title")),
                AuditField("documentId", LocalizedText(vi: "Văn bản", en: "Document"), .reference(.document)),
                AuditField("organizationId", LocalizedText(vi: "Cấp triển khai", en: "Launched at"), .reference(.unit)),
                AuditField("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
                AuditField("topicYear", LocalizedText(vi: "Chuyên đề năm", en: "Topic of the year")),
                AuditField("reflectionDueOn", LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflections due"), .day),
                AuditField("gradingScale", LocalizedText(vi: "Thang xếp loại bài thu hoạch", en: "Grading scale")),
                AuditField("acceptsLateWork", LocalizedText(vi: "Nhận bài nộp muộn", en: "Accepts late work"), .flag),
                AuditField("status", LocalizedText(vi: "Trạng thái", en: "Status"), .choice(Self.campaignStatus)),
                AuditField("requirements", LocalizedText(vi: "Yêu cầu đối với các cấp", en: "Requirements"), .summary(Self.requirements)),
            ]),
            AuditRecordWording(CampaignPublication.auditEntity, noun: LocalizedText(vi: "kết quả công bố trên trang tin", en: "results on a public site"),
                               naming: .owner("campaignId", .campaign), fields: [
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("organizationId", LocalizedText(vi: "Trang tin của", en: "Site of"), .reference(.unit)),
                AuditField("figures", LocalizedText(vi: "Số liệu công bố", en: "Figures shown")),
                AuditField("publishedBy", LocalizedText(vi: "Người công bố", en: "Published by")),
            ]),
            AuditRecordWording(Obligation.auditEntity, noun: LocalizedText(vi: "nhiệm vụ", en: "obligation"), naming: .owner("organizationId", .unit), fields: [
                AuditField("requirementId", LocalizedText(vi: "Yêu cầu", en: "Requirement"), .reference(.requirement)),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("dueOn", LocalizedText(vi: "Hạn", en: "Due"), .day),
                AuditField("extendedUntil", LocalizedText(vi: "Gia hạn đến", en: "Extended until"), .day),
                AuditField("extensionReason", LocalizedText(vi: "Lý do gia hạn", en: "Reason for the extension")),
                AuditField("state", LocalizedText(vi: "Trạng thái", en: "State"), .choice(Self.obligationState)),
                AuditField("submissionCount", LocalizedText(vi: "Số lần nộp", en: "Times submitted"), .number),
                AuditField("evidenceDocumentId", LocalizedText(vi: "Văn bản kết quả", en: "Evidence document"), .reference(.document)),
                AuditField("submittedLate", LocalizedText(vi: "Nộp muộn", en: "Submitted late"), .flag),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("campaign.launch", LocalizedText(vi: "triển khai", en: "launched")),
            AuditActionWording("campaign.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("campaign.close", LocalizedText(vi: "kết thúc", en: "closed")),
            AuditActionWording("campaign.publish", LocalizedText(vi: "công bố kết quả", en: "published the results")),
            AuditActionWording("campaign.unpublish", LocalizedText(vi: "thôi công bố kết quả", en: "withdrew the results")),
            AuditActionWording("obligation.submit", LocalizedText(vi: "nộp kết quả", en: "submitted")),
            AuditActionWording("obligation.review", LocalizedText(vi: "duyệt", en: "reviewed")) { states in
                states["state"].flatMap(Self.obligationState)
            },
            AuditActionWording("obligation.extend", LocalizedText(vi: "gia hạn", en: "extended")) { states in
                states["extendedUntil"].flatMap(CalendarDate.init(parsing:)).map { LocalizedText(vi: "đến \($0.vietnamese)", en: "until \($0.vietnamese)") }
            },
        ]
    }

    var references: [any AuditReferenceSource] {
        [AuditColumnNames(.campaign, table: Campaign.schema, column: "title"),
         AuditColumnNames(.requirement, table: CampaignRequirement.schema, column: "title")]
    }

    private static let campaignStatus: @Sendable (String) -> LocalizedText? = { code in
        switch CampaignStatus(rawValue: code) {
        case .active?: return LocalizedText(vi: "Đang triển khai", en: "Running")
        case .closed?: return LocalizedText(vi: "Đã kết thúc", en: "Closed")
        case nil: return nil
        }
    }

    /// What people did, as the obligation pages say it; "Chưa nộp" for an open one.
    private static let obligationState: @Sendable (String) -> LocalizedText? = { code in
        code == ObligationState.open.rawValue ? LocalizedText(vi: "Chưa nộp", en: "Not submitted") : ObligationStatus(rawValue: code)?.label
    }

    /// "Ban hành kế hoạch (hạn 31/03/2026); Báo cáo kết quả (hạn 15/12/2026)" from the recorded "title: yyyy-MM-dd" list.
    private static let requirements: @Sendable (String) -> LocalizedText = { recorded in
        let items = recorded.components(separatedBy: "; ").map { item -> LocalizedText in
            guard let colon = item.range(of: ": ", options: .backwards), let due = CalendarDate(parsing: String(item[colon.upperBound...])) else {
                return LocalizedText(vi: item, en: item)
            }
            let title = item[..<colon.lowerBound]
            return LocalizedText(vi: "\(title) (hạn \(due.vietnamese))", en: "\(title) (due \(due.vietnamese))")
        }
        return items.joinedLocalized("; ") ?? LocalizedText(vi: "(trống)", en: "(empty)")
    }
}
