import Fluent

struct CreateAccounts: AsyncMigration {
    var name: String { "004_CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()

        try await database.schema(RoleGrant.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("role", .string, .required)
            .field("organization_id", .int, .references(Organization.schema, "id"))
            .field("level", .string)
            .field("member_id", .int, .references(Member.schema, "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("granted_by", .int, .references(User.schema, "id"))
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("role_grants_user", on: RoleGrant.schema, columns: ["user_id"])
        try await database.createIndex("role_grants_organization", on: RoleGrant.schema, columns: ["organization_id"])

        try await database.schema(APIToken.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await database.schema(UserSession.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("ip", .string)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await database.schema(LoginFailure.schema)
            .field("id", .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await database.createIndex("login_failures_key", on: LoginFailure.schema, columns: ["key", "failed_at"])
    }

    func revert(on database: any Database) async throws {
        for schema in [LoginFailure.schema, UserSession.schema, APIToken.schema, RoleGrant.schema, User.schema] {
            try await database.schema(schema).delete()
        }
    }
}
