import Fluent
import Foundation
import LamTheoCore
import Vapor

/// Units from a spreadsheet, keyed by their code. Each row goes through the same commands as the forms
/// (so names, kinds, parents and history are checked and kept the same way), all inside one transaction
/// that is rolled back on a dry run or when any row is refused. Parents listed in the same file are
/// created before their children, whatever the order of the rows.
enum OrganizationImport {
    /// Thrown to roll the transaction back once the report is complete.
    private struct RollBack: Error {
        let report: ImportReport
    }

    private struct Row {
        let line: Int
        let code: String
        let name: String?
        let kind: String?
        let parentCode: String?
        let validFrom: String?
    }

    static func run(_ table: SpreadsheetTable, report initial: ImportReport, dryRun: Bool, actor: Actor?, origin: AuditOrigin,
                    app: Application, progress: @escaping @Sendable (Int, Int) -> Void) async throws -> ImportReport {
        let columns = try ColumnMap(kind: .organizations, header: table.rows[0])
        let kinds = try await OrganizationQueries.kinds(on: app.db)
        let rows = table.rows.dropFirst().enumerated().compactMap { offset, cells -> Row? in
            guard let code = columns.value("code", in: cells)?.uppercased() else {
                return cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } ? nil
                    : Row(line: offset + 2, code: "", name: nil, kind: nil, parentCode: nil, validFrom: nil)
            }
            let kind = columns.value("kind", in: cells).map { text in
                kinds.first { [$0.id ?? "", $0.nameVi, $0.nameEn].contains { VietnameseText.searchKey($0) == VietnameseText.searchKey(text) } }?.id ?? text
            }
            return Row(line: offset + 2, code: code, name: columns.value("name", in: cells), kind: kind,
                       parentCode: columns.value("parentCode", in: cells)?.uppercased(), validFrom: columns.value("validFrom", in: cells))
        }
        let ordered = parentsFirst(rows)
        do {
            return try await app.write(AuditSubject("import.organizations", ImportRecord.self), origin: origin) { db in
                var report = initial
                var seen: [String: Int] = [:]
                for (index, row) in ordered.enumerated() {
                    report.rows += 1
                    if index % 200 == 0 { progress(index, ordered.count) }
                    if row.code.isEmpty {
                        report.errors.append(.init(line: row.line, column: columns.header(for: "code"),
                                                   message: LocalizedText(vi: "Thiếu mã đơn vị", en: "The unit code is missing")))
                        continue
                    }
                    if let first = seen[row.code] {
                        report.errors.append(.init(line: row.line, column: columns.header(for: "code"),
                                                   message: LocalizedText(vi: "Mã \(row.code) trùng với dòng \(first)", en: "Code \(row.code) repeats line \(first)")))
                        continue
                    }
                    seen[row.code] = row.line
                    do {
                        switch try await apply(row, actor: actor, on: db) {
                        case .created: report.created += 1
                        case .changed: report.changed += 1
                        case .unchanged: report.unchanged += 1
                        }
                    } catch let error as DomainError {
                        let fields = error.fieldErrors.isEmpty ? [FieldError(field: "code", message: error.title)] : error.fieldErrors
                        report.errors += fields.map { .init(line: row.line, column: columns.header(for: columnKey($0.field)), message: $0.message) }
                    }
                }
                if dryRun || !report.errors.isEmpty { throw RollBack(report: report) }
                _ = try await ImportRecordWriter.save(report, on: db)
                report.applied = true
                progress(ordered.count, ordered.count)
                return report
            }
        } catch let rollBack as RollBack {
            return rollBack.report
        }
    }

    private enum Outcome {
        case created, changed, unchanged
    }

    private static func apply(_ row: Row, actor: Actor?, on db: any Database) async throws -> Outcome {
        let parent = try await row.parentCode.asyncMap { code in
            guard let unit = try await Organization.query(on: db).filter(\.$code == code).first(),
                  actor.map({ $0.can(.read, at: unit.treePath) }) ?? true else {
                throw DomainError.invalid(field: "parentId", LocalizedText(vi: "Không có đơn vị cấp trên mã “\(code)” trong phạm vi của bạn",
                                                                          en: "No parent unit “\(code)” within your scope"))
            }
            return unit
        } ?? nil
        if let existing = try await Organization.query(on: db).filter(\.$code == row.code).first() {
            try require(actor, .edit, at: existing.treePath)
            var outcome = Outcome.unchanged
            if (row.name.map(VietnameseText.normalized) ?? existing.name) != existing.name || (row.kind ?? existing.kindCode) != existing.kindCode {
                _ = try await OrganizationCommands.update(existing.requireID(), OrganizationChanges(name: row.name, kindCode: row.kind, effectiveOn: row.validFrom), on: db)
                outcome = .changed
            }
            if let parent, parent.id != existing.parentId {
                try require(actor, .restructure, at: existing.treePath)
                try require(actor, .restructure, at: parent.treePath)
                _ = try await OrganizationCommands.move(existing.requireID(), under: parent.id, effectiveOn: nil, on: db)
                outcome = .changed
            }
            return outcome
        }
        if let parent {
            try require(actor, .edit, at: parent.treePath)
        } else if actor.map({ !$0.isAdministrator }) ?? false {
            throw DomainError.invalid(field: "parentId", LocalizedText(vi: "Chỉ quản trị hệ thống được thêm đơn vị cấp cao nhất: hãy ghi mã đơn vị cấp trên",
                                                                      en: "Only an administrator adds top-level units: give the parent unit's code"))
        }
        _ = try await OrganizationCommands.create(NewOrganization(name: row.name, code: row.code, kindCode: row.kind, parentId: parent?.id,
                                                                  validFrom: row.validFrom), on: db)
        return .created
    }

    private static func require(_ actor: Actor?, _ capability: Capability, at path: TreePath) throws {
        guard let actor, !actor.can(capability, at: path) else { return }
        throw DomainError.invalid(field: "code", LocalizedText(vi: "Bạn không có quyền thay đổi đơn vị này", en: "You may not change this unit"))
    }

    /// Rows whose parent is in the file come after that parent; otherwise the file's order is kept.
    private static func parentsFirst(_ rows: [Row]) -> [Row] {
        let byCode = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        func depth(_ row: Row) -> Int {
            var depth = 0
            var current = row
            while let parent = current.parentCode.flatMap({ byCode[$0] }), depth < rows.count {
                depth += 1
                current = parent
            }
            return depth
        }
        return rows.enumerated().sorted { (depth($0.element), $0.offset) < (depth($1.element), $1.offset) }.map(\.element)
    }

    private static func columnKey(_ field: String) -> String {
        switch field {
        case "kindCode": return "kind"
        case "parentId": return "parentCode"
        case "effectiveOn": return "validFrom"
        default: return field
        }
    }
}
