import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// Members from a spreadsheet: every row checked with the rules of the member form, then written in bulk
/// in one transaction, keyed by the Party card number so that the same file imported twice changes nothing
/// the second time.
///
/// Rows go through in slices: while one slice is written, the next is classified and the one after it checked
/// on every core. A refused row stops the writing, the remaining rows are still checked so that the report
/// names every error, and the transaction is rolled back.
enum MemberImport {
    /// Where a row's cell code leads, decided once per unit: reading Fluent models and checking the scope
    /// for every one of hundreds of thousands of rows costs more than the rest of the check.
    private enum Target: Sendable {
        case cell(Cell)
        case outOfScope
        case notAnOpenCell(name: String)
    }

    /// A cell members can be enrolled in.
    private struct Cell: Sendable {
        let id: Int
        let path: String
    }

    /// A row after the checks that need no other row: its details and cell, or what is wrong with it.
    private struct CheckedRow: Sendable {
        let line: Int
        let details: CheckedDetails
        let cell: Cell?
        var errors: [ImportReport.RowError]
    }

    /// A changed member: new details, perhaps in another cell.
    private struct Change: Sendable {
        let memberId: Int
        let previousCellId: Int
        let details: CheckedDetails
        let cell: Cell
    }

    /// What a slice of rows writes.
    private struct Batch: Sendable {
        var created: [MemberRoster.Enrolment] = []
        var changes: [Change] = []
    }

    /// What the import needs to know of a stored member, read with plain SQL: models for hundreds of
    /// thousands of rows would cost more than the rest of the import.
    private struct Stored {
        let id: Int
        let organizationId: Int
        let organizationPath: String
        let fingerprint: String
    }

    /// - Parameter sliceSize: rows per slice: enough that each slice's statements are few, few enough that
    ///   checking and writing overlap.
    static func run(_ table: SpreadsheetTable, columns: ColumnMap, report initial: ImportReport, dryRun: Bool, actor: Actor?, origin: AuditOrigin,
                    app: Application, sliceSize: Int = 25_000,
                    progress: @escaping @Sendable (Int, Int) -> Void) async throws -> ImportReport {
        let rows = Array(table.rows.dropFirst())
        @Sendable func pass(on db: any Database, writing: Bool) async throws -> ImportReport {
            // The cells as this pass reads them: their paths are copied onto the members it writes.
            try await importRows(rows, report: initial, columns: columns, targets: targets(for: actor, on: db), actor: actor, on: db,
                                 writing: writing, sliceSize: sliceSize, progress: progress)
        }
        if dryRun { return try await pass(on: app.db, writing: false) }
        do {
            let record = try await app.write(AuditSubject("import.members", ImportRecord.self), origin: origin) { db in
                let report = try await pass(on: db, writing: true)
                guard report.errors.isEmpty else { throw ImportRollBack(report: report) }
                return try await ImportRecordWriter.save(report, on: db)
            }
            var report = initial
            (report.rows, report.created, report.changed, report.unchanged) = (record.rows, record.created, record.changed, record.unchanged)
            report.applied = true
            return report
        } catch let rollBack as ImportRollBack {
            return rollBack.report
        }
    }

    /// Checks and classifies every row, a slice at a time; when `writing`, writes each slice while the next
    /// is classified and the one after it checked, as long as no row has been refused, then recounts the
    /// cells it touched.
    ///
    /// A slice's stored members are read before the slice ahead of it is written: that write can only add
    /// cards the file repeats, which are refused as repeats whatever is stored.
    private static func importRows(_ rows: [[String]], report initial: ImportReport, columns: ColumnMap, targets: [String: Target],
                                   actor: Actor?, on db: any Database, writing: Bool, sliceSize: Int,
                                   progress: @Sendable (Int, Int) -> Void) async throws -> ImportReport {
        var report = initial
        var firstLines: [String: Int] = [:]
        let slices = stride(from: 0, to: rows.count, by: sliceSize).map { $0 ..< min($0 + sliceSize, rows.count) }
        func checked(_ index: Int) async -> [CheckedRow]? {
            guard index < slices.count else { return nil }
            return await Array(zip(slices[index], rows[slices[index]])).concurrentMap { position, row in
                check(row, line: position + 2, columns: columns, targets: targets)
            }.compactMap { $0 }
        }
        func stored(_ checked: [CheckedRow]) async throws -> [String: Stored] {
            try await membersByCard(Set(checked.lazy.map(\.details.cardNumber).filter { !$0.isEmpty }), on: db)
        }
        guard let first = await checked(0) else { return report }
        var batch = classify(first, stored: try await stored(first), columns: columns, actor: actor, firstLines: &firstLines, report: &report)
        var upcoming = await checked(1)
        var touched: Set<Int> = []
        // Building the plain indexes after the rows is much faster than inserting into them, for an import as
        // large as the table: the first slice tells how many rows are new.
        let expectedNew = writing ? batch.created.count * rows.count / slices[0].count : 0
        try await BulkInsert.deferringIndexesAndKeys(of: [Member.schema, MemberTransfer.schema], adding: expectedNew, on: db) {
            for (index, slice) in slices.enumerated() {
                let upcomingStored = try await upcoming.asyncMap(stored)
                var written: Task<Void, any Error>?
                if writing, report.errors.isEmpty {
                    touched.formUnion(batch.created.map(\.cellId) + batch.changes.flatMap { [$0.previousCellId, $0.cell.id] })
                    // Ahead of the checks in the pool: the database is what the import waits for, and its COPY stream or
                    // SQLite's next statement is built on this task.
                    written = Task(priority: .high) { [batch] in try await write(batch, on: db) }
                }
                // Nothing here throws or uses the transaction while the slice is written.
                if let upcoming, let upcomingStored {
                    batch = classify(upcoming, stored: upcomingStored, columns: columns, actor: actor, firstLines: &firstLines, report: &report)
                }
                upcoming = await checked(index + 2)
                try await written?.value
                progress(slice.upperBound, rows.count)
            }
        }
        if writing, report.errors.isEmpty { try await recount(touched, on: db) }
        return report
    }

