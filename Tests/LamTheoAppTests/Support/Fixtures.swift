import Fluent
import SQLKit
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// A small tree most tests start from:
///
///     city (HCM)
///     ├── ward A (PA) ── cell A1 (PA-1), cell A2 (PA-2)
///     └── ward B (PB) ── cell B1 (PB-1)
struct SmallTree {
    let city: Int
    let wardA: Int
    let wardB: Int
    let cellA1: Int
    let cellA2: Int
    let cellB1: Int

    static func make(on app: Application) async throws -> SmallTree {
        let city = try await app.createUnit("Đảng bộ Thành phố Hồ Chí Minh", code: "HCM", kind: .province, parent: nil, on: "2020-01-01")
        let wardA = try await app.createUnit("Đảng bộ phường Bến Nghé", code: "PA", kind: .commune, parent: city, on: "2020-01-01")
        let wardB = try await app.createUnit("Đảng bộ phường Đa Kao", code: "PB", kind: .commune, parent: city, on: "2020-01-01")
        return SmallTree(
            city: city, wardA: wardA, wardB: wardB,
            cellA1: try await app.createUnit("Chi bộ Khu phố 1", code: "PA-1", kind: .cell, parent: wardA, on: "2020-01-01"),
            cellA2: try await app.createUnit("Chi bộ Khu phố 2", code: "PA-2", kind: .cell, parent: wardA, on: "2020-01-01"),
            cellB1: try await app.createUnit("Chi bộ Khu phố 3", code: "PB-1", kind: .cell, parent: wardB, on: "2020-01-01"))
    }
}

