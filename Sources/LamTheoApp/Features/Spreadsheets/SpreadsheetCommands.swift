import Foundation
import LamTheoCore
import Vapor

/// `lamtheo import orgs|members FILE [--dry-run] [--sheet NAME]`: the same import as the web page, with a
/// progress bar; exits non-zero, listing every row-level error, when the file is refused.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "orgs or members")
        var kind: String

        @Argument(name: "file", help: "A CSV or XLSX file")
        var file: String

        @Flag(name: "dry-run", help: "Check the file and report what would change, without writing")
        var dryRun: Bool

        @Option(name: "sheet", help: "The sheet to read in an XLSX file (the first when absent)")
        var sheet: String?

        init() {}
    }

    var help: String { "Imports organisations or members from a CSV or XLSX file" }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = SpreadsheetKind(rawValue: signature.kind) else {
            throw Refused(description: "kind: orgs | members")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: signature.file))
        try await context.application.autoMigrate()
        let bar = context.console.progressBar(title: "\(kind.rawValue): \((signature.file as NSString).lastPathComponent)")
        bar.start()
        let report: ImportReport
        do {
            report = try await SpreadsheetImport.run(
                .init(kind: kind, fileName: (signature.file as NSString).lastPathComponent, data: data, sheet: signature.sheet),
                dryRun: signature.dryRun, actor: nil, origin: .commandLine(), app: context.application) { done, total in
                    bar.activity.currentProgress = Double(done) / Double(max(total, 1))
                }
        } catch {
            bar.fail()
            throw error
        }
        report.errors.isEmpty ? bar.succeed() : bar.fail()
        context.console.print(report.summary(.vi))
        for note in report.ignoredColumns {
            context.console.print("  \(note.message.vi) / \(note.message.en)")
        }
        for error in report.errors.prefix(200) {
            context.console.print("  dòng/line \(error.line) · \(error.column ?? "—"): \(error.message.vi) / \(error.message.en)")
        }
        if report.errors.count > 200 { context.console.print("  … \(report.errors.count - 200) more") }
        if !report.errors.isEmpty {
            throw Refused(description: "\(report.errors.count) lỗi, chưa ghi gì / errors, nothing written")
        }
        context.console.print(report.applied ? "Đã ghi / written." : "Chạy thử: chưa ghi gì / dry run: nothing written.")
    }
}

/// `lamtheo export orgs|members --format csv|xlsx --output FILE`: the whole tree's list.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "orgs or members")
        var kind: String

        @Option(name: "format", help: "csv or xlsx (default: xlsx)")
        var format: String?

        @Option(name: "output", help: "The file to write")
        var output: String?

        init() {}
    }

    var help: String { "Exports organisations or members as CSV or XLSX" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = SpreadsheetKind(rawValue: signature.kind), let format = SpreadsheetExport.Format(rawValue: signature.format ?? "xlsx"),
              let output = signature.output else {
            throw ImportCommand.Refused(description: "export orgs|members --format csv|xlsx --output FILE")
        }
        let file = try await SpreadsheetExport.file(kind, format: format, scopes: nil, within: nil, on: context.application.db)
        try file.data.write(to: URL(fileURLWithPath: output))
        context.console.print("\(VietnameseFormat.integer(file.rows)) dòng / rows → \(output)")
    }
}