    /// What depends on other rows or on stored members, in the file's order: a card number repeated in the
    /// file, a card held by a member outside the importer's scope, new, changed or unchanged.
    private static func classify(_ checked: [CheckedRow], stored: [String: Stored], columns: ColumnMap, actor: Actor?,
                                 firstLines: inout [String: Int], report: inout ImportReport) -> Batch {
        var batch = Batch()
        for var row in checked {
            report.rows += 1
            let details = row.details
            if !details.cardNumber.isEmpty {
                if let first = firstLines[details.cardNumber] {
                    row.errors.append(.init(line: row.line, column: columns.header(for: "cardNumber"),
                                            message: LocalizedText(vi: "Số thẻ \(details.cardNumber) trùng với dòng \(first)",
                                                                   en: "Card number \(details.cardNumber) repeats line \(first)")))
                } else {
                    firstLines[details.cardNumber] = row.line
                }
            }
            let current = stored[details.cardNumber]
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
                    batch.changes.append(Change(memberId: current.id, previousCellId: current.organizationId, details: details, cell: cell))
                    report.changed += 1
                } else {
                    report.unchanged += 1
                }
            } else {
                batch.created.append(MemberRoster.Enrolment(details: details, cellId: cell.id, cellPath: cell.path))
                report.created += 1
            }
        }
        return batch
    }

    /// Every unit by code, as a row's cell code finds it.
    private static func targets(for actor: Actor?, on db: any Database) async throws -> [String: Target] {
        let cellKinds = Set(try await OrganizationKind.query(on: db).filter(\.$holdsMembers == true).all().compactMap(\.id))
        return try await OrganizationQueries.unitsByCode(on: db).mapValues { unit in
            if let actor, !actor.can(.edit, at: unit.treePath) { return .outOfScope }
            guard unit.isActive, cellKinds.contains(unit.kindCode) else { return .notAnOpenCell(name: unit.name) }
            return .cell(Cell(id: unit.requireID(), path: unit.path))
        }
    }

    /// The checks of one row that need no other row: its cell (in scope, open, a cell) and the member form's rules.
    private static func check(_ row: [String], line: Int, columns: ColumnMap, targets: [String: Target]) -> CheckedRow? {
        if SpreadsheetTable.isBlank(row) { return nil }
        var errors: [ImportReport.RowError] = []
        func fail(_ key: String?, _ message: LocalizedText) {
            errors.append(.init(line: line, column: key.map(columns.header(for:)), message: message))
        }
        let cellCode = columns.value("cellCode", in: row)?.uppercased() ?? ""
        var cell: Cell?
        switch targets[cellCode] {
        case .cell(let found): cell = found
        case .notAnOpenCell(let name): fail("cellCode", LocalizedText(vi: "\(name) đã đóng hoặc không phải chi bộ", en: "\(name) is closed or not a cell"))
        case .outOfScope, nil:
            fail("cellCode", LocalizedText(vi: "Không có chi bộ mã “\(cellCode)” trong phạm vi của bạn", en: "No cell “\(cellCode)” within your scope"))
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

    /// A slice's changed members in bulk (with a transfer for each change of cell), then its new members.
    private static func write(_ batch: Batch, on db: any Database) async throws {
        try await MemberRoster.updateAll(batch.changes.map { ($0.memberId, MemberRoster.Enrolment(details: $0.details, cellId: $0.cell.id, cellPath: $0.cell.path)) },
                                         transferredOn: CalendarDate.today(), reason: importReason, db: db)
        _ = try await MemberRoster.enrolAll(batch.created, fallbackDate: CalendarDate.today(), reason: importReason, db: db)
    }

    /// The stored per-unit counts and figures of every cell the import touched.
    private static func recount(_ touched: Set<Int>, on db: any Database) async throws {
        for ids in Array(touched).chunked(into: 500) {
            try await db.sql.raw("""
                UPDATE organizations SET member_count = (
                    SELECT COUNT(*) FROM members m WHERE m.organization_id = organizations.id
                    AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))))
                WHERE id IN (\(binds: Array(ids)))
                """).run()
        }
        try await TreeFollowers.membersChanged(at: touched, on: db)
    }

    private static let importReason = "Nhập từ tệp"

    private static func membersByCard(_ cards: Set<String>, on db: any Database) async throws -> [String: Stored] {
        var found: [String: Stored] = [:]
        let rows = try await db.sql.raw("""
            SELECT id, organization_id, organization_path, family_name, middle_name, given_name, full_name, gender, birth_date,
                   card_number, admitted_on, full_member_on, status, id_number, phone, address
            FROM members WHERE \(try db.condition("card_number", isIn: Array(cards)))
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
        statusCodes[VietnameseText.searchKey(text)] ?? text
    }

    /// Every way of writing a status, folded like the cells it is compared with.
    private static let statusCodes: [String: String] = Dictionary(
        MemberStatus.allCases.flatMap { status in [status.label.vi, status.label.en, status.rawValue].map { (VietnameseText.searchKey($0), status.rawValue) } },
        uniquingKeysWith: { first, _ in first })

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
