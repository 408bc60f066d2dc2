import Fluent
import SQLKit

/// Deadlines that can move: whether a campaign still takes work after its deadlines (marked late) or refuses
/// it, which reflections and submissions came late, and reflection deadlines extended for a unit (all its
/// members) or one member, with the reason. Campaigns launched before take late work, as their obligations
/// always did.
struct AddMovableDeadlines: AsyncMigration {
    var name: String { "026_AddMovableDeadlines" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns").field("accepts_late_work", .bool, .required, .sql(.default(true))).update()
        try await database.schema("reflections").field("late", .bool, .required, .sql(.default(false))).update()
        try await database.schema("obligations").field("submitted_late", .bool, .required, .sql(.default(false))).update()
        try await database.schema("obligation_submissions").field("late", .bool, .required, .sql(.default(false))).update()

        // Exactly one of organization_id (the unit's whole subtree) and member_id is set.
        try await database.schema("reflection_extensions")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id"))
            .field("organization_id", .int, .references("organizations", "id"))
            .field("member_id", .int, .references("members", "id"))
            .field("until", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("reflection_extensions_campaign", on: "reflection_extensions", columns: ["campaign_id", "organization_id"])
        try await database.createIndex("reflection_extensions_member", on: "reflection_extensions", columns: ["member_id", "campaign_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reflection_extensions").delete()
        try await database.schema("obligation_submissions").deleteField("late").update()
        try await database.schema("obligations").deleteField("submitted_late").update()
        try await database.schema("reflections").deleteField("late").update()
        try await database.schema("campaigns").deleteField("accepts_late_work").update()
    }
}
