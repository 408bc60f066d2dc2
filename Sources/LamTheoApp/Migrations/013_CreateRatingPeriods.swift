import Fluent
import SQLKit

struct CreateRatingPeriods: AsyncMigration {
    var name: String { "013_CreateRatingPeriods" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rating_periods")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "kind", "starts_on", "ends_on")
            .create()
        try await database.createIndex("rating_periods_dates", on: "rating_periods", columns: ["starts_on", "ends_on"])

        try await database.schema("period_closures")
            .field("id", .int, .identifier(auto: true))
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("closed_on", .string, .required)
            .field("reopened_on", .string)
            .field("reopen_reason", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("period_closures_path", on: "period_closures", columns: ["period_id", "organization_path"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("period_closures").delete()
        try await database.schema("rating_periods").delete()
    }
}
