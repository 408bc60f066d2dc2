import Fluent
import Foundation
import LamTheoCore
import LamTheoSpreadsheet
import SQLKit

/// The organisation and member lists of a caller's scope as CSV or XLSX, in the columns the importer
/// reads, so that an exported file imports back unchanged. The import template is the same file: the
/// user's own subtree, pre-filled, keyed by unit codes and card numbers.
enum SpreadsheetExport {
    enum Format: String, Sendable, CaseIterable {
        case csv, xlsx

        var contentType: String {
            self == .csv ? MediaType.csv : MediaType.xlsx
        }
    }

    struct File: Sendable {
        let name: String
        let data: Data
        let rows: Int
        /// The members the file holds (empty for units), for the personal-data log.
        let memberIds: [Int]
    }

    /// - Parameters:
    ///   - scopes: the caller's readable subtrees (nil: everything).
    ///   - within: a subtree to narrow to.
    static func file(_ kind: SpreadsheetKind, format: Format, scopes: [TreePath]?, within: TreePath?, on db: any Database) async throws -> File {
        let header = kind.columns.map(\.header.vi)
        let (rows, memberIds) = kind == .members ? try await memberRows(scopes: scopes, within: within, on: db)
                                                 : (try await organizationRows(scopes: scopes, within: within, on: db), [])
        let stem = kind == .members ? "dang-vien" : "to-chuc-dang"
        // A province's members are seconds of writing: off the event loops.
        switch format {
        case .csv:
            return File(name: "\(stem).csv", data: await BlockingWork.run { CSVFile.write([header] + rows) }, rows: rows.count, memberIds: memberIds)
        case .xlsx:
            let sheet = XLSXWriter.Sheet(name: kind == .members ? "Đảng viên" : "Tổ chức đảng", header: header, rows: rows)
            return File(name: "\(stem).xlsx", data: try await BlockingWork.run { try XLSXWriter.write([sheet]) }, rows: rows.count, memberIds: memberIds)
        }
    }

    private static func organizationRows(scopes: [TreePath]?, within: TreePath?, on db: any Database) async throws -> [[String]] {
        let rows = try await db.sql.raw("""
            SELECT o.code AS code, o.name AS name, o.kind_code AS kind, p.code AS parent, o.valid_from AS valid_from
            FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
            WHERE o.status = \(bind: OrganizationStatus.active.rawValue) AND \(OrganizationQueries.subtreePredicate("o.path", scopes: scopes, within: within))
            ORDER BY o.depth, o.name_sort
            """).all()
        let kinds = Dictionary(uniqueKeysWithValues: try await OrganizationQueries.kinds(on: db).map { ($0.id!, $0.nameVi) })
        let visible = Set(try rows.map { try $0.decode(column: "code", as: String.self) })
        return try rows.map { row in
            let parent = try row.decode(column: "parent", as: String?.self)
            let kind = try row.decode(column: "kind", as: String.self)
            return [try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self), kinds[kind] ?? kind,
                    // A parent outside the caller's scope is not named; the unit still imports back under its own code.
                    parent.flatMap { visible.contains($0) ? $0 : nil } ?? "",
                    // As people type dates in Vietnam; the importer reads them back.
                    try row.decode(column: "valid_from", as: CalendarDate.self).vietnamese]
        }
    }

    /// The rows, and the ids of the members in them.
    private static func memberRows(scopes: [TreePath]?, within: TreePath?, on db: any Database) async throws -> ([[String]], [Int]) {
        let rows = try await db.sql.raw("""
            SELECT m.id, m.card_number, m.full_name, m.family_name, m.middle_name, m.given_name, m.gender, m.birth_date, m.admitted_on,
                   m.full_member_on, m.status, o.code AS cell_code, o.name AS cell_name, m.id_number, m.phone, m.address
            FROM members m JOIN organizations o ON o.id = m.organization_id
            WHERE \(OrganizationQueries.subtreePredicate("m.organization_path", scopes: scopes, within: within))
            ORDER BY m.name_sort, m.id
            """).all()
        let cells = try rows.map { row in
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String?.self) ?? "" }
            return MemberSheetRow(
                cardNumber: try text("card_number"), fullName: try text("full_name"), familyName: try text("family_name"),
                middleName: try text("middle_name"), givenName: try text("given_name"), gender: Gender(rawValue: try text("gender")),
                birthDate: try row.decode(column: "birth_date", as: CalendarDate?.self),
                admittedOn: try row.decode(column: "admitted_on", as: CalendarDate?.self),
                fullMemberOn: try row.decode(column: "full_member_on", as: CalendarDate?.self), status: MemberStatus(rawValue: try text("status")),
                cellCode: try text("cell_code"), cellName: try text("cell_name"), idNumber: try text("id_number"), phone: try text("phone"),
                address: try text("address")).cells
        }
        return (cells, try rows.map { try $0.decode(column: "id", as: Int.self) })
    }
}

/// One member as a row of the members file, in `SpreadsheetColumn.members` order: what the export writes
/// and the synthetic generator's files hold.
struct MemberSheetRow {
    let cardNumber: String
    let fullName: String
    let familyName: String
    let middleName: String
    let givenName: String
    let gender: Gender?
    let birthDate: CalendarDate?
    let admittedOn: CalendarDate?
    let fullMemberOn: CalendarDate?
    let status: MemberStatus?
    let cellCode: String
    let cellName: String
    let idNumber: String
    let phone: String
    let address: String

    var cells: [String] {
        [cardNumber, fullName, familyName, middleName, givenName, gender?.label.vi ?? "", birthDate?.vietnamese ?? "",
         admittedOn?.vietnamese ?? "", fullMemberOn?.vietnamese ?? "", status?.label.vi ?? "", cellCode, cellName, idNumber, phone, address]
    }
}
