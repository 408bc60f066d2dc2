import Fluent
import LamTheoCore
import Vapor

/// A member's concrete action for a year (đăng ký làm theo): what, the measurable result, a deadline;
/// checked in on through the year, assessed by the member at its end and then by the cell.
final class Commitment: Model, @unchecked Sendable {
    static let schema = "commitments"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    /// The year's period (`RatingPeriods.year`); closing it for the member's unit freezes the commitment.
    @Field(key: "period_id") var periodId: Int
    @Field(key: "year") var year: Int
    /// The year's topic (a campaign with `topicYear`) the action follows, if any.
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @Field(key: "title") var title: String
    /// The measurable result (kết quả, sản phẩm cụ thể).
    @Field(key: "measure") var measure: String
    @Field(key: "due_on") var dueOn: CalendarDate
    @OptionalField(key: "self_result") var selfResult: CommitmentResult?
    @OptionalField(key: "self_note") var selfNote: String?
    @OptionalField(key: "self_assessed_on") var selfAssessedOn: CalendarDate?
    @OptionalField(key: "cell_result") var cellResult: CommitmentResult?
    @OptionalField(key: "cell_note") var cellNote: String?
    @OptionalField(key: "cell_assessed_on") var cellAssessedOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// Đạt / không đạt: the member's year-end self-assessment and the cell's assessment.
enum CommitmentResult: String, Codable, Sendable, CaseIterable {
    case achieved
    case notAchieved = "not_achieved"

    var label: LocalizedText {
        switch self {
        case .achieved: return LocalizedText(vi: "Đạt", en: "Achieved")
        case .notAchieved: return LocalizedText(vi: "Không đạt", en: "Not achieved")
        }
    }
}

/// A progress note on a commitment, with an optional share done or value reached and an evidence file.
final class CommitmentCheckIn: Model, @unchecked Sendable {
    static let schema = "commitment_check_ins"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "commitment_id") var commitmentId: Int
    @Field(key: "noted_on") var notedOn: CalendarDate
    @Field(key: "note") var note: String
    /// 0…100.
    @OptionalField(key: "progress") var progress: Int?
    /// A value reached, as the member writes it ("12/20 hộ", "3 buổi").
    @OptionalField(key: "value") var value: String?
    /// A file showing the progress (PDF or DOCX) in the attachment store: its key, name and media type.
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_name") var evidenceName: String?
    @OptionalField(key: "evidence_type") var evidenceType: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A member's general pledge of self-cultivation for a year (cam kết tu dưỡng, rèn luyện): one per year.
final class CommitmentPledge: Model, @unchecked Sendable {
    static let schema = "commitment_pledges"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    @Field(key: "period_id") var periodId: Int
    @Field(key: "year") var year: Int
    @Field(key: "text") var text: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A suggested commitment for a campaign, which pre-fills the registration form.
final class CommitmentTemplate: Model, @unchecked Sendable {
    static let schema = "commitment_templates"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "title") var title: String
    @Field(key: "measure") var measure: String

    init() {}
}

/// A secretary's reminder to a member who has not registered for a year; the member sees it on /me.
final class CommitmentReminder: Model, @unchecked Sendable {
    static let schema = "commitment_reminders"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    @Field(key: "year") var year: Int
    @OptionalField(key: "sent_by_user_id") var sentByUserId: Int?
    @Field(key: "sent_by_name") var sentByName: String
    @Timestamp(key: "sent_at", on: .create) var sentAt: Date?

    init() {}
}

/// One unit's commitment figures for one year, counted where its members are now (see
/// `CommitmentFigures.recount`), its own and (`subtree_…` columns, kept by `CommitmentFigures.rollup`) its
/// whole subtree's.
final class CommitmentFigures: Model, @unchecked Sendable {
    static let schema = "commitment_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "year") var year: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    /// Members on the roll with at least one commitment for the year.
    @Field(key: "members_registered") var membersRegistered: Int
    @Field(key: "commitments") var commitments: Int
    /// Commitments the cell assessed as achieved / not achieved.
    @Field(key: "commitments_achieved") var commitmentsAchieved: Int
    @Field(key: "commitments_not_achieved") var commitmentsNotAchieved: Int
    /// Registered members whose every commitment the cell has assessed.
    @Field(key: "members_assessed") var membersAssessed: Int

    init() {}
}
