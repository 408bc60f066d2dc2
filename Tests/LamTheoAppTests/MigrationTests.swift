import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// The schema history runs on databases of every age: empty, or holding rows written at any earlier version,
/// and it can be undone. Migrations are frozen (`SchemaHistory`): these tests would catch one that reads
/// today's models or features instead of its own literal SQL.
@Suite("Migrations")
struct MigrationTests {
    @Test("every migration applies to an empty database, all of them revert, and they apply again to the same schema",
          arguments: TestBackend.allCases)
    func revertAndReapply(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let migrated = try await schema(of: app.db)
            #expect(migrated.count > 40)
            try await app.autoRevert()
            let left = try await schema(of: app.db).filter { !$0.contains("_fluent_migrations") }
            #expect(left.isEmpty, "left after reverting: \(left)")
            try await app.autoMigrate()
            #expect(try await schema(of: app.db) == migrated)
            #expect(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM rating_rules").first()?.decode(column: "n", as: Int.self) == 5)
            // The stored lists are what numbers are parsed against: every standard code must have reached them.
            let stored = Set(try await app.db.sql.raw("SELECT list, code FROM document_abbreviations").all().map {
                "\(try $0.decode(column: "list", as: String.self)) \(try $0.decode(column: "code", as: String.self))"
            })
            let standard = StandardDocumentAbbreviations.types.map { "type \($0.code)" } + StandardDocumentAbbreviations.issuers.map { "issuer \($0.code)" }
            #expect(standard.filter { !stored.contains($0) }.isEmpty, "a standard abbreviation needs a migration that stores it")
        }
    }

    @Test("PostgreSQL connections run without the JIT (it compiled cheap roll-up counts for 100 ms)", arguments: TestBackend.allCases)
    func noJIT(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            guard app.db.isPostgres else { return }
            let jit = try await app.db.sql.raw("SHOW jit").first()?.decode(column: "jit", as: String.self)
            #expect(jit == "off")
        }
    }

    @Test("a database holding rows written at each earlier version migrates on: figures backfilled, every model reads its rows",
          arguments: TestBackend.allCases)
    func upgradeFromEveryVersion(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            for version in 0..<SchemaHistory.migrations.count {
                try await app.autoRevert()
                // Each table's rows are written by the version that created it, as its application did.
                for stage in HistoricRows.stages where stage.after <= version {
                    try await migrate(app, through: stage.after)
                    for statement in stage.statements { try await app.db.sql.raw(SQLQueryString(statement)).run() }
                }
                try await migrate(app, through: SchemaHistory.migrations.count)
                try await expectUpgraded(app, from: version)
            }
        }
    }

    @Test("no migration names application code: models, features and LamTheoCore lists change, history must not")
    func migrationsAreFrozen() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let migrationsFolder = sources.appendingPathComponent("LamTheoApp/Migrations")
        let migrationFiles = try swiftFiles(in: migrationsFolder)
        #expect(migrationFiles.count == SchemaHistory.migrations.count + 1, "one file per migration, and SchemaHistory.swift")
        let declared = #/(?:class|struct|enum|protocol|typealias|actor)\s+([A-Z]\w+)/#
        var applicationTypes: Set<String> = []
        for file in try swiftFiles(in: sources.appendingPathComponent("LamTheoApp")) + swiftFiles(in: sources.appendingPathComponent("LamTheoCore"))
        where !file.path.hasPrefix(migrationsFolder.path) {
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: declared) { applicationTypes.insert(String(match.1)) }
        }
        // Code only: seeded names and SQL keywords in string literals, and comments, may say anything.
        let literalsAndComments = #/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|//[^\n]*/#
        for file in migrationFiles {
            let text = try String(contentsOf: file, encoding: .utf8).replacing(literalsAndComments, with: "")
            let named = applicationTypes.filter { text.firstMatch(of: try! Regex("\\b\($0)\\b")) != nil }
            #expect(named.isEmpty, "\(file.lastPathComponent) names application code: \(named.sorted())")
            #expect(!text.contains("import LamTheoCore") && !text.contains(".query(on:"), "\(file.lastPathComponent)")
        }
    }

    // MARK: Helpers

    /// Runs the first `count` migrations of the history that have not run yet.
    private func migrate(_ app: Application, through count: Int) async throws {
        let migrations = Migrations()
        migrations.add(Array(SchemaHistory.migrations.prefix(count)))
        let migrator = Migrator(databases: app.databases, migrations: migrations, logger: app.logger, on: app.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    private func expectUpgraded(_ app: Application, from version: Int) async throws {
        let sql = app.db.sql
        func count(_ query: String) async throws -> Int {
            try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1
        }
        #expect(try await app.rollupsMatchSubtrees(), "from version \(version)")
        #expect(try await count("SELECT COUNT(*) AS n FROM rating_rules") == 5, "from version \(version)")
        #expect(try await count("SELECT COUNT(*) AS n FROM organization_kinds") == 8, "from version \(version)")
        // Every model reads the rows written before: its fields and the migrated columns agree.
        for model in Self.models { try await model.readAll(on: app.db) }
        guard version >= HistoricRows.campaignFiguresVersion else { return }
        let city = try await sql.raw("""
            SELECT subtree_members AS members, subtree_members_studied AS studied, subtree_reporting_units AS reporting
            FROM campaign_figures WHERE organization_id = 1
            """).first()
        #expect(try city?.decode(column: "members", as: Int.self) == 2, "from version \(version)")
        #expect(try city?.decode(column: "studied", as: Int.self) == 1, "from version \(version)")
        #expect(try city?.decode(column: "reporting", as: Int.self) == 1, "from version \(version)")
        #expect(try await count("SELECT COUNT(*) AS n FROM obligation_tallies WHERE organization_id = 1") == 2, "from version \(version)")
        guard version >= HistoricRows.ratingFiguresVersion else { return }
        #expect(try await count("SELECT subtree_excellent AS n FROM rating_figures WHERE organization_id = 1") == 1, "from version \(version)")
        #expect(try await count("SELECT subtree_members_registered AS n FROM commitment_figures WHERE organization_id = 1") == 1)
        guard version >= HistoricRows.feedbackVersion else { return }
        // Counted up the tree: the cell's open item at the ward and the city, the ward's answer at the city.
        let tallies = try await sql.raw("SELECT organization_id, figure, due_on, items FROM feedback_tallies ORDER BY organization_id, figure").all()
            .map { "\(try $0.decode(column: "organization_id", as: Int.self)) \(try $0.decode(column: "figure", as: String.self)) "
                   + "\(try $0.decode(column: "due_on", as: String.self)) \(try $0.decode(column: "items", as: Int.self))" }
        #expect(tallies == ["1 answered_late  1", "1 answered_on_time  1", "1 open 2025-03-16 1", "2 answered_on_time  1", "2 open 2025-03-16 1",
                            "3 open 2025-03-16 1"], "from version \(version)")
    }

    private static let models: [any ReadableModel.Type] = [
        OrganizationKind.self, Organization.self, OrganizationVersion.self, Member.self, MemberTransfer.self, MemberPosition.self,
        User.self, RoleGrant.self, APIToken.self, UserSession.self, LoginFailure.self, AuditEvent.self, PersonalDataView.self,
        CorrectionRequest.self, ImportRecord.self, DocumentAbbreviationEntry.self, CommitteeTerm.self, Document.self,
        DocumentRelation.self, DocumentAttachment.self, Campaign.self, CampaignRequirement.self, CampaignRequirementKind.self,
        Obligation.self, ObligationSubmission.self, StudySession.self, StudySessionDocument.self, BridgePoint.self, Attendance.self,
        Reflection.self, CampaignFigures.self, RatingPeriod.self, PeriodClosure.self, Commitment.self, CommitmentCheckIn.self,
        CommitmentPledge.self, CommitmentTemplate.self, CommitmentReminder.self, CommitmentFigures.self, Breakthrough.self,
        BreakthroughCheckIn.self, Rating.self, RatingStep.self, RatingRuleRecord.self, RatingFigures.self, RatingSnapshot.self,
        ReflectionExtension.self,
    ]

    /// Table and column names, types and indexes, in a fixed order.
    private func schema(of db: any Database) async throws -> [String] {
        let sql = db.sql
        let rows: [any SQLRow]
        if db.isPostgres {
            rows = try await sql.raw("""
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS line
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT name || ' ' || COALESCE(sql, '') AS line FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'
                """).all()
        }
        return try rows.map { try $0.decode(column: "line", as: String.self) }.sorted()
    }

    private func swiftFiles(in folder: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }
}

