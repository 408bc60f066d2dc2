import Fluent
import LamTheoCore
import SQLKit

struct CreateOrganizationKinds: AsyncMigration {
    var name: String { "001_CreateOrganizationKinds" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrganizationKind.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name_vi", .string, .required)
            .field("name_en", .string, .required)
            .field("holds_members", .bool, .required)
            .field("position", .int, .required)
            .create()
        for (position, kind) in StandardOrganizationKind.allCases.enumerated() {
            try await OrganizationKind(code: kind.rawValue, nameVi: kind.vietnameseName, nameEn: kind.englishName,
                                       holdsMembers: kind.holdsMembers, position: position * 10).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganizationKind.schema).delete()
    }
}

struct CreateOrganizations: AsyncMigration {
    var name: String { "002_CreateOrganizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Organization.schema)
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("name_sort", database.binaryText, .required)
            .field("name_search", .string, .required)
            .field("kind_code", .string, .required, .references(OrganizationKind.schema, "code"))
            .field("parent_id", .int, .references(Organization.schema, "id"))
            .field("path", database.binaryText, .required)
            .field("depth", .int, .required)
            .field("member_count", .int, .required, .sql(.default(0)))
            .field("status", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("merged_into_id", .int, .references(Organization.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        // (path, member_count) lets a subtree total be summed from the index alone.
        try await database.createIndex("organizations_path", on: Organization.schema, columns: ["path", "member_count"])
        try await database.createIndex("organizations_parent", on: Organization.schema, columns: ["parent_id", "name_sort"])
        try await database.createIndex("organizations_name_sort", on: Organization.schema, columns: ["name_sort"])

        try await database.schema(OrganizationVersion.schema)
            .field("id", .int, .identifier(auto: true))
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
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
        try await database.createIndex("organization_versions_org", on: OrganizationVersion.schema, columns: ["organization_id", "valid_from"])
        try await database.createIndex("organization_versions_parent", on: OrganizationVersion.schema, columns: ["parent_id", "valid_from"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganizationVersion.schema).delete()
        try await database.schema(Organization.schema).delete()
    }
}
