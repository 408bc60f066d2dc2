import Fluent
import SQLKit

/// Inspections and supervision (kiểm tra, giám sát): the decision, the team, the units inspected with their
/// self-reports, the working sessions, the findings and the criticisms resting on them, and the log of the
/// team's reads of the inspected units' records. Recommendations are follow-up tasks (origin "inspection").
struct CreateInspections: AsyncMigration {
    var name: String { "029_CreateInspections" }

    func prepare(on database: any Database) async throws {
        try await database.schema("inspections")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("kind", .string, .required)
            .field("decision_document_id", .int, .required, .references("documents", "id"))
            .field("subject", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("self_report_due_on", .string, .required)
            .field("plan_sent_on", .string)
            .field("plan_note", .string)
            .field("conclusion_document_id", .int, .references("documents", "id"))
            .field("concluded_on", .string)
            .field("closed_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("inspections_subtree", on: "inspections", columns: ["organization_path", "starts_on"])

        try await database.schema("inspection_team")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("role", .string, .required)
            .field("name", .string, .required)
            .field("user_id", .int, .references("users", "id"))
            .field("member_id", .int, .references("members", "id"))
            .create()
        // The grant is looked up by account on every request.
        try await database.createIndex("inspection_team_user", on: "inspection_team", columns: ["user_id", "inspection_id"])
        try await database.createIndex("inspection_team_inspection", on: "inspection_team", columns: ["inspection_id"])

        try await database.schema("inspection_units")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("self_report_on", .string)
            .field("self_report_document_id", .int, .references("documents", "id"))
            .field("self_report_note", .string)
            .unique(on: "inspection_id", "organization_id")
            .create()
        try await database.createIndex("inspection_units_subtree", on: "inspection_units", columns: ["organization_path"])

        try await database.schema("inspection_sessions")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("held_on", .string, .required)
            .field("minutes_document_id", .int, .references("documents", "id"))
            .field("minutes", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("inspection_sessions_inspection", on: "inspection_sessions", columns: ["inspection_id", "held_on"])

        try await database.schema("inspection_findings")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("commitment_id", .int, .references("commitments", "id"))
            .field("breakthrough_id", .int, .references("breakthroughs", "id"))
            .field("concerns", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("inspection_findings_inspection", on: "inspection_findings", columns: ["inspection_id", "organization_id"])

        try await database.schema("inspection_criticisms")
            .field("id", .int, .identifier(auto: true))
            .field("finding_id", .int, .required, .references("inspection_findings", "id"))
            .field("target", .string, .required)
            .field("organization_id", .int, .references("organizations", "id"))
            .field("member_id", .int, .references("members", "id"))
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("inspection_criticisms_finding", on: "inspection_criticisms", columns: ["finding_id"])

        // Reads of the inspected units' records under the team's lent grant: who, which unit, which page.
        try await database.schema("inspection_reads")
            .field("id", .int, .identifier(auto: true))
            .field("inspection_id", .int, .required, .references("inspections", "id"))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("username", .string, .required)
            .field("organization_id", .int, .required)
            .field("page", .string, .required)
            .field("read_at", .datetime, .required)
            .create()
        try await database.createIndex("inspection_reads_inspection", on: "inspection_reads", columns: ["inspection_id", "id"])
    }

    func revert(on database: any Database) async throws {
        for table in ["inspection_reads", "inspection_criticisms", "inspection_findings", "inspection_sessions", "inspection_units",
                      "inspection_team", "inspections"] {
            try await database.schema(table).delete()
        }
    }
}
