import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// Members from a spreadsheet: every row checked with the rules of the member form, then written in bulk
/// in one transaction, keyed by the Party card number so that the same file imported twice changes nothing
/// the second time.
enum MemberImport {
    /// A checked row and what it does.
    private enum Plan {
        case create(CheckedDetails, cell: Organization)
        case update(memberId: Int, CheckedDetails, cell: Organization)
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
        let units = try await unitsByCode(on: db)
        let body = table.rows.dropFirst()
        let cards = body.compactMap { columns.value("cardNumber", in: $0).map(normalizedCard) }
        let existing = try await membersByCard(Array(Set(cards)), on: db)

        var plans: [Plan] = []
        var seen: [String: Int] = [:]
        for (offset, row) in body.enumerated() {
            let line = offset + 2
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            report.rows += 1
            if offset % 1_000 == 0 { progress(offset, body.count * 2) }
            var rowErrors: [ImportReport.RowError] = []
            func fail(_ key: String?, _ message: LocalizedText) {
                rowErrors.append(.init(line: line, column: key.map(columns.header(for:)), message: message))
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
            if !details.cardNumber.isEmpty {
                if let first = seen[details.cardNumber] {
                    fail("cardNumber", LocalizedText(vi: "Số thẻ \(details.cardNumber) trùng với dòng \(first)", en: "Card number \(details.cardNumber) repeats line \(first)"))
                } else {
                    seen[details.cardNumber] = line
                }
            }
            let current = existing[details.cardNumber]
            if let current, let actor, let path = TreePath(rawValue: current.organizationPath), !actor.can(.edit, at: path) {
                fail("cardNumber", LocalizedText(vi: "Số thẻ đảng viên \(details.cardNumber) đã được cấp cho một đảng viên khác",
                                                 en: "Party card number \(details.cardNumber) already belongs to another member"))
            }
            guard rowErrors.isEmpty, let cell else {
                report.errors += rowErrors
                continue
            }
            if let current {
                if current.fingerprint != details.fingerprint || current.organizationId != cell.id {
                    plans.append(.update(memberId: current.id, details, cell: cell))
                    report.changed += 1
                } else {
                    report.unchanged += 1
                }
            } else {
                plans.append(.create(details, cell: cell))
                report.created += 1
            }
        }
        guard report.errors.isEmpty, !dryRun else { return report }

        let record = report
        let planned = plans
        _ = try await app.write(AuditSubject("import.members", ImportRecord.self), origin: origin) { db in
            try await apply(planned, on: db) { progress(body.count + $0, body.count * 2) }
            return try await ImportRecordWriter.save(record, on: db)
        }
        report.applied = true
        progress(body.count * 2, body.count * 2)
        return report
    }

    /// Bulk inserts, one update per changed member, a transfer for each change of cell, then the stored
    /// per-unit counts and figures recounted for every cell the import touched.
    private static func apply(_ plans: [Plan], on db: any Database, progress: @escaping (Int) -> Void) async throws {
        let now = Date()
        var touched = Set<Int>()
        var done = 0
        var created: [(CheckedDetails, Organization)] = []
        for plan in plans {
            switch plan {
            case .create(let details, let cell):
                created.append((details, cell))
            case .update(let id, let details, let cell):
                let member = try await MemberQueries.require(id, on: db)
                let previousCell = member.organizationId
                details.apply(to: member)
                if previousCell != cell.id {
                    member.organizationId = cell.requireID()
                    member.organizationPath = cell.path
                    let transfer = MemberTransfer()
                    transfer.memberId = member.requireID()
                    transfer.fromOrganizationId = previousCell
                    transfer.toOrganizationId = cell.requireID()
                    transfer.transferredOn = CalendarDate.today().iso
                    transfer.reason = "Nhập từ tệp"
                    try await transfer.create(on: db)
                }
                touched.formUnion([previousCell, cell.requireID()])
                try await member.save(on: db)
            }
            done += 1
            if done % 1_000 == 0 { progress(done) }
        }
        for chunk in created.chunked(into: 400) {
            var insert = db.sql.insert(into: Member.schema)
                .columns(CheckedDetails.columnNames + ["organization_id", "organization_path", "created_at", "updated_at"])
            for (details, cell) in chunk {
                insert = insert.values(details.columnValues.map { $0 ?? String?.none } + [cell.requireID(), cell.path, now, now])
                touched.insert(cell.requireID())
            }
            try await insert.run()
            done += chunk.count
            progress(done)
            try await db.sql.raw("""
                INSERT INTO member_transfers (member_id, to_organization_id, transferred_on, reason, recorded_at)
                SELECT id, organization_id, COALESCE(admitted_on, \(bind: CalendarDate.today().iso)), 'Nhập từ tệp', CURRENT_TIMESTAMP
                FROM members WHERE card_number IN (\(binds: chunk.map(\.0.cardNumber)))
                """).run()
        }
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

    static func unitsByCode(on db: any Database) async throws -> [String: Organization] {
        Dictionary(try await Organization.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func membersByCard(_ cards: [String], on db: any Database) async throws -> [String: Stored] {
        var found: [String: Stored] = [:]
        for chunk in cards.chunked(into: 500) {
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

    /// As the member form keeps it: digits and letters, without the dots and spaces people group it with.
    private static func normalizedCard(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }.uppercased()
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
