import Fluent
import SQLKit

/// Background jobs (imports, reminders, mail): each with its state, progress, owner, result and the lease of the
/// process running it, so that a restart loses nothing and several processes share one queue. `unique_key` makes
/// a scheduled slot's job exist once however many processes enqueue it.
struct CreateJobs: AsyncMigration {
    var name: String { "031_CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("id", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("payload", .data)
            .field("unique_key", .string)
            .field("owner_id", .int, .references("users", "id"))
            .field("attempts", .int, .required)
            .field("progress_done", .int, .required)
            .field("progress_total", .int, .required)
            .field("cancel_requested", .bool, .required)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("run_after", .datetime, .required)
            .field("summary_vi", .string)
            .field("summary_en", .string)
            .field("result", .data)
            .field("error_vi", .string)
            .field("error_en", .string)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("ended_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unique_key", name: "jobs_unique_key")
            .create()
        // The next job to claim, and the running jobs whose lease has expired.
        try await database.createIndex("jobs_queue", on: "jobs", columns: ["state", "run_after"])
        try await database.createIndex("jobs_owner", on: "jobs", columns: ["owner_id", "created_at"])
        try await database.createIndex("jobs_kind", on: "jobs", columns: ["kind", "state"])
        try await database.createIndex("jobs_ended", on: "jobs", columns: ["ended_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