/// A model whose stored rows the upgrade test reads back.
private protocol ReadableModel: Model {}

extension ReadableModel {
    static func readAll(on db: any Database) async throws {
        _ = try await query(on: db).all()
    }
}

extension OrganizationKind: ReadableModel {}
extension Organization: ReadableModel {}
extension OrganizationVersion: ReadableModel {}
extension Member: ReadableModel {}
extension MemberTransfer: ReadableModel {}
extension MemberPosition: ReadableModel {}
extension User: ReadableModel {}
extension RoleGrant: ReadableModel {}
extension APIToken: ReadableModel {}
extension UserSession: ReadableModel {}
extension LoginFailure: ReadableModel {}
extension AuditEvent: ReadableModel {}
extension PersonalDataView: ReadableModel {}
extension CorrectionRequest: ReadableModel {}
extension ImportRecord: ReadableModel {}
extension DocumentAbbreviationEntry: ReadableModel {}
extension CommitteeTerm: ReadableModel {}
extension Document: ReadableModel {}
extension DocumentRelation: ReadableModel {}
extension DocumentAttachment: ReadableModel {}
extension Campaign: ReadableModel {}
extension CampaignRequirement: ReadableModel {}
extension CampaignRequirementKind: ReadableModel {}
extension Obligation: ReadableModel {}
extension ObligationSubmission: ReadableModel {}
extension StudySession: ReadableModel {}
extension StudySessionDocument: ReadableModel {}
extension BridgePoint: ReadableModel {}
extension Attendance: ReadableModel {}
extension Reflection: ReadableModel {}
extension CampaignFigures: ReadableModel {}
extension RatingPeriod: ReadableModel {}
extension PeriodClosure: ReadableModel {}
extension Commitment: ReadableModel {}
extension CommitmentCheckIn: ReadableModel {}
extension CommitmentPledge: ReadableModel {}
extension CommitmentTemplate: ReadableModel {}
extension CommitmentReminder: ReadableModel {}
extension CommitmentFigures: ReadableModel {}
extension Breakthrough: ReadableModel {}
extension BreakthroughCheckIn: ReadableModel {}
extension Rating: ReadableModel {}
extension RatingStep: ReadableModel {}
extension RatingRuleRecord: ReadableModel {}
extension RatingFigures: ReadableModel {}
extension RatingSnapshot: ReadableModel {}
extension ReflectionExtension: ReadableModel {}

