import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// Members from a spreadsheet: every row checked with the rules of the member form, then written in bulk
/// in one transaction, keyed by the Party card number so that the same file imported twice changes nothing
/// the second time.
enum MemberImport {
    /// A row after the checks that need no other row: its details and cell, or what is wrong with it.
    private struct CheckedRow: Sendable {
        let line: Int
        let details: CheckedDetails
        let cell: Organization?
        var errors: [ImportReport.RowError]
    }

    /// A changed member: written one at a time (a change can move them to another cell).
    private struct Change: Sendable {
        let memberId: Int
        let previousCellId: Int
        let details: CheckedDetails
        let cell: Organization
    }

    /// What the import needs to know of a stored member, read with plain SQL: models for hundreds of
    /// thousands of rows would cost more than the rest of the import.
    private struct Stored {
        let id: Int
        let organizationId: Int
        let organizationPath: String
        let fingerprint: String
    }

    static func run(_ table: SpreadsheetTable, report initial: ImportReport, dryRun: Bool, actor: Actor?, origin: AuditOrigin,
                    app: Application, progress: @escaping @Sendable (Int, Int) -> Void) async throws -> ImportReport {
        var report = initial
        let columns = try ColumnMap(kind: .members, header: table.rows[0])
        let db = app.db
        let cellKinds = Set(try await OrganizationKind.query(on: db).filter(\.$holdsMembers == true).all().compactMap(\.id))
        let units = try await OrganizationQueries.unitsByCode(on: db)
        let body = Array(table.rows.dropFirst())

        // Rows are independent once units are loaded: checked on every core, off the event loops.
        let checked = await body.enumerated().map { ($0.offset + 2, $0.element) }.concurrentMap { line, row in
            check(row, line: line, columns: columns, units: units, cellKinds: cellKinds, actor: actor)
        } progress: { progress($0, body.count * 2) }

        let existing = try await membersByCard(Set(checked.lazy.compactMap { $0?.details.cardNumber }), on: db)
        // What depends on other rows or on stored members, in the file's order.
        var created: [MemberRoster.Enrolment] = []
        var changes: [Change] = []
        var seen: [String: Int] = [:]
        for case var row? in checked {
            report.rows += 1
            let details = row.details
            if !details.cardNumber.isEmpty {
                if let first = seen[details.cardNumber] {
                    row.errors.append(.init(line: row.line, column: columns.header(for: "cardNumber"),
                                            message: LocalizedText(vi: "Số thẻ \(details.cardNumber) trùng với dòng \(first)",
                                                                   en: "Card number \(details.cardNumber) repeats line \(first)")))
                } else {
                    seen[details.cardNumber] = row.line
                }
            }
            let current = existing[details.cardNumber]
            if let current, let actor, let path = TreePath(rawValue: current.organizationPath), !actor.can(.edit, at: path) {
                row.errors.append(.init(line: row.line, column: columns.header(for: "cardNumber"),
                                        message: LocalizedText(vi: "Số thẻ đảng viên \(details.cardNumber) đã được cấp cho một đảng viên khác",
                                                               en: "Party card number \(details.cardNumber) already belongs to another member")))
            }
            guard row.errors.isEmpty, let cell = row.cell else {
                report.errors += row.errors
                continue
            }
            if let current {
                if current.fingerprint != details.fingerprint || current.organizationId != cell.id {
                    changes.append(Change(memberId: current.id, previousCellId: current.organizationId, details: details, cell: cell))
                    report.changed += 1
                } else {
                    report.unchanged += 1
                }
            } else {
                created.append(MemberRoster.Enrolment(details: details, cellId: cell.requireID(), cellPath: cell.path))
                report.created += 1
            }
        }
        guard report.errors.isEmpty, !dryRun else { return report }

        let record = report
        _ = try await app.write(AuditSubject("import.members", ImportRecord.self), origin: origin) { [created, changes] db in
            try await apply(created, changes, on: db)
            return try await ImportRecordWriter.save(record, on: db)
        }
        report.applied = true
        progress(body.count * 2, body.count * 2)
        return report
    }

