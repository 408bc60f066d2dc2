import Fluent
import SQLKit

struct CreateMembers: AsyncMigration {
    var name: String { "003_CreateMembers" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Member.schema)
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
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("organization_path", database.binaryText, .required)
            .field("id_number", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "card_number")
            .create()
        // A subtree's members in name order: the member list's one query.
        try await database.createIndex("members_path_name", on: Member.schema, columns: ["organization_path", "name_sort"])
        try await database.createIndex("members_organization", on: Member.schema, columns: ["organization_id", "status"])

        try await database.schema(MemberTransfer.schema)
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references(Member.schema, "id"))
            .field("from_organization_id", .int, .references(Organization.schema, "id"))
            .field("to_organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("transferred_on", .string, .required)
            .field("reason", .string)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("member_transfers_member", on: MemberTransfer.schema, columns: ["member_id", "transferred_on"])

        try await database.schema(MemberPosition.schema)
            .field("id", .int, .identifier(auto: true))
            .field("member_id", .int, .required, .references(Member.schema, "id"))
            .field("title", .string, .required)
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .create()
        try await database.createIndex("member_positions_member", on: MemberPosition.schema, columns: ["member_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MemberPosition.schema).delete()
        try await database.schema(MemberTransfer.schema).delete()
        try await database.schema(Member.schema).delete()
    }
}

/// Lists of a large subtree walk the members in name order (`MemberQueries.walksNameIndex`).
struct AddMemberNameIndex: AsyncMigration {
    var name: String { "008_AddMemberNameIndex" }

    func prepare(on database: any Database) async throws {
        try await database.createIndex("members_name_sort", on: Member.schema, columns: ["name_sort", "id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "members_name_sort").run()
    }
}

/// A position is held in a unit: the member's cell (Bí thư chi bộ) or a committee above it (Bí thư Đảng ủy
/// phường), so that "the units a member heads" is a query. Positions recorded before have none.
struct AddPositionUnits: AsyncMigration {
    var name: String { "019_AddPositionUnits" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MemberPosition.schema).field("organization_id", .int, .references(Organization.schema, "id")).update()
        try await database.createIndex("member_positions_organization", on: MemberPosition.schema, columns: ["organization_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "member_positions_organization").run()
        try await database.schema(MemberPosition.schema).deleteField("organization_id").update()
    }
}
