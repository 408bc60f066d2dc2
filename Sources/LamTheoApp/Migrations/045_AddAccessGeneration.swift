import Fluent
import SQLKit

/// One row counting the changes to who may do what: each serving process keeps its callers (a token's or a session's
/// holder with the grants in force) and starts again when the number moves. The database counts it, like the role
/// grants' places (044), so that every write path — commands, imports, merges, moves, a `lamtheo user` run in another
/// process — moves it without knowing it exists.
///
/// Only what a caller is made of counts: a grant, its unit's path and status, the account's name and state, a session
/// or token ended or changed, an inspection's team, units and dates (the access it lends). Not a session's last use,
/// nor a grant's place (a member's transfer): those change all day and no caller's rights with them. PostgreSQL
/// counts once per transaction and statement-level, so that a bulk import of accounts moves it once and holds the
/// row only from its first such change to its commit; SQLite has one writer and counts each row.
struct AddAccessGeneration: AsyncMigration {
    var name: String { "045_AddAccessGeneration" }

    /// The tables and the changes of each that count.
    private static let watched: [(table: String, events: [String])] = [
        ("role_grants", ["INSERT", "DELETE", "UPDATE OF user_id, role, level, organization_id, member_id, starts_on, ends_on, revoked_at"]),
        ("users", ["DELETE", "UPDATE OF username, display_name, is_active, must_change_password"]),
        ("user_sessions", ["DELETE", "UPDATE OF user_id, token_hash, expires_at"]),
        ("api_tokens", ["DELETE", "UPDATE OF user_id, token_hash, expires_at, revoked_at"]),
        ("organizations", ["DELETE", "UPDATE OF path, status"]),
        ("inspections", ["DELETE", "UPDATE OF starts_on, ends_on, closed_on"]),
        ("inspection_team", ["INSERT", "DELETE", "UPDATE OF inspection_id, user_id"]),
        ("inspection_units", ["INSERT", "DELETE", "UPDATE OF inspection_id, organization_path"]),
    ]

    private static let count = "UPDATE access_generation SET generation = generation + 1 WHERE id = 1"

    /// SQLite names one event per trigger: `access_role_grants_insert`, `access_users_update`.
    private static func sqliteTrigger(_ table: String, _ event: String) -> String {
        "access_\(table)_\(event.split(separator: " ")[0].lowercased())"
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("access_generation")
            .field("id", .int, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        let sql = database.sql
        try await sql.raw("INSERT INTO access_generation (id, generation) VALUES (1, 0)").run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('lamtheo.access_changed', true) IS DISTINCT FROM 'yes' THEN
                        \(unsafeRaw: Self.count);
                        PERFORM set_config('lamtheo.access_changed', 'yes', true);
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
            for (table, events) in Self.watched {
                let statement = "CREATE TRIGGER access_changed AFTER \(events.joined(separator: " OR ")) ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION access_changed()"
                try await sql.raw(SQLQueryString(statement)).run()
            }
        } else {
            for (table, events) in Self.watched {
                for event in events {
                    let statement = "CREATE TRIGGER \(Self.sqliteTrigger(table, event)) AFTER \(event) ON \(table) BEGIN \(Self.count); END"
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            for (table, _) in Self.watched {
                let statement = "DROP TRIGGER access_changed ON \(table)"
                try await sql.raw(SQLQueryString(statement)).run()
            }
            try await sql.raw("DROP FUNCTION access_changed()").run()
        } else {
            for (table, events) in Self.watched {
                for event in events {
                    let statement = "DROP TRIGGER \(Self.sqliteTrigger(table, event))"
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
        }
        try await database.schema("access_generation").delete()
    }
}