    /// The checks of one row that need no other row: its cell (in scope, open, a cell) and the member form's rules.
    private static func check(_ row: [String], line: Int, columns: ColumnMap, units: [String: Organization], cellKinds: Set<String>,
                              actor: Actor?) -> CheckedRow? {
        if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
        var errors: [ImportReport.RowError] = []
        func fail(_ key: String?, _ message: LocalizedText) {
            errors.append(.init(line: line, column: key.map(columns.header(for:)), message: message))
        }
        let cellCode = columns.value("cellCode", in: row)?.uppercased() ?? ""
        let cell = units[cellCode]
        if cell == nil || !(actor.map { $0.can(.edit, at: cell!.treePath) } ?? true) {
            fail("cellCode", LocalizedText(vi: "Không có chi bộ mã “\(cellCode)” trong phạm vi của bạn", en: "No cell “\(cellCode)” within your scope"))
        } else if let cell, !cell.isActive || !cellKinds.contains(cell.kindCode) {
            fail("cellCode", LocalizedText(vi: "\(cell.name) đã đóng hoặc không phải chi bộ", en: "\(cell.name) is closed or not a cell"))
        }
        var validator = Validator()
        let input = MemberInput(
            fullName: columns.value("fullName", in: row), familyName: columns.value("familyName", in: row),
            middleName: columns.value("middleName", in: row), givenName: columns.value("givenName", in: row),
            gender: columns.value("gender", in: row).map(genderCode), birthDate: columns.value("birthDate", in: row),
            cardNumber: columns.value("cardNumber", in: row), admittedOn: columns.value("admittedOn", in: row),
            fullMemberOn: columns.value("fullMemberOn", in: row), status: columns.value("status", in: row).map(statusCode),
            idNumber: columns.value("idNumber", in: row), phone: columns.value("phone", in: row), address: columns.value("address", in: row))
        let details = validator.memberDetails(input)
        for error in validator.errors { fail(columnKey(error.field), error.message) }
        return CheckedRow(line: line, details: details, cell: errors.isEmpty ? cell : nil, errors: errors)
    }

    /// New members in bulk, changed members in bulk (with a transfer for each change of cell), then the
    /// stored per-unit counts and figures recounted for every cell the import touched.
    private static func apply(_ created: [MemberRoster.Enrolment], _ changes: [Change], on db: any Database) async throws {
        let touched = Set(created.map(\.cellId)).union(changes.flatMap { [$0.previousCellId, $0.cell.id!] })
        try await MemberRoster.updateAll(changes.map { ($0.memberId, MemberRoster.Enrolment(details: $0.details, cellId: $0.cell.id!, cellPath: $0.cell.path)) },
                                         transferredOn: CalendarDate.today(), reason: importReason, db: db)
        _ = try await MemberRoster.enrolAll(created, fallbackDate: CalendarDate.today(), reason: importReason, db: db)
        for ids in Array(touched).chunked(into: 500) {
            try await db.sql.raw("""
                UPDATE organizations SET member_count = (
                    SELECT COUNT(*) FROM members m WHERE m.organization_id = organizations.id
                    AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))))
                WHERE id IN (\(binds: Array(ids)))
                """).run()
        }
        try await UnitFigures.recount(touched, on: db)
    }

    private static let importReason = "Nhập từ tệp"

    private static func membersByCard(_ cards: Set<String>, on db: any Database) async throws -> [String: Stored] {
        var found: [String: Stored] = [:]
        for chunk in Array(cards).chunked(into: 5_000) {
            let rows = try await db.sql.raw("""
                SELECT id, organization_id, organization_path, family_name, middle_name, given_name, full_name, gender, birth_date,
                       card_number, admitted_on, full_member_on, status, id_number, phone, address
                FROM members WHERE card_number IN (\(binds: Array(chunk)))
                """).all()
            for row in rows {
                func text(_ column: String) throws -> String { try row.decode(column: column, as: String?.self) ?? "" }
                let card = try text("card_number")
                // The same fields in the same order as `CheckedDetails.fingerprint`.
                let fingerprint = try ["family_name", "middle_name", "given_name", "full_name", "gender", "birth_date", "card_number",
                                       "admitted_on", "full_member_on", "status", "id_number", "phone", "address"].map(text).joined(separator: "\u{1F}")
                found[card] = Stored(id: try row.decode(column: "id", as: Int.self), organizationId: try row.decode(column: "organization_id", as: Int.self),
                                     organizationPath: try text("organization_path"), fingerprint: fingerprint)
            }
        }
        return found
    }

    /// "Nam", "Nữ", "male", "F"… to the stored code; anything else is passed on for the validator to refuse.
    private static func genderCode(_ text: String) -> String {
        switch VietnameseText.searchKey(text) {
        case "nam", "male", "m": return Gender.male.rawValue
        case "nu", "female", "f": return Gender.female.rawValue
        default: return text
        }
    }

    /// A status written as its Vietnamese or English label, or its code.
    private static func statusCode(_ text: String) -> String {
        let folded = VietnameseText.searchKey(text)
        return MemberStatus.allCases.first {
            [$0.label.vi, $0.label.en, $0.rawValue].contains { VietnameseText.searchKey($0) == folded }
        }?.rawValue ?? text
    }

    /// The command names the cell `organizationId`; the file calls it the cell code.
    private static func columnKey(_ field: String) -> String {
        field == "organizationId" ? "cellCode" : field
    }
}

enum ImportRecordWriter {
    static func save(_ report: ImportReport, on db: any Database) async throws -> ImportRecord {
        let record = ImportRecord()
        record.kind = report.kind
        record.fileName = report.fileName
        record.rows = report.rows
        record.created = report.created
        record.changed = report.changed
        record.unchanged = report.unchanged
        record.convertedCells = report.convertedCells
        record.legacyEncoding = report.legacyEncoding?.rawValue
        try await record.create(on: db)
        return record
    }
}
