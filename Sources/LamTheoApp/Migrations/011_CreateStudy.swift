import Fluent
import SQLKit

struct CreateStudy: AsyncMigration {
    var name: String { "011_CreateStudy" }

    func prepare(on database: any Database) async throws {
        try await database.schema("study_sessions")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("format", .string, .required)
            .field("presenter", .string)
            .field("non_member_attendees", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("study_sessions_campaign", on: "study_sessions", columns: ["campaign_id", "organization_id"])
        try await database.createIndex("study_sessions_path", on: "study_sessions", columns: ["organization_path", "held_on"])

        try await database.schema("study_session_documents")
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references("study_sessions", "id"))
            .field("document_id", .int, .required, .references("documents", "id"))
            .unique(on: "session_id", "document_id")
            .create()

        try await database.schema("study_bridge_points")
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references("study_sessions", "id"))
            .field("name", .string, .required)
            .field("attendee_count", .int, .required)
            .create()
        try await database.createIndex("study_bridge_points_session", on: "study_bridge_points", columns: ["session_id"])

        try await database.schema("study_attendance")
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references("study_sessions", "id"))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("status", .string, .required)
            .field("reason", .string)
            .unique(on: "session_id", "member_id")
            .create()
        // "Has this member attended a session of this campaign?" starts from the member.
        try await database.createIndex("study_attendance_member", on: "study_attendance", columns: ["member_id", "status", "session_id"])

        try await database.schema("reflections")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("member_id", .int, .required, .references("members", "id"))
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
        try await database.createIndex("reflections_member", on: "reflections", columns: ["member_id", "campaign_id", "state"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reflections").delete()
        try await database.schema("study_attendance").delete()
        try await database.schema("study_bridge_points").delete()
        try await database.schema("study_session_documents").delete()
        try await database.schema("study_sessions").delete()
    }
}
