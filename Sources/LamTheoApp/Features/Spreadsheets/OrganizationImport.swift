import Fluent
import Foundation
import LamTheoCore
import Vapor

/// Units from a spreadsheet, keyed by their code, checked with the same rules as the forms (`checkedNew`
/// for new units, the commands themselves for changes), so names, kinds, parents and history are kept
/// the same way; new units are written in bulk. All of it is one transaction, rolled back on a dry run
/// or when any row is refused. Parents listed in the same file come before their children, whatever the
/// order of the rows.
enum OrganizationImport {
    private struct Row {
        let line: Int
        let code: String
        let name: String?
        let kind: String?
        let parentCode: String?
        let validFrom: String?
    }

    static func run(_ table: SpreadsheetTable, columns: ColumnMap, report initial: ImportReport, dryRun: Bool, actor: Actor?, origin: AuditOrigin,
                    app: Application, progress: @escaping @Sendable (Int, Int) -> Void) async throws -> ImportReport {
        // A kind may be written as its code or either name, in any case and with or without marks.
        var kindsByName: [String: String] = [:]
        for kind in try await OrganizationQueries.kinds(on: app.db).reversed() {
            for name in [kind.id ?? "", kind.nameVi, kind.nameEn] { kindsByName[VietnameseText.searchKey(name)] = kind.id }
        }
        let rows = table.rows.dropFirst().enumerated().compactMap { offset, cells -> Row? in
            guard let code = columns.value("code", in: cells)?.uppercased() else {
                return SpreadsheetTable.isBlank(cells) ? nil
                    : Row(line: offset + 2, code: "", name: nil, kind: nil, parentCode: nil, validFrom: nil)
            }
            let kind = columns.value("kind", in: cells).map { kindsByName[VietnameseText.searchKey($0)] ?? $0 }
            return Row(line: offset + 2, code: code, name: columns.value("name", in: cells), kind: kind,
                       parentCode: columns.value("parentCode", in: cells)?.uppercased(), validFrom: columns.value("validFrom", in: cells))
        }
        let ordered = parentsFirst(rows)
        do {
            return try await app.write(AuditSubject("import.organizations", ImportRecord.self), origin: origin) { db in
                var report = initial
                var state = try await State(on: db, newCodes: Set(ordered.map(\.code)))
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
                        switch try await apply(row, actor: actor, to: &state, on: db) {
                        case .created: report.created += 1
                        case .changed: report.changed += 1
                        case .unchanged: report.unchanged += 1
                        }
                    } catch let error as DomainError {
                        let fields = error.fieldErrors.isEmpty ? [FieldError(field: "code", message: error.title)] : error.fieldErrors
                        report.errors += fields.map { .init(line: row.line, column: columns.header(for: columnKey($0.field)), message: $0.message) }
                    }
                }
                if dryRun || !report.errors.isEmpty { throw ImportRollBack(report: report) }
                try await state.writePending(on: db)
                _ = try await ImportRecordWriter.save(report, on: db)
                report.applied = true
                progress(ordered.count, ordered.count)
                return report
            }
        } catch let rollBack as ImportRollBack {
            return rollBack.report
        }
    }

    /// The tree as the rows so far leave it. New units are checked in memory and written together (ids
    /// reserved up front, so children's paths are known before their parents are written); a row that
    /// changes an existing unit goes through the commands, which read the database, so the new units
    /// before it are written first.
    private struct State {
        var units: [String: Organization]
        let kinds: [String: OrganizationKind]
        var freeIds: ArraySlice<Int>
        var pending: [Organization] = []

        init(on db: any Database, newCodes: Set<String>) async throws {
            units = try await OrganizationQueries.unitsByCode(on: db)
            kinds = try await OrganizationQueries.kindsByCode(on: db)
            freeIds = try await BulkInsert.reserveIds(newCodes.subtracting(units.keys).count, in: Organization.schema, on: db)[...]
        }

        mutating func writePending(on db: any Database) async throws {
            guard !pending.isEmpty else { return }
            try await OrganizationCommands.createAll(pending, on: db)
            pending = []
        }
    }

    private enum Outcome {
        case created, changed, unchanged
    }

    private static func apply(_ row: Row, actor: Actor?, to state: inout State, on db: any Database) async throws -> Outcome {
        let parent = try row.parentCode.map { code in
            guard let unit = state.units[code], actor.map({ $0.can(.read, at: unit.treePath) }) ?? true else {
                throw DomainError.invalid(field: "parentId", LocalizedText(vi: "Không có đơn vị cấp trên mã “\(code)” trong phạm vi của bạn",
                                                                          en: "No parent unit “\(code)” within your scope"))
            }
            return unit
        }
        if let existing = state.units[row.code] {
            try require(actor, .edit, at: existing.treePath)
            var outcome = Outcome.unchanged
            if (row.name.map(VietnameseText.normalized) ?? existing.name) != existing.name || (row.kind ?? existing.kindCode) != existing.kindCode {
                try await state.writePending(on: db)
                state.units[row.code] = try await OrganizationCommands.update(existing.requireID(), OrganizationChanges(name: row.name, kindCode: row.kind,
                                                                                                                      effectiveOn: row.validFrom), on: db)
                outcome = .changed
            }
            if let parent, parent.id != existing.parentId {
                try require(actor, .restructure, at: existing.treePath)
                try require(actor, .restructure, at: parent.treePath)
                try await state.writePending(on: db)
                _ = try await OrganizationCommands.move(existing.requireID(), under: parent.id, effectiveOn: nil, on: db)
                // Every unit under the moved one has a new path.
                state.units = try await OrganizationQueries.unitsByCode(on: db)
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
        let unit = try OrganizationCommands.checkedNew(NewOrganization(name: row.name, code: row.code, kindCode: row.kind, parentId: parent?.id,
                                                                       validFrom: row.validFrom), kinds: state.kinds, parent: parent)
        unit.id = state.freeIds.removeFirst()
        unit.path = Organization.path(of: unit.requireID(), under: parent).rawValue
        state.units[row.code] = unit
        state.pending.append(unit)
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
        let depths = rows.map(depth)
        return rows.indices.sorted { (depths[$0], $0) < (depths[$1], $1) }.map { rows[$0] }
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
