import Fluent
import SQLKit

/// Accounts a person looks after: a password reset by a manager is temporary (changed at the next sign-in),
/// the last change is dated, and each browser session keeps when it was last seen and what browser it is, so
/// that its owner can tell their sessions apart and end them. Sessions and tokens are listed per account.
struct AddAccountSelfService: AsyncMigration {
    var name: String { "025_AddAccountSelfService" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("must_change_password", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("users").field("password_changed_at", .datetime).update()
        try await database.schema("user_sessions").field("last_seen_at", .datetime).update()
        try await database.schema("user_sessions").field("user_agent", .string).update()
        try await database.createIndex("user_sessions_user", on: "user_sessions", columns: ["user_id"])
        try await database.createIndex("api_tokens_user", on: "api_tokens", columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "api_tokens_user").run()
        try await database.sql.drop(index: "user_sessions_user").run()
        try await database.schema("user_sessions").deleteField("user_agent").update()
        try await database.schema("user_sessions").deleteField("last_seen_at").update()
        try await database.schema("users").deleteField("password_changed_at").update()
        try await database.schema("users").deleteField("must_change_password").update()
    }
}
