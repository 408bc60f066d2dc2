import Fluent
import LamTheoCore
import Vapor

/// A study session (hội nghị học tập, quán triệt) held by a unit: a cell's meeting, or a city-wide
/// conference broadcast to bridge points.
final class StudySession: Model, @unchecked Sendable {
    static let schema = "study_sessions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    /// The campaign the session counts for; nil for study outside any campaign.
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @Field(key: "title") var title: String
    @Field(key: "held_on") var heldOn: CalendarDate
    @Field(key: "format") var format: StudyFormat
    /// The presenter (báo cáo viên).
    @OptionalField(key: "presenter") var presenter: String?
    /// People who attended but are not members of the unit (mass organisations, guests).
    @Field(key: "non_member_attendees") var nonMemberAttendees: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
}

enum StudyFormat: String, Codable, Sendable, CaseIterable {
    case inPerson = "in_person"
    case online
    case hybrid

    var label: LocalizedText {
        switch self {
        case .inPerson: return LocalizedText(vi: "Trực tiếp", en: "In person")
        case .online: return LocalizedText(vi: "Trực tuyến", en: "Online")
        case .hybrid: return LocalizedText(vi: "Trực tiếp kết hợp trực tuyến", en: "Hybrid")
        }
    }
}

/// A document studied at a session.
final class StudySessionDocument: Model, @unchecked Sendable {
    static let schema = "study_session_documents"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "session_id") var sessionId: Int
    @Field(key: "document_id") var documentId: Int

    init() {}
}

/// A place a session was broadcast to (điểm cầu), with how many attended there.
final class BridgePoint: Model, @unchecked Sendable {
    static let schema = "study_bridge_points"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "session_id") var sessionId: Int
    @Field(key: "name") var name: String
    @Field(key: "attendee_count") var attendeeCount: Int

    init() {}
}

/// One member's attendance at one session.
final class Attendance: Model, @unchecked Sendable {
    static let schema = "study_attendance"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "session_id") var sessionId: Int
    @Field(key: "member_id") var memberId: Int
    @Field(key: "status") var status: AttendanceStatus
    /// Why an absent or excused member was not there.
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// A member's written reflection (bài thu hoạch) for a campaign: one per member and campaign, reviewed
/// by the cell.
final class Reflection: Model, @unchecked Sendable {
    static let schema = "reflections"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "member_id") var memberId: Int
    @OptionalField(key: "body") var body: String?
    /// An uploaded file instead of (or besides) the text: its stored key, name and media type.
    @OptionalField(key: "file_key") var fileKey: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_type") var fileType: String?
    @Field(key: "state") var state: ReflectionState
    @Field(key: "submission_count") var submissionCount: Int
    @Field(key: "submitted_on") var submittedOn: CalendarDate
    /// First sent after the member's deadline (the campaign taking late work); a resubmission keeps the mark.
    @Field(key: "late") var late: Bool
    /// One of the campaign's grades, given when accepted.
    @OptionalField(key: "grade") var grade: String?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "reviewed_on") var reviewedOn: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// More time for reflections in one campaign: for every member of a unit's subtree, or for one member, with the
/// reason. A member's deadline is the latest of the campaign's and the extensions that reach them.
final class ReflectionExtension: Model, @unchecked Sendable {
    static let schema = "reflection_extensions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    /// The unit whose members (its whole subtree) get the time; nil for one member's extension.
    @OptionalField(key: "organization_id") var organizationId: Int?
    @OptionalField(key: "member_id") var memberId: Int?
    @Field(key: "until") var until: CalendarDate
    @Field(key: "reason") var reason: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
