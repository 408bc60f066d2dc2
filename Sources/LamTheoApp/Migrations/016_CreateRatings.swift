import Fluent
import SQLKit

struct CreateRatings: AsyncMigration {
    var name: String { "016_CreateRatings" }

    /// The three rules a new installation started with (kind, parameter, texts, active).
    private static let rules: [[any Encodable & Sendable]] = [
        ["excellent_quota", 0.20,
         "Số đảng viên được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số đảng viên được xếp loại “Hoàn thành tốt nhiệm vụ” của đảng bộ, chi bộ cơ sở",
         "Members rated “excellent” may not exceed 20% of those rated “good” in the grassroots organisation", true],
        ["minimum_months", 6.0,
         "Không đánh giá, xếp loại đảng viên mới kết nạp chưa đủ 6 tháng và đảng viên được miễn công tác và sinh hoạt đảng",
         "Members admitted less than 6 months before the period's end and members exempt from Party activities are not rated", true],
        ["discipline_cap", Double?.none,
         "Đảng viên bị thi hành kỷ luật trong kỳ đánh giá thì không xếp loại “Hoàn thành tốt nhiệm vụ” trở lên",
         "A member disciplined during the period is rated no higher than “completed”", true],
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("ratings")
            .field("id", .int, .identifier(auto: true))
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("member_id", .int, .references("members", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("deciding_id", .int, .required, .references("organizations", "id"))
            .field("deciding_path", database.binaryText, .required)
            .field("decided_score", .int)
            .field("decided_level", .string)
            .field("updated_at", .datetime)
            .unique(on: "member_id", "period_id")
            .create()
        // One rating per unit (member_id NULL) is kept by the command, under the lock it takes per deciding unit.
        try await database.createIndex("ratings_subject", on: "ratings", columns: ["period_id", "organization_id", "member_id"])
        // The quota counts a grassroots organisation's decisions: one index range.
        try await database.createIndex("ratings_deciding", on: "ratings", columns: ["period_id", "deciding_id", "decided_level"])

        try await database.schema("rating_steps")
            .field("id", .int, .identifier(auto: true))
            .field("rating_id", .int, .required, .references("ratings", "id"))
            .field("kind", .string, .required)
            .field("score", .int, .required)
            .field("level", .string, .required)
            .field("explanation", .string)
            .field("disciplined", .bool, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("rating_steps_rating", on: "rating_steps", columns: ["rating_id", "kind", "id"])

        try await database.schema("rating_rules")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("parameter", .double)
            .field("text_vi", .string, .required)
            .field("text_en", .string, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime)
            .unique(on: "kind")
            .create()
        try await database.sql.insert(into: "rating_rules", columns: ["kind", "parameter", "text_vi", "text_en", "active"], rows: Self.rules).run()

        let figures = database.schema("rating_figures")
            .field("id", .int, .identifier(auto: true))
            .field("period_id", .int, .required, .references("rating_periods", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
        try await tallyColumns(figures)
            .unique(on: "period_id", "organization_id")
            .create()
        try await database.createIndex("rating_figures_rollup", on: "rating_figures",
                                       columns: ["period_id", "organization_path", "excellent", "good", "completed", "not_completed", "not_rated", "pending"])

        let snapshots = database.schema("rating_snapshots")
            .field("id", .int, .identifier(auto: true))
            .field("closure_id", .int, .required, .references("period_closures", "id"))
        try await tallyColumns(snapshots)
            .field("created_at", .datetime)
            .unique(on: "closure_id")
            .create()
    }

    /// The six counts of a `RatingTally`, shared by the figures and the snapshots.
    private func tallyColumns(_ schema: SchemaBuilder) -> SchemaBuilder {
        ["excellent", "good", "completed", "not_completed", "not_rated", "pending"].reduce(schema) { $0.field(.string($1), .int, .required) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rating_snapshots").delete()
        try await database.schema("rating_figures").delete()
        try await database.schema("rating_rules").delete()
        try await database.schema("rating_steps").delete()
        try await database.schema("ratings").delete()
    }
}
