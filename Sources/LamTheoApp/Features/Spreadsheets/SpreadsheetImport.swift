import Foundation
import LamTheoCore
import Vapor

/// An import from start to end: read the file, then the kind's own importer. A dry run reports what would
/// happen and writes nothing; a real run writes everything or, if any row is refused, nothing.
enum SpreadsheetImport {
    /// The largest file accepted over HTTP (a national list is about 150 MB of CSV).
    static let uploadLimit: ByteCount = "200mb"

    struct Source: Sendable {
        let kind: SpreadsheetKind
        let fileName: String
        let data: Data
        let sheet: String?
    }

    /// - Parameter actor: the caller, whose scope limits every row; nil for the command line.
    static func run(_ source: Source, dryRun: Bool, actor: Actor?, origin: AuditOrigin, app: Application,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let table = try await SpreadsheetTable.read(source.data, sheet: source.sheet)
        let columns = try ColumnMap(kind: source.kind, header: table.rows[0])
        let report = ImportReport(kind: source.kind, fileName: source.fileName, table: table, columns: columns)
        switch source.kind {
        case .members:
            return try await MemberImport.run(table, columns: columns, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app,
                                              progress: progress)
        case .organizations:
            return try await OrganizationImport.run(table, columns: columns, report: report, dryRun: dryRun, actor: actor, origin: origin, app: app,
                                                    progress: progress)
        }
    }
}
