import Fluent
import SQLKit

struct CreateMembers: AsyncMigration {
    var name: String { "003_CreateMembers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("members")
            .field("id", .int, .identifier(auto: true))
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("full_name", .string, .required)
            .field("name_sort", database.binaryText, .required)
            .field("name_search", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string)
            .field("card_number", .string, .required)
            .field("admitted_on", .string)
            .field("full_member_on", .string)
            .field("status", .string, .required)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("id_number", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "card_number")
            .create()
        // A subtree's members in name order: the member list's one query.
        try await database.createIndex("members_path_name", on: "members", columns: ["organization_path", "name_sort"])
        try await database.createIndex("members_organization", on: "members", columns: ["organization_id", "status"])

        try await database.schema("member_transfers")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("from_organization_id", .int, .references("organizations", "id"))
            .field("to_organization_id", .int, .required, .references("organizations", "id"))
            .field("transferred_on", .string, .required)
            .field("reason", .string)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("member_transfers_member", on: "member_transfers", columns: ["member_id", "transferred_on"])

        try await database.schema("member_positions")
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("title", .string, .required)
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .create()
        try await database.createIndex("member_positions_member", on: "member_positions", columns: ["member_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("member_positions").delete()
        try await database.schema("member_transfers").delete()
        try await database.schema("members").delete()
    }
}
