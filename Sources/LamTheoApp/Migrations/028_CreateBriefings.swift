import Fluent
import SQLKit

/// Thematic briefings (giao ban chuyên đề): a committee's meeting with the units it invites, their
/// contributions (tham luận) with an optional file, and the chair's numbered conclusions, each linked to the
/// follow-up tasks it became.
struct CreateBriefings: AsyncMigration {
    var name: String { "028_CreateBriefings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("briefings")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("title", .string, .required)
            .field("theme", .string, .required)
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("series", .string)
            .field("held_on", .string, .required)
            .field("starts_at", .string)
            .field("place", .string)
            .field("online_link", .string)
            .field("bridge_points", .string, .required)
            .field("agenda", .string, .required)
            .field("questions", .string, .required)
            .field("lead_report_id", .int, .references("documents", "id"))
            .field("contributions_due_on", .string, .required)
            .field("late_contributions_allowed", .bool, .required)
            .field("notice_document_id", .int, .references("documents", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A unit's briefings by date, and a series' sequence at one committee.
        try await database.createIndex("briefings_subtree", on: "briefings", columns: ["organization_path", "held_on"])
        try await database.createIndex("briefings_series", on: "briefings", columns: ["organization_id", "series", "held_on"])

        try await database.schema("briefing_units")
            .field("id", .int, .identifier(auto: true))
            .field("briefing_id", .int, .required, .references("briefings", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .unique(on: "briefing_id", "organization_id")
            .create()
        try await database.createIndex("briefing_units_unit", on: "briefing_units", columns: ["organization_id"])

        try await database.schema("briefing_contributions")
            .field("id", .int, .identifier(auto: true))
            .field("briefing_id", .int, .required, .references("briefings", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("summary", .string, .required)
            .field("evidence_key", .string)
            .field("evidence_name", .string)
            .field("evidence_type", .string)
            .field("submitted_on", .string, .required)
            .field("late", .bool, .required)
            .field("presented", .bool, .required)
            .field("submitted_by", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("briefing_contributions_briefing", on: "briefing_contributions", columns: ["briefing_id", "id"])

        try await database.schema("briefing_conclusions")
            .field("id", .int, .identifier(auto: true))
            .field("briefing_id", .int, .required, .references("briefings", "id"))
            .field("number", .int, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "briefing_id", "number")
            .create()

        try await database.schema("briefing_conclusion_tasks")
            .field("id", .int, .identifier(auto: true))
            .field("conclusion_id", .int, .required, .references("briefing_conclusions", "id"))
            .field("task_id", .int, .required, .references("follow_up_tasks", "id"))
            .unique(on: "task_id")
            .create()
        try await database.createIndex("briefing_conclusion_tasks_conclusion", on: "briefing_conclusion_tasks", columns: ["conclusion_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("briefing_conclusion_tasks").delete()
        try await database.schema("briefing_conclusions").delete()
        try await database.schema("briefing_contributions").delete()
        try await database.schema("briefing_units").delete()
        try await database.schema("briefings").delete()
    }
}
