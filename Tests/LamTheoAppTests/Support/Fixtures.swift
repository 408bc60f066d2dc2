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
