import Fluent
import SQLKit

struct CreateStudy: AsyncMigration {
    var name: String { "011_CreateStudy" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StudySession.schema)
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("organization_path", database.binaryText, .required)
            .field("campaign_id", .int, .references(Campaign.schema, "id"))
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("format", .string, .required)
            .field("presenter", .string)
            .field("non_member_attendees", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("study_sessions_campaign", on: StudySession.schema, columns: ["campaign_id", "organization_id"])
        try await database.createIndex("study_sessions_path", on: StudySession.schema, columns: ["organization_path", "held_on"])

        try await database.schema(StudySessionDocument.schema)
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references(StudySession.schema, "id"))
            .field("document_id", .int, .required, .references("documents", "id"))
            .unique(on: "session_id", "document_id")
            .create()

        try await database.schema(BridgePoint.schema)
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references(StudySession.schema, "id"))
            .field("name", .string, .required)
            .field("attendee_count", .int, .required)
            .create()
        try await database.createIndex("study_bridge_points_session", on: BridgePoint.schema, columns: ["session_id"])

        try await database.schema(Attendance.schema)
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references(StudySession.schema, "id"))
            .field("member_id", .int, .required, .references(Member.schema, "id"))
            .field("status", .string, .required)
            .field("reason", .string)
            .unique(on: "session_id", "member_id")
            .create()
        // "Has this member attended a session of this campaign?" starts from the member.
        try await database.createIndex("study_attendance_member", on: Attendance.schema, columns: ["member_id", "status", "session_id"])

        try await database.schema(Reflection.schema)
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references(Campaign.schema, "id"))
            .field("member_id", .int, .required, .references(Member.schema, "id"))
            .field("body", .string)
            .field("file_key", .string)
            .field("file_name", .string)
            .field("file_type", .string)
            .field("state", .string, .required)
            .field("submission_count", .int, .required)
            .field("submitted_on", .string, .required)
            .field("grade", .string)
            .field("review_comment", .string)
            .field("reviewed_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "campaign_id", "member_id")
            .create()
        try await database.createIndex("reflections_member", on: Reflection.schema, columns: ["member_id", "campaign_id", "state"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Reflection.schema).delete()
        try await database.schema(Attendance.schema).delete()
        try await database.schema(BridgePoint.schema).delete()
        try await database.schema(StudySessionDocument.schema).delete()
        try await database.schema(StudySession.schema).delete()
    }
}
