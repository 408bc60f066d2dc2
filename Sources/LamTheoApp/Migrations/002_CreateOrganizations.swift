import Fluent
import SQLKit

struct CreateOrganizations: AsyncMigration {
    var name: String { "002_CreateOrganizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("name_sort", database.binaryText, .required)
            .field("name_search", .string, .required)
            .field("kind_code", .string, .required, .references("organization_kinds", "code"))
            .field("parent_id", .int, .references("organizations", "id"))
            .field("path", database.binaryText, .required)
            .field("depth", .int, .required)
            .field("member_count", .int, .required, .sql(.default(0)))
            .field("status", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("merged_into_id", .int, .references("organizations", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        // (path, member_count) lets a subtree total be summed from the index alone.
        try await database.createIndex("organizations_path", on: "organizations", columns: ["path", "member_count"])
        try await database.createIndex("organizations_parent", on: "organizations", columns: ["parent_id", "name_sort"])
        try await database.createIndex("organizations_name_sort", on: "organizations", columns: ["name_sort"])

        try await database.schema("organization_versions")
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("kind_code", .string, .required)
            .field("parent_id", .int)
            .field("status", .string, .required)
            .field("change", .string, .required)
            .field("note", .string)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("organization_versions_org", on: "organization_versions", columns: ["organization_id", "valid_from"])
        try await database.createIndex("organization_versions_parent", on: "organization_versions", columns: ["parent_id", "valid_from"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organization_versions").delete()
        try await database.schema("organizations").delete()
    }
}
