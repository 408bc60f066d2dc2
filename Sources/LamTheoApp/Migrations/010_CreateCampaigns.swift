import Fluent
import SQLKit

struct CreateCampaigns: AsyncMigration {
    var name: String { "010_CreateCampaigns" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns")
            .field("id", .int, .identifier(auto: true))
            .field("document_id", .int, .required, .references("documents", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("title", .string, .required)
            .field("title_search", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("topic_year", .int)
            .field("reflection_due_on", .string)
            .field("grading_scale", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("campaigns_path", on: "campaigns", columns: ["organization_path", "status"])

        try await database.schema("campaign_requirements")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("due_on", .string, .required)
            .field("minimum_sessions", .int)
            .create()
        try await database.createIndex("campaign_requirements_campaign", on: "campaign_requirements", columns: ["campaign_id"])

        try await database.schema("campaign_requirement_kinds")
            .field("id", .int, .identifier(auto: true))
            .field("requirement_id", .int, .required, .references("campaign_requirements", "id"))
            .field("kind_code", .string, .required, .references("organization_kinds", "code"))
            .unique(on: "requirement_id", "kind_code")
            .create()

        try await database.schema("obligations")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("requirement_id", .int, .required, .references("campaign_requirements", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("due_on", .string, .required)
            .field("extended_until", .string)
            .field("extension_reason", .string)
            .field("state", .string, .required)
            .field("submission_count", .int, .required)
            .field("evidence_document_id", .int, .references("documents", "id"))
            .field("handed_over_to_id", .int, .references("organizations", "id"))
            .field("updated_at", .datetime)
            .unique(on: "requirement_id", "organization_id")
            .create()
        // A subtree's obligations by status: one index range that holds every column the roll-up reads.
        try await database.createIndex("obligations_rollup", on: "obligations",
                                       columns: ["campaign_id", "organization_path", "state", "due_on", "extended_until"])
        try await database.createIndex("obligations_organization", on: "obligations", columns: ["organization_id", "campaign_id"])

        try await database.schema("obligation_submissions")
            .field("id", .int, .identifier(auto: true))
            .field("obligation_id", .int, .required, .references("obligations", "id"))
            .field("number", .int, .required)
            .field("submitted_on", .string, .required)
            .field("document_id", .int, .references("documents", "id"))
            .field("note", .string)
            .field("outcome", .string)
            .field("review_comment", .string)
            .field("reviewed_on", .string)
            .unique(on: "obligation_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("obligation_submissions").delete()
        try await database.schema("obligations").delete()
        try await database.schema("campaign_requirement_kinds").delete()
        try await database.schema("campaign_requirements").delete()
        try await database.schema("campaigns").delete()
    }
}
