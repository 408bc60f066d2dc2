import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-import [--scale city]`: imports a generated organisation's files into an empty
/// database through the real importer (parse, check every row, write, index) and, in the same run, loads
/// the same member rows with the database's own bulk loader (`sqlite3 .import`, or `COPY` through psql)
/// into an equivalent table; prints both times and their ratio.
struct ImportBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "district, city or province (default: city)")
        var scale: String?

        init() {}
    }

    var help: String { "Measures the member import against the database's own bulk loader" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

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
        let membersFile = files[1]
        let memberData = try Data(contentsOf: URL(fileURLWithPath: membersFile))
        console.print("\(scale.rawValue): \(dataset.organizations().count) organisations, \(dataset.memberCount()) members, "
                      + "members file \(memberData.count / 1_000_000) MB")

        let organizations = try await timed {
            try await SpreadsheetImport.run(.init(kind: .organizations, fileName: "orgs.csv", data: Data(contentsOf: URL(fileURLWithPath: files[0])), sheet: nil),
                                            dryRun: false, actor: nil, origin: .commandLine(user: "benchmark"), app: app)
        }
        console.print(String(format: "import organisations: %.1f s (%@)", organizations.seconds, organizations.value.summary(.en)))
        let members = try await timed {
            try await SpreadsheetImport.run(.init(kind: .members, fileName: "members.csv", data: memberData, sheet: nil),
                                            dryRun: false, actor: nil, origin: .commandLine(user: "benchmark"), app: app)
        }
        guard members.value.errors.isEmpty else {
            throw Failure(description: "the import refused rows: \(members.value.errors.prefix(3))")
        }
        console.print(String(format: "import members: %.1f s (%@)", members.seconds, members.value.summary(.en)))

        // The loader reads the same rows, without the byte-order mark Excel wants and loaders do not.
        let plain = directory + "/members-plain.csv"
        try memberData.dropFirst(memberData.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0).write(to: URL(fileURLWithPath: plain))
        let loader = try await bulkLoad(plain, app: app)
        console.print(String(format: "%@: %.1f s", loader.name, loader.seconds))
        console.print(String(format: "ratio import / bulk loader: %.2fx", members.seconds / loader.seconds))
        try await app.db.sql.raw("DROP TABLE bench_members").run()
    }

    /// An equivalent table: the file's columns as text, keyed by card number like `members`.
    private func bulkLoad(_ path: String, app: Application) async throws -> (name: String, seconds: Double) {
        let columns = SpreadsheetColumn.members.map { "\($0.key) TEXT" }.joined(separator: ", ")
        try await app.db.sql.raw("CREATE TABLE bench_members (\(unsafeRaw: columns))").run()
        try await app.db.sql.raw("CREATE UNIQUE INDEX bench_members_card ON bench_members (cardNumber)").run()
        switch app.configuredDatabase {
        case .sqliteFile(let file):
            // The server's connections stay open; sqlite3 writes through the same WAL file.
            let started = ContinuousClock.now
            try shell("sqlite3", [file, ".mode csv", ".import --skip 1 \(path) bench_members"])
            return ("sqlite3 .import", (ContinuousClock.now - started).seconds)
        case .postgres(let url):
            let started = ContinuousClock.now
            try shell("psql", [url, "-v", "ON_ERROR_STOP=1", "-c", "\\copy bench_members FROM '\(path)' WITH (FORMAT csv, HEADER true)"])
            return ("COPY (psql \\copy)", (ContinuousClock.now - started).seconds)
        default:
            throw Failure(description: "benchmark-import needs a file or PostgreSQL database")
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

    private func timed<T>(_ body: () async throws -> T) async throws -> (value: T, seconds: Double) {
        let started = ContinuousClock.now
        let value = try await body()
        return (value, (ContinuousClock.now - started).seconds)
    }
}
