import Fluent
import SQLKit

/// Follow-up tasks (nhiệm vụ sau kết luận, kiến nghị): what a briefing's conclusion, an inspection's
/// recommendation or an exemplar's replication asks of a unit, with its dated log, and per unit the tally of
/// its whole subtree's tasks by origin, state and deadline (`follow_up_tallies`), so that any unit's open and
/// overdue tasks are a few rows of one unit.
struct CreateFollowUpTasks: AsyncMigration {
    var name: String { "027_CreateFollowUpTasks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("follow_up_tasks")
            .field("id", .int, .identifier(auto: true))
            .field("origin_kind", .string, .required)
            .field("origin_id", .int, .required)
            .field("origin_label", .string, .required)
            .field("issuer_organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("title", .string, .required)
            .field("responsible", .string, .required)
            .field("required_evidence", .string)
            .field("due_on", .string, .required)
            .field("extended_until", .string)
            .field("state", .string, .required)
            .field("report_count", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A subtree's tasks, overdue first: one index range on the path.
        try await database.createIndex("follow_up_tasks_subtree", on: "follow_up_tasks", columns: ["organization_path", "state", "due_on"])
        try await database.createIndex("follow_up_tasks_unit", on: "follow_up_tasks", columns: ["organization_id", "state"])
        try await database.createIndex("follow_up_tasks_origin", on: "follow_up_tasks", columns: ["origin_kind", "origin_id"])

        try await database.schema("follow_up_events")
            .field("id", .int, .identifier(auto: true))
            .field("task_id", .int, .required, .references("follow_up_tasks", "id"))
            .field("action", .string, .required)
            .field("on_date", .string, .required)
            .field("actor", .string)
            .field("note", .string)
            .field("document_id", .int, .references("documents", "id"))
            .field("until", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("follow_up_events_task", on: "follow_up_events", columns: ["task_id", "id"])

        // Only tasks still awaiting their owner carry their deadline: the rest never fall overdue.
        try await database.schema("follow_up_tallies")
            .field("origin_kind", .string, .required)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("state", .string, .required)
            .field("due_on", .string)
            .field("tasks", .int, .required)
            .create()
        try await database.createIndex("follow_up_tallies_unit", on: "follow_up_tallies", columns: ["organization_id", "origin_kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("follow_up_tallies").delete()
        try await database.schema("follow_up_events").delete()
        try await database.schema("follow_up_tasks").delete()
    }
}