extension Application {
    /// Commands run directly by tests, audited as the command line.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await write(AuditSubject("test.setup", Organization.self), origin: .commandLine(user: "test"), body)
    }

    func createUnit(_ name: String, code: String, kind: StandardOrganizationKind, parent: Int?, on date: String? = nil) async throws -> Int {
        let input = NewOrganization(name: name, code: code, kindCode: kind.rawValue, parentId: parent, validFrom: date)
        return try await write { try await OrganizationCommands.create(input, on: $0) }.requireID()
    }

    @discardableResult
    func createMember(_ fullName: String, card: String, in cell: Int, status: MemberStatus = .full) async throws -> Int {
        let input = MemberInput(fullName: fullName, gender: Gender.male.rawValue, birthDate: "1980-05-18", cardNumber: card,
                                admittedOn: "2005-05-19", status: status.rawValue, organizationId: cell)
        return try await write { try await MemberCommands.create(input, on: $0) }.requireID()
    }

    /// `count` cells under `parent`, bulk-created in one write: what a list needs to pass a thousand units.
    @discardableResult
    func createCells(_ count: Int, under parent: Organization) async throws -> [Int] {
        let kinds = try await OrganizationQueries.kindsByCode(on: db)
        let ids = try await BulkInsert.reserveIds(count, in: Organization.schema, on: db)
        let cells = try ids.map { id in
            let input = NewOrganization(name: "Chi bộ Tổ \(id % 97) khu \(id % 13)", code: "T\(id)", kindCode: StandardOrganizationKind.cell.rawValue,
                                        parentId: parent.id, validFrom: "2020-01-01")
            let cell = try OrganizationCommands.checkedNew(input, kinds: kinds, parent: parent)
            cell.id = id
            cell.path = Organization.path(of: id, under: parent).rawValue
            return cell
        }
        _ = try await write { try await OrganizationCommands.createAll(cells, on: $0) }
        return ids
    }

    func unit(_ id: Int) async throws -> Organization {
        try #require(try await Organization.find(id, on: db))
    }

    func subtreeCount(_ id: Int) async throws -> Int {
        try await OrganizationQueries.subtreeMemberCount(unit(id).treePath, on: db)
    }

    /// Counts rows of a table: tests use it to prove a refused write left nothing behind.
    func rowCount(_ table: String) async throws -> Int {
        try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    /// Recounts each unit's members from the members table and compares with the stored figures.
    func storedCountsMatchMembers() async throws -> Bool {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT o.id AS id FROM organizations o
            WHERE o.member_count <> (SELECT COUNT(*) FROM members m WHERE m.organization_id = o.id
                                     AND m.status IN ('probationary', 'full', 'exempt'))
            """).all()
        return rows.isEmpty
    }

    /// The path copies (`TreePathCopies`) that differ from the path they copy, as "table.column: rows"; empty when every
    /// row holds its unit's path (a reader's, its member's).
    func pathCopyMismatches() async throws -> [String] {
        var mismatches: [String] = []
        for (table, column) in TreePathCopies.columns {
            let source: SQLQueryString = switch (table, column) {
            case (_, "deciding_path"): "SELECT o.path FROM organizations o WHERE o.id = t.deciding_id"
            case ("library_campaign_readers", _): "SELECT m.organization_path FROM members m WHERE m.id = t.member_id"
            default: "SELECT o.path FROM organizations o WHERE o.id = t.organization_id"
            }
            let wrong = try await (db as! any SQLDatabase).raw("""
                SELECT COUNT(*) AS n FROM \(ident: table) t WHERE t.\(ident: column) <> (\(source))
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if wrong > 0 { mismatches.append("\(table).\(column): \(wrong)") }
        }
        return mismatches
    }

    /// Every stored subtree figure (campaigns, commitments, ratings) is the sum of the own figures in the unit's
    /// subtree, and every unit's obligation tallies count the obligations in force in its subtree: what the
    /// roll-ups keep by refreshing chains, recomputed here from path ranges.
    func rollupsMatchSubtrees() async throws -> Bool {
        let sql = db as! any SQLDatabase
        for rollup in [CampaignFigures.rollup, CommitmentFigures.rollup, RatingFigures.rollup] {
            for figure in rollup.figures {
                let wrong = try await sql.raw("""
                    SELECT t.organization_id FROM \(ident: rollup.table) t JOIN organizations u ON u.id = t.organization_id
                    WHERE t.\(ident: "subtree_" + figure.name) <> (
                      SELECT COALESCE(SUM(\(unsafeRaw: figure.own)), 0)
                      FROM \(ident: rollup.table) JOIN organizations o ON o.id = \(ident: rollup.table).organization_id
                      WHERE \(ident: rollup.table).\(ident: rollup.key) = t.\(ident: rollup.key) AND o.path >= u.path AND o.path < u.path || '~')
                    """).all()
                if !wrong.isEmpty {
                    Issue.record("\(rollup.table).subtree_\(figure.name) is wrong at \(try wrong.map { try $0.decode(column: "organization_id", as: Int.self) })")
                    return false
                }
            }
        }
        func rows(_ query: SQLQueryString) async throws -> [String] {
            try await sql.raw(query).all().map { row in
                try ["campaign_id", "organization_id", "state", "due_on", "extended_until", "n"].map { column in
                    try row.decode(column: column, as: String?.self) ?? "-"
                }.joined(separator: " ")
            }.sorted()
        }
        let stored = try await rows("""
            SELECT CAST(campaign_id AS TEXT) AS campaign_id, CAST(organization_id AS TEXT) AS organization_id, state, due_on, extended_until,
                   CAST(obligations AS TEXT) AS n FROM obligation_tallies
            """)
        let expected = try await rows("""
            SELECT CAST(b.campaign_id AS TEXT) AS campaign_id, CAST(u.id AS TEXT) AS organization_id, b.state,
                   CASE WHEN b.state IN ('open', 'returned') THEN b.due_on END AS due_on,
                   CASE WHEN b.state IN ('open', 'returned') THEN b.extended_until END AS extended_until, CAST(COUNT(*) AS TEXT) AS n
            FROM organizations u JOIN obligations b ON b.organization_path >= u.path AND b.organization_path < u.path || '~'
            WHERE b.state NOT IN ('handed_over', 'withdrawn') AND b.campaign_id IN (SELECT id FROM campaigns WHERE status = 'active')
            GROUP BY b.campaign_id, u.id, b.state, 4, 5
            """)
        if stored != expected {
            Issue.record("obligation tallies differ:\nstored   \(stored)\nexpected \(expected)")
            return false
        }
        return true
    }
}

/// Runs a command and returns the `DomainError` it threw (failing the test if it did not throw one).
func domainError(_ body: () async throws -> Void) async -> DomainError? {
    do {
        try await body()
        Issue.record("expected a DomainError, but the command succeeded")
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)")
        return nil
    }
}

extension DomainError {
    var fields: [String] { fieldErrors.map(\.field) }
}
