import Fluent
import LamTheoCore
import SQLKit

extension AuditReference {
    /// A rating, by the member or unit it rates.
    static let rating = AuditReference("rating")
    /// A rating period, by its title.
    static let ratingPeriod = AuditReference("rating_period")
}

/// How the audit trail words ratings: "Bí thư Nguyễn Văn Bình đề xuất mức xếp loại của Trần Thị Hoa: Hoàn thành tốt
/// nhiệm vụ (72 điểm)".
struct RatingAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(RatingPeriod.auditEntity, noun: LocalizedText(vi: "kỳ đánh giá, xếp loại", en: "rating period"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Tên kỳ", en: "Title")),
                AuditField("kind", LocalizedText(vi: "Loại kỳ", en: "Kind"), .choice { RatingPeriodKind(rawValue: $0)?.label }),
                AuditField("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
            ]),
            AuditRecordWording(PeriodClosure.auditEntity, noun: LocalizedText(vi: "kỳ đánh giá, xếp loại tại", en: "rating period at"),
                               naming: .reference("organizationId", .unit), fields: [
                AuditField("periodId", LocalizedText(vi: "Kỳ", en: "Period"), .reference(.ratingPeriod)),
                AuditField("closedOn", LocalizedText(vi: "Ngày kết thúc", en: "Closed on"), .day),
                AuditField("reopenedOn", LocalizedText(vi: "Ngày mở lại", en: "Reopened on"), .day),
                AuditField("reopenReason", LocalizedText(vi: "Lý do mở lại", en: "Reason for reopening")),
            ]),
            AuditRecordWording(RatingStep.auditEntity, noun: LocalizedText(vi: "mức xếp loại", en: "the rating"), naming: .owner("ratingId", .rating), fields: [
                AuditField("score", LocalizedText(vi: "Điểm", en: "Score"), .number),
                AuditField("level", LocalizedText(vi: "Mức", en: "Level"), .choice { RatingLevel(rawValue: $0)?.label }),
                AuditField("explanation", LocalizedText(vi: "Giải trình", en: "Explanation")),
                AuditField("disciplined", LocalizedText(vi: "Bị kỷ luật trong kỳ", en: "Disciplined in the period"), .flag),
            ]),
            AuditRecordWording(RatingRuleRecord.auditEntity, noun: LocalizedText(vi: "quy định xếp loại", en: "rating rule"), naming: .title("textVi"), fields: [
                AuditField("parameter", LocalizedText(vi: "Tham số", en: "Parameter"), .number),
                AuditField("textVi", LocalizedText(vi: "Nội dung", en: "Text")),
                AuditField("textEn", LocalizedText(vi: "Nội dung tiếng Anh", en: "English text")),
                AuditField("active", LocalizedText(vi: "Đang áp dụng", en: "In force"), .flag),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("rating-period.create", LocalizedText(vi: "mở", en: "opened")),
            AuditActionWording("rating-period.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("rating-period.close", LocalizedText(vi: "kết thúc", en: "closed")),
            AuditActionWording("rating-period.reopen", LocalizedText(vi: "mở lại", en: "reopened")),
            AuditActionWording("rating-rule.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("rating.\(RatingStepKind.selfAssessment.rawValue)", LocalizedText(vi: "tự đánh giá, xếp loại", en: "assessed themself"),
                               showsNoun: false, listsChanges: false, outcome: Self.level),
            // The sheet's own event; each row's step has an event of its own after it.
            AuditActionWording("rating.sheet", LocalizedText(vi: "ghi phiếu xếp loại cả chi bộ", en: "recorded a cell's rating sheet"),
                               showsNoun: false, listsChanges: false),
            AuditActionWording("rating.\(RatingStepKind.proposal.rawValue)", LocalizedText(vi: "đề xuất", en: "proposed"), listsChanges: false, outcome: Self.level),
            AuditActionWording("rating.\(RatingStepKind.decision.rawValue)", LocalizedText(vi: "quyết định", en: "decided"), listsChanges: false, outcome: Self.level),
        ]
    }

    var references: [any AuditReferenceSource] {
        [RatedNames(), AuditColumnNames(.ratingPeriod, table: RatingPeriod.schema, column: "title")]
    }

    /// "Hoàn thành tốt nhiệm vụ (72 điểm)".
    private static let level: @Sendable (AuditStates) -> LocalizedText? = { states in
        guard let level = states["level"].flatMap(RatingLevel.init(rawValue:)) else { return nil }
        let score = states["score"].map { LocalizedText(vi: " (\($0) điểm)", en: " (score \($0))") }
        return LocalizedText { level.label($0) + (score?($0) ?? "") }
    }
}

/// Ratings by whom they rate: the member, or the unit when a unit is rated.
private struct RatedNames: AuditReferenceSource {
    var reference: AuditReference { .rating }

    func names(of ids: Set<Int>, on db: any Database) async throws -> [Int: LocalizedText] {
        let rows = try await db.sql.raw("""
            SELECT r.id, COALESCE(m.full_name, o.name) AS name FROM ratings r
            LEFT JOIN members m ON m.id = r.member_id JOIN organizations o ON o.id = r.organization_id
            WHERE r.id IN (\(binds: Array(ids)))
            """).all()
        return try rows.reduce(into: [:]) { names, row in
            let name = try row.decode(column: "name", as: String.self)
            names[try row.decode(column: "id", as: Int.self)] = LocalizedText(vi: name, en: name)
        }
    }
}
