import Fluent
import SQLKit

/// Each role grant carries the path of its place: the unit of an officer's or secretary's grant, the cell of a
/// member's account. A subtree's grants are then one index range, newest first (the access list below the root, the
/// reminders' preview of a subtree): joining the members to find them read a province's 471,000 accounts one by one,
/// and walking the grants newest first skipped every other province's.
///
/// The path is kept by the database itself, like the search tables (042), so that every write path — commands,
/// imports, merges, moves of a subtree, raw bulk inserts — keeps it without knowing it exists: a grant takes its
/// place's path when written, and follows its member's cell or its unit when their path changes.
struct AddRoleGrantPlace: AsyncMigration {
    var name: String { "044_AddRoleGrantPlace" }

    /// The place's path of the grant `row` (`new` in a trigger): its unit's, else its member's cell's (an
    /// administrator's has none). No alias for the updated table: SQLite before 3.42 refuses one in a trigger, and
    /// a schema an older SQLite cannot read cannot be opened by it at all (Python's, in CI's backup stage).
    private static func placePath(of row: String) -> String {
        "COALESCE((SELECT o.path FROM organizations o WHERE o.id = \(row).organization_id), (SELECT m.organization_path FROM members m WHERE m.id = \(row).member_id))"
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("role_grants").field("organization_path", database.binaryText).update()
        let sql = database.sql
        if database.isPostgres {
            for statement in [
                "UPDATE role_grants g SET organization_path = o.path FROM organizations o WHERE o.id = g.organization_id",
                "UPDATE role_grants g SET organization_path = m.organization_path FROM members m WHERE m.id = g.member_id AND g.organization_id IS NULL",
                """
                CREATE FUNCTION role_grants_place() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.organization_path := COALESCE((SELECT o.path FROM organizations o WHERE o.id = NEW.organization_id),
                                                      (SELECT m.organization_path FROM members m WHERE m.id = NEW.member_id));
                    RETURN NEW;
                END $$
                """,
                "CREATE TRIGGER role_grants_place BEFORE INSERT OR UPDATE OF organization_id, member_id ON role_grants FOR EACH ROW EXECUTE FUNCTION role_grants_place()",
                """
                CREATE FUNCTION role_grants_place_of_member() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE role_grants SET organization_path = NEW.organization_path WHERE member_id = NEW.id AND organization_id IS NULL;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER role_grants_place_of_member AFTER UPDATE OF organization_path ON members FOR EACH ROW
                WHEN (OLD.organization_path IS DISTINCT FROM NEW.organization_path) EXECUTE FUNCTION role_grants_place_of_member()
                """,
                """
                CREATE FUNCTION role_grants_place_of_unit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE role_grants SET organization_path = NEW.path WHERE organization_id = NEW.id;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER role_grants_place_of_unit AFTER UPDATE OF path ON organizations FOR EACH ROW
                WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION role_grants_place_of_unit()
                """,
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        } else {
            for statement in [
                "UPDATE role_grants SET organization_path = \(Self.placePath(of: "role_grants"))",
                """
                CREATE TRIGGER role_grants_place_insert AFTER INSERT ON role_grants BEGIN
                UPDATE role_grants SET organization_path = \(Self.placePath(of: "new")) WHERE id = new.id; END
                """,
                """
                CREATE TRIGGER role_grants_place_update AFTER UPDATE OF organization_id, member_id ON role_grants BEGIN
                UPDATE role_grants SET organization_path = \(Self.placePath(of: "new")) WHERE id = new.id; END
                """,
                """
                CREATE TRIGGER role_grants_place_of_member AFTER UPDATE OF organization_path ON members
                WHEN old.organization_path IS NOT new.organization_path BEGIN
                UPDATE role_grants SET organization_path = new.organization_path WHERE member_id = new.id AND organization_id IS NULL; END
                """,
                """
                CREATE TRIGGER role_grants_place_of_unit AFTER UPDATE OF path ON organizations WHEN old.path IS NOT new.path BEGIN
                UPDATE role_grants SET organization_path = new.path WHERE organization_id = new.id; END
                """,
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
        // Grants in force only: the lists and the reminders never read a revoked one. The role is in the index so
        // that a list of one role is read from the index alone.
        try await sql.raw("CREATE INDEX role_grants_place ON role_grants (organization_path, role, id) WHERE revoked_at IS NULL").run()
        if database.isPostgres { try await sql.raw("ANALYZE role_grants").run() }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("DROP INDEX role_grants_place").run()
        if database.isPostgres {
            for statement in [
                "DROP TRIGGER role_grants_place ON role_grants", "DROP TRIGGER role_grants_place_of_member ON members",
                "DROP TRIGGER role_grants_place_of_unit ON organizations", "DROP FUNCTION role_grants_place()",
                "DROP FUNCTION role_grants_place_of_member()", "DROP FUNCTION role_grants_place_of_unit()",
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        } else {
            for trigger in ["role_grants_place_insert", "role_grants_place_update", "role_grants_place_of_member", "role_grants_place_of_unit"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER " + trigger)).run()
            }
        }
        try await database.schema("role_grants").deleteField("organization_path").update()
    }
}
