import Fluent
import SQLKit

/// One row counting the changes to the units' rows — added, removed, renamed, moved, closed, their member counts — for
/// the pages of units each serving process keeps (the API's list). The database counts it, like the access generation
/// (045), so that every write path moves it without knowing it exists. PostgreSQL counts once per transaction and
/// statement-level (an import that counts the members of every unit moves it once); SQLite has one writer and counts
/// each row.
struct AddOrganizationGeneration: AsyncMigration {
    var name: String { "046_AddOrganizationGeneration" }

    private static let count = "UPDATE organization_generation SET generation = generation + 1 WHERE id = 1"
    private static let events = ["INSERT", "UPDATE", "DELETE"]

    func prepare(on database: any Database) async throws {
        try await database.schema("organization_generation")
            .field("id", .int, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        let sql = database.sql
        try await sql.raw("INSERT INTO organization_generation (id, generation) VALUES (1, 0)").run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION organizations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('lamtheo.organizations_changed', true) IS DISTINCT FROM 'yes' THEN
                        \(unsafeRaw: Self.count);
                        PERFORM set_config('lamtheo.organizations_changed', 'yes', true);
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
            let statement = "CREATE TRIGGER organizations_changed AFTER \(Self.events.joined(separator: " OR ")) ON organizations FOR EACH STATEMENT EXECUTE FUNCTION organizations_changed()"
            try await sql.raw(SQLQueryString(statement)).run()
        } else {
            for event in Self.events {
                let statement = "CREATE TRIGGER organizations_changed_\(event.lowercased()) AFTER \(event) ON organizations BEGIN \(Self.count); END"
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw("DROP TRIGGER organizations_changed ON organizations").run()
            try await sql.raw("DROP FUNCTION organizations_changed()").run()
        } else {
            for event in Self.events {
                let statement = "DROP TRIGGER organizations_changed_\(event.lowercased())"
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
        try await database.schema("organization_generation").delete()
    }
}
