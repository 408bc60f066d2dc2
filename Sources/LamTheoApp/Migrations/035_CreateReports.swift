import Fluent
import SQLKit

/// Reports drafted from the dashboards' figures (a sơ kết, a tổng kết) and each version issued: the document as
/// issued, the format it was laid out by, and the files' keys and hashes, so an issued report downloads unchanged.
struct CreateReports: AsyncMigration {
    var name: String { "035_CreateReports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reports")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("period", .string, .required)
            // A campaign's result report: only that campaign's figures.
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("status", .string, .required)
            .field("job_id", .string)
            // The dashboard the figures were read from, as JSON: the report shows its day's figures, not today's.
            .field("figures", .string)
            .field("subject", .string, .required)
            .field("place", .string, .required)
            .field("superior_body", .string, .required)
            .field("issuing_body", .string, .required)
            .field("authority", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            // JSON: an array of lines, an object of narratives by part.
            .field("recipients", .string, .required)
            .field("narratives", .string, .required)
            .field("created_by", .int, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "reports_unit").on("reports").column("organization_id").run()

        try await database.schema("report_versions")
            .field("id", .int, .identifier(auto: true))
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("version", .int, .required)
            .field("document_id", .int, .required, .references("documents", "id"))
            .field("format", .string, .required)
            // The PartyDocument as issued (JSON): what the files were rendered from.
            .field("content", .string, .required)
            .field("docx_key", .string, .required)
            .field("docx_size", .int, .required)
            .field("xlsx_key", .string, .required)
            .field("xlsx_size", .int, .required)
            .field("issued_by", .string, .required)
            .field("issued_at", .datetime, .required)
            .unique(on: "report_id", "version", name: "report_versions_once")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_versions").delete()
        try await database.schema("reports").delete()
    }
}