/// Rows as the application wrote them at earlier versions, in plain SQL naming only the columns each table
/// had then: a city (1) with a ward (2) and a cell (3) of two members; a campaign launched at the city with an
/// obligation at the ward and one at the cell, a session in the cell that one member attended, and the other
/// member's accepted reflection; a year of commitments; a rating period with one excellent member.
private enum HistoricRows {
    /// (the number of migrations after which the statements can run, the statements)
    static let stages: [(after: Int, statements: [String])] = [
        (2, [
            """
            INSERT INTO organizations (id, code, name, name_sort, name_search, kind_code, parent_id, path, depth, member_count, status, valid_from)
            VALUES (1, 'HN', 'Thành phố', 'thanh pho', 'thanh pho', 'province', NULL, '/1/', 0, 0, 'active', '2020-01-01'),
                   (2, 'PA', 'Phường A', 'phuong a', 'phuong a', 'commune', 1, '/1/2/', 1, 0, 'active', '2020-01-01'),
                   (3, 'CB1', 'Chi bộ 1', 'chi bo 1', 'chi bo 1', 'cell', 2, '/1/2/3/', 2, 2, 'active', '2020-01-01')
            """,
        ]),
        (3, [
            """
            INSERT INTO members (id, family_name, middle_name, given_name, full_name, name_sort, name_search, gender, card_number,
                                 status, organization_id, organization_path)
            VALUES (1, 'Nguyễn', 'Văn', 'An', 'Nguyễn Văn An', 'an', 'nguyen van an', 'male', 'C1', 'full', 3, '/1/2/3/'),
                   (2, 'Trần', 'Thị', 'Bình', 'Trần Thị Bình', 'binh', 'tran thi binh', 'female', 'C2', 'full', 3, '/1/2/3/')
            """,
        ]),
        (4, [
            "INSERT INTO users (id, username, display_name, password_hash, is_active) VALUES (1, 'admin', 'Admin', 'x', true)",
            "INSERT INTO user_sessions (user_id, token_hash, expires_at, ip) VALUES (1, 's1', CURRENT_TIMESTAMP, '127.0.0.1')",
            "INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES (1, 'API', 't1', CURRENT_TIMESTAMP)",
        ]),
        (9, [
            """
            INSERT INTO documents (id, organization_id, number, type_code, issuer_code, symbol, title, title_search, issued_on, term_id)
            VALUES (1, NULL, 5, 'CT', 'TW', '05-CT/TW', 'Chỉ thị 05', 'chi thi 05', '2016-05-15', 2)
            """,
        ]),
        (10, [
            """
            INSERT INTO campaigns (id, document_id, organization_id, organization_path, title, title_search, starts_on, ends_on,
                                   grading_scale, status)
            VALUES (1, 1, 1, '/1/', 'Học tập', 'hoc tap', '2025-01-01', '2025-12-31', 'Đạt|Không đạt', 'active')
            """,
            "INSERT INTO campaign_requirements (id, campaign_id, kind, title, due_on) VALUES (1, 1, 'plan', 'Kế hoạch', '2025-03-01')",
            """
            INSERT INTO obligations (id, campaign_id, requirement_id, organization_id, organization_path, due_on, state, submission_count)
            VALUES (1, 1, 1, 2, '/1/2/', '2025-03-01', 'submitted', 1), (2, 1, 1, 3, '/1/2/3/', '2025-03-01', 'open', 0)
            """,
        ]),
        (11, [
            """
            INSERT INTO study_sessions (id, organization_id, organization_path, campaign_id, title, held_on, format, non_member_attendees)
            VALUES (1, 3, '/1/2/3/', 1, 'Buổi 1', '2025-02-01', 'in_person', 0)
            """,
            "INSERT INTO study_attendance (session_id, member_id, status) VALUES (1, 1, 'present'), (1, 2, 'absent')",
            """
            INSERT INTO reflections (campaign_id, member_id, body, state, submission_count, submitted_on)
            VALUES (1, 2, 'Thu hoạch', 'accepted', 1, '2025-02-10')
            """,
        ]),
        (campaignFiguresVersion, [
            """
            INSERT INTO campaign_figures (campaign_id, organization_id, organization_path, members_studied, reflections_submitted,
                                          reflections_accepted, sessions_held)
            VALUES (1, 3, '/1/2/3/', 1, 1, 1, 1)
            """,
        ]),
        (13, [
            "INSERT INTO rating_periods (id, kind, title, starts_on, ends_on) VALUES (1, 'year', 'Năm 2025', '2025-01-01', '2025-12-31')",
        ]),
        (14, [
            """
            INSERT INTO commitments (id, member_id, period_id, year, campaign_id, title, measure, due_on)
            VALUES (1, 1, 1, 2025, 1, 'Làm theo', 'Một việc', '2025-06-30')
            """,
            """
            INSERT INTO commitment_figures (year, organization_id, organization_path, members_registered, commitments, commitments_achieved,
                                            commitments_not_achieved, members_assessed)
            VALUES (2025, 3, '/1/2/3/', 1, 1, 0, 0, 0)
            """,
        ]),
        (15, [
            """
            INSERT INTO breakthroughs (id, organization_id, organization_path, period_id, content, target_kind, starts_on, ends_on, done, at_risk_from)
            VALUES (1, 2, '/1/2/', 1, 'Chuyển đổi số', 'deliverable', '2025-01-01', '2025-12-31', false, '2025-10-01')
            """,
        ]),
        (ratingFiguresVersion, [
            """
            INSERT INTO ratings (id, period_id, member_id, organization_id, organization_path, deciding_id, deciding_path, decided_level)
            VALUES (1, 1, 1, 3, '/1/2/3/', 2, '/1/2/', 'excellent')
            """,
            """
            INSERT INTO rating_figures (period_id, organization_id, organization_path, excellent, good, completed, not_completed, not_rated, pending)
            VALUES (1, 3, '/1/2/3/', 1, 0, 0, 0, 0, 1)
            """,
        ]),
        (18, [
            """
            INSERT INTO breakthrough_check_ins (breakthrough_id, checked_on, done, note, evidence_key, evidence_name, evidence_type)
            VALUES (1, '2025-05-01', false, 'Đang làm', 'k1', 'anh.jpg', 'image/jpeg')
            """,
        ]),
        (19, [
            "INSERT INTO member_positions (member_id, title, started_on, organization_id) VALUES (1, 'Bí thư chi bộ', '2024-01-01', 3)",
        ]),
        (22, [
            """
            INSERT INTO rating_steps (rating_id, kind, score, level, disciplined, username, tasks_assigned, tasks_on_time, tasks_late, tasks_exceeding)
            VALUES (1, 'self_assessment', 95, 'excellent', false, 'admin', 4, 4, 0, 2)
            """,
        ]),
        (23, [
            """
            INSERT INTO personal_data_views (viewed_at, user_id, username, what, count, member_ids)
            VALUES (CURRENT_TIMESTAMP, 1, 'admin', 'members', 2, ',1,2,')
            """,
        ]),
        (25, [
            "UPDATE users SET must_change_password = true, password_changed_at = CURRENT_TIMESTAMP WHERE id = 1",
            """
            INSERT INTO user_sessions (user_id, token_hash, expires_at, ip, user_agent, last_seen_at)
            VALUES (1, 's2', CURRENT_TIMESTAMP, '127.0.0.1', 'Mozilla/5.0 (Linux; Android 14)', CURRENT_TIMESTAMP)
            """,
        ]),
        (26, [
            "UPDATE campaigns SET accepts_late_work = false WHERE id = 1",
            "UPDATE reflections SET late = true WHERE id = 1",
            "UPDATE obligations SET submitted_late = true WHERE id = 1",
            "INSERT INTO reflection_extensions (campaign_id, organization_id, until, reason) VALUES (1, 3, '2025-12-15', 'Chi bộ học tập bù')",
            "INSERT INTO reflection_extensions (campaign_id, member_id, until, reason) VALUES (1, 1, '2025-12-20', 'Nằm viện')",
        ]),
        (feedbackVersion, [
            """
            INSERT INTO feedback (code, site_organization_id, organization_id, organization_path, topic, content, consents_to_publish, state,
                                  received_on, answer_due_on, answered_on)
            VALUES ('YK-2222-2222', 1, 3, '/1/2/3/', 'other', 'Chưa trả lời', false, 'forwarded', '2025-03-01', '2025-03-16', NULL),
                   ('YK-3333-3333', 1, 2, '/1/2/', 'other', 'Đúng hạn', false, 'published', '2025-03-01', '2025-03-16', '2025-03-10'),
                   ('YK-4444-4444', 1, 1, '/1/', 'other', 'Trễ hạn', false, 'rejected', '2025-03-01', '2025-03-16', '2025-03-20')
            """,
        ]),
    ]

    static let campaignFiguresVersion = 12
    static let ratingFiguresVersion = 16
    static let feedbackVersion = 37
}
