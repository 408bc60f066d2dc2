import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `lamtheo generate --scale district|city|province|national --seed N`: a realistic synthetic organisation,
/// written straight into the configured database, the same for the same seed.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "demo, district, city, province or national (default: city)")
        var scale: String?

        @Option(name: "seed", help: "Random seed; the same seed gives the same data (default: 1)")
        var seed: UInt64?

        @Option(name: "files", help: "Also write orgs and members files for the importer into this folder")
        var files: String?

        @Option(name: "format", help: "csv or xlsx, for --files (default: csv)")
        var format: String?

        @Flag(name: "files-only", help: "Write the files only, not the database")
        var filesOnly: Bool

        init() {}
    }

    var help: String { "Writes a synthetic organisation with plausible Vietnamese names into the database" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let scale = SyntheticScale(rawValue: signature.scale ?? SyntheticScale.city.rawValue) else {
            throw ConfigurationError(variable: "--scale", value: signature.scale ?? "",
                                     expected: SyntheticScale.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let dataset = SyntheticDataset(scale: scale, seed: signature.seed ?? 1, referenceDate: CalendarDate.today())
        if let directory = signature.files {
            guard let format = SpreadsheetExport.Format(rawValue: signature.format ?? "csv") else {
                throw ConfigurationError(variable: "--format", value: signature.format ?? "", expected: "csv or xlsx")
            }
            for path in try SyntheticFiles.write(dataset, format: format, to: directory) {
                context.console.print("→ \(path)")
            }
        }
        if signature.filesOnly { return }
        try await context.application.autoMigrate()
        let started = ContinuousClock.now
        let totals = try await Self.load(dataset, into: context.application, console: context.console)
        let seconds = (ContinuousClock.now - started).seconds
        context.console.print("\(VietnameseFormat.integer(totals.organizations)) tổ chức, \(VietnameseFormat.integer(totals.members)) đảng viên"
                              + " / organisations, members: \(String(format: "%.1f", seconds)) s")
    }

    /// Loads with a progress bar on the console.
    static func load(_ dataset: SyntheticDataset, into app: Application, withFeedback: Bool = false, console: any Console) async throws -> SyntheticLoader.Totals {
        let bar = console.progressBar(title: "\(dataset.scale.rawValue): \(VietnameseFormat.integer(dataset.memberCount())) đảng viên / members")
        bar.start()
        do {
            let totals = try await SyntheticLoader.load(dataset, into: app, withFeedback: withFeedback) { done, total in
                bar.activity.currentProgress = total == 0 ? 1 : Double(done) / Double(total)
            }
            bar.succeed()
            return totals
        } catch {
            bar.fail()
            throw error
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
