import Fluent
import SQLKit

/// One row each counting the changes to a table whose reads each serving process keeps: `organization_generation` for
/// the units' rows — added, removed, renamed, moved, closed, their member counts — behind the API's pages of units;
/// `notification_generation` for notifications added, removed, read or given to another, behind each reader's unread
/// count in the header. The database counts them, like the access generation (045), so that every write path moves
/// them without knowing they exist. PostgreSQL counts once per transaction and statement-level (an import that counts
/// the members of every unit, a run of reminders, moves it once); SQLite has one writer and counts each row.
struct AddChangeGenerations: AsyncMigration {
    var name: String { "046_AddChangeGenerations" }

    /// Each counted table, the table of its number and the changes that count.
    private static let counted: [(table: String, generation: String, events: [String])] = [
        ("organizations", "organization_generation", ["INSERT", "UPDATE", "DELETE"]),
        ("notifications", "notification_generation", ["INSERT", "DELETE", "UPDATE OF user_id, read_at"]),
    ]

    /// SQLite names one event per trigger: `organizations_changed_insert`.
    private static func sqliteTrigger(_ table: String, _ event: String) -> String {
        "\(table)_changed_\(event.split(separator: " ")[0].lowercased())"
    }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        for (table, generation, events) in Self.counted {
            try await database.schema(generation)
                .field("id", .int, .identifier(auto: false))
                .field("generation", .int64, .required)
                .create()
            let first = "INSERT INTO \(generation) (id, generation) VALUES (1, 0)"
            try await sql.raw(SQLQueryString(first)).run()
            let count = "UPDATE \(generation) SET generation = generation + 1 WHERE id = 1"
            if database.isPostgres {
                let function = """
                    CREATE FUNCTION \(table)_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF current_setting('lamtheo.\(table)_changed', true) IS DISTINCT FROM 'yes' THEN
                            \(count);
                            PERFORM set_config('lamtheo.\(table)_changed', 'yes', true);
                        END IF;
                        RETURN NULL;
                    END $$
                    """
                try await sql.raw(SQLQueryString(function)).run()
                let statement = "CREATE TRIGGER \(table)_changed AFTER \(events.joined(separator: " OR ")) ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION \(table)_changed()"
                try await sql.raw(SQLQueryString(statement)).run()
            } else {
                for event in events {
                    let statement = "CREATE TRIGGER \(Self.sqliteTrigger(table, event)) AFTER \(event) ON \(table) BEGIN \(count); END"
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for (table, generation, events) in Self.counted {
            if database.isPostgres {
                for statement in ["DROP TRIGGER \(table)_changed ON \(table)", "DROP FUNCTION \(table)_changed()"] {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            } else {
                for event in events {
                    let statement = "DROP TRIGGER \(Self.sqliteTrigger(table, event))"
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
            try await database.schema(generation).delete()
        }
    }
}
