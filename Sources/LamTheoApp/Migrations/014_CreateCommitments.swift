import Fluent
import SQLKit

struct CreateCommitments: AsyncMigration {
    var name: String { "014_CreateCommitments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("commitments")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("year", .int, .required)
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("title", .string, .required)
            .field("measure", .string, .required)
            .field("due_on", .string, .required)
            .field("self_result", .string)
            .field("self_note", .string)
            .field("self_assessed_on", .string)
            .field("cell_result", .string)
            .field("cell_note", .string)
            .field("cell_assessed_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A member's year, and the recount of a cell's members' years, start from the member.
        try await database.createIndex("commitments_member", on: "commitments", columns: ["member_id", "year", "cell_result"])

        try await database.schema("commitment_check_ins")
            .field("id", .int, .identifier(auto: true))
            .field("commitment_id", .int, .required, .references("commitments", "id"))
            .field("noted_on", .string, .required)
            .field("note", .string, .required)
            .field("progress", .int)
            .field("value", .string)
            .field("evidence_key", .string)
            .field("evidence_name", .string)
            .field("evidence_type", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("commitment_check_ins_commitment", on: "commitment_check_ins", columns: ["commitment_id", "noted_on"])

        try await database.schema("commitment_pledges")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("year", .int, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "member_id", "year")
            .create()

        try await database.schema("commitment_templates")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("title", .string, .required)
            .field("measure", .string, .required)
            .create()
        try await database.createIndex("commitment_templates_campaign", on: "commitment_templates", columns: ["campaign_id"])

        try await database.schema("commitment_reminders")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("year", .int, .required)
            .field("sent_by_user_id", .int)
            .field("sent_by_name", .string, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.createIndex("commitment_reminders_member", on: "commitment_reminders", columns: ["member_id", "year"])

        try await database.schema("commitment_figures")
            .field("id", .int, .identifier(auto: true))
            .field("year", .int, .required)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("members_registered", .int, .required)
            .field("commitments", .int, .required)
            .field("commitments_achieved", .int, .required)
            .field("commitments_not_achieved", .int, .required)
            .field("members_assessed", .int, .required)
            .unique(on: "year", "organization_id")
            .create()
        // Subtree totals are sums over this index alone (it covers every figure).
        try await database.createIndex("commitment_figures_rollup", on: "commitment_figures",
                                       columns: ["year", "organization_path", "members_registered", "commitments", "commitments_achieved",
                                                 "commitments_not_achieved", "members_assessed"])
    }

    func revert(on database: any Database) async throws {
        for schema in ["commitment_figures", "commitment_reminders", "commitment_templates", "commitment_pledges",
                       "commitment_check_ins", "commitments"] {
            try await database.schema(schema).delete()
        }
    }
}
