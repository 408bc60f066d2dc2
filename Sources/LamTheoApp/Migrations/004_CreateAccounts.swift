import Fluent
import SQLKit

struct CreateAccounts: AsyncMigration {
    var name: String { "004_CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()

        try await database.schema("role_grants")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("role", .string, .required)
            .field("organization_id", .int, .references("organizations", "id"))
            .field("level", .string)
            .field("member_id", .int, .references("members", "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("granted_by", .int, .references("users", "id"))
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("role_grants_user", on: "role_grants", columns: ["user_id"])
        try await database.createIndex("role_grants_organization", on: "role_grants", columns: ["organization_id"])

        try await database.schema("api_tokens")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await database.schema("user_sessions")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("ip", .string)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await database.schema("login_failures")
            .field("id", .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await database.createIndex("login_failures_key", on: "login_failures", columns: ["key", "failed_at"])
    }

    func revert(on database: any Database) async throws {
        for schema in ["login_failures", "user_sessions", "api_tokens", "role_grants", "users"] {
            try await database.schema(schema).delete()
        }
    }
}
