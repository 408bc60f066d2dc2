import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-import [--scale city]`: imports a generated organisation's files into the empty database
/// of `LAMTHEO_DATABASE_URL` (SQLite or PostgreSQL) through the real importer (parse, check every row, write,
/// index) and, in the same run, loads the same rows with the database's own bulk loader (`sqlite3 .import`,
/// or `COPY` through psql) twice: into a table with the file's columns and only the real table's key, and into
/// the equivalent table, which also has the real table's other indexes; prints the times and ratios, for units
/// and members. The import writes more than the loader does (derived name keys, paths, first transfers), and
/// an index is much of a write's cost, so the indexed table is the fair comparison.
struct ImportBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "district, city or province (default: city)")
        var scale: String?

        init() {}
    }

    var help: String { "Measures the unit and member imports against the database's own bulk loader" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The loader is timed this many times and its median kept: a short load is noisy.
    private let loaderRuns = 3

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard let scale = SyntheticScale(rawValue: signature.scale ?? "city"), scale != .national else {
            throw Failure(description: "--scale: district, city or province")
        }
        try await app.autoMigrate()
        guard try await Organization.query(on: app.db).count() == 0 else {
            throw Failure(description: "benchmark-import needs an empty database (LAMTHEO_DATABASE_URL)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-bench-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = SyntheticDataset(scale: scale, seed: 1, referenceDate: CalendarDate.today())
        let files = try SyntheticFiles.write(dataset, format: .csv, to: directory)
        console.print("\(scale.rawValue) scale, \(app.dialect == .postgres ? "PostgreSQL" : "SQLite"); import: parse, check, write, index "
                      + "(one transaction); loaders: median of \(loaderRuns) runs of the file's columns into a table with its key only, "
                      + "then into a table indexed like the real one")
        console.print("kind      rows      import   key only    ratio    indexed    ratio")
        var whole = (importing: 0.0, indexedLoader: 0.0)
        for (kind, file) in zip([SpreadsheetKind.organizations, .members], files) {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let started = ContinuousClock.now
            let report = try await SpreadsheetImport.run(.init(kind: kind, fileName: (file as NSString).lastPathComponent, data: data, sheet: nil),
                                                         dryRun: false, actor: nil, origin: .commandLine(user: "benchmark"), app: app)
            let importSeconds = (ContinuousClock.now - started).seconds
            guard report.applied else {
                throw Failure(description: "the import refused rows: \(report.errors.prefix(3))")
            }
            // The loader reads the same rows, without the byte-order mark Excel wants and loaders do not.
            let plain = directory + "/plain-\(kind.rawValue).csv"
            try data.dropFirst(data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0).write(to: URL(fileURLWithPath: plain))
            var line = (kind == .members ? "members" : "units").padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " %7d %9.2f s", report.rows, importSeconds)
            for indexed in [false, true] {
                var loaderTimes: [Double] = []
                for _ in 0 ..< loaderRuns {
                    loaderTimes.append(try await bulkLoad(plain, kind: kind, indexed: indexed, app: app))
                }
                let loader = loaderTimes.sorted()[loaderRuns / 2]
                line += String(format: " %8.2f s %7.2fx", loader, importSeconds / loader)
                if indexed { whole = (whole.importing + importSeconds, whole.indexedLoader + loader) }
            }
            console.print(line)
        }
        console.print(String(format: "whole import (units and members): %.2f s, %.2fx the indexed loader (%.2f s)",
                             whole.importing, whole.importing / whole.indexedLoader, whole.indexedLoader))
        try await app.db.sql.raw("DROP TABLE bench_load").run()
        console.print("loader: \(app.dialect == .postgres ? "COPY (psql \\copy)" : "sqlite3 .import"), its start-up included; "
                      + "the import's target is 3x the indexed loader")
    }

    /// A table for the file's columns as text, with the real table's key (unit code, card number) and, when
    /// `indexed`, an index for each of the real table's other indexes, on the file's columns that hold the
    /// same data, and (on PostgreSQL; SQLite's rowid is one already) an integer key drawn from a sequence.
    /// Returns the seconds the loader took, its start-up included.
    private func bulkLoad(_ path: String, kind: SpreadsheetKind, indexed: Bool, app: Application) async throws -> Double {
        let sql = app.db.sql
        let columns = kind.columns.map { "\($0.key) TEXT" }
        let identity = indexed && app.dialect == .postgres ? ["id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"] : []
        try await sql.raw("DROP TABLE IF EXISTS bench_load").run()
        try await sql.raw("CREATE TABLE bench_load (\(unsafeRaw: (identity + columns).joined(separator: ", ")))").run()
        try await sql.raw("CREATE UNIQUE INDEX bench_load_key ON bench_load (\(unsafeRaw: kind.columns[0].key))").run()
        if indexed {
            for (number, index) in secondaryIndexes(of: kind).enumerated() {
                try await sql.raw("CREATE INDEX bench_load_\(unsafeRaw: String(number)) ON bench_load (\(unsafeRaw: index.joined(separator: ", ")))").run()
            }
        }
        let fileColumns = kind.columns.map(\.key).joined(separator: ", ")
        let started = ContinuousClock.now
        switch app.configuredDatabase {
        case .sqliteFile(let file):
            // The server's connections stay open; sqlite3 writes through the same WAL file.
            try shell("sqlite3", [file, ".mode csv", ".import --skip 1 \(path) bench_load"])
        case .postgres(let url):
            try shell("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                               "\\copy bench_load (\(fileColumns)) FROM '\(path)' WITH (FORMAT csv, HEADER true)"])
        default:
            throw Failure(description: "benchmark-import needs a file or PostgreSQL database")
        }
        return (ContinuousClock.now - started).seconds
    }

    /// The real table's indexes besides its keys, on the file's columns: organizations (name_sort),
    /// (parent_id, name_sort), (path, …); members (name_sort, id), (organization_id, status), (organization_path, name_sort).
    private func secondaryIndexes(of kind: SpreadsheetKind) -> [[String]] {
        switch kind {
        case .organizations: [["name"], ["parentCode", "name"], ["parentCode", "code"]]
        case .members: [["fullName", "cardNumber"], ["cellCode", "status"], ["cellCode", "fullName"]]
        }
    }

    private func shell(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(program) failed (is it installed? apt-get install sqlite3 postgresql-client)")
        }
    }
}
