import Fluent
import SQLKit

struct CreateBreakthroughs: AsyncMigration {
    var name: String { "015_CreateBreakthroughs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("breakthroughs")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("content", .string, .required)
            .field("target_kind", .string, .required)
            .field("baseline_value", .double)
            .field("target_value", .double)
            .field("measure_unit", .string)
            .field("deliverable", .string)
            .field("owner_member_id", .int, .references("members", "id"))
            .field("owner_role", .string)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("latest_value", .double)
            .field("progress_percent", .double)
            .field("last_check_in_on", .string)
            .field("done", .bool, .required)
            .field("at_risk_from", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A subtree's breakthroughs by status: one index range holding every column the status needs.
        try await database.createIndex("breakthroughs_rollup", on: "breakthroughs",
                                       columns: ["period_id", "organization_path", "done", "ends_on", "at_risk_from"])
        try await database.createIndex("breakthroughs_organization", on: "breakthroughs", columns: ["organization_id", "period_id"])

        try await database.schema("breakthrough_check_ins")
            .field("id", .int, .identifier(auto: true))
            .field("breakthrough_id", .int, .required, .references("breakthroughs", "id"))
            .field("checked_on", .string, .required)
            .field("value", .double)
            .field("done", .bool, .required)
            .field("note", .string)
            .field("evidence", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("breakthrough_check_ins_log", on: "breakthrough_check_ins", columns: ["breakthrough_id", "checked_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("breakthrough_check_ins").delete()
        try await database.schema("breakthroughs").delete()
    }
}
