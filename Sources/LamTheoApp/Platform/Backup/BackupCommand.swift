import Foundation
import LamTheoCore
import Vapor

/// `lamtheo backup --output FILE`: the configured database (a consistent copy, taken while the server keeps serving)
/// and every attachment file, in one ZIP with its manifest.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "the archive to write (a .zip)")
        var output: String?

        init() {}
    }

    var help: String { "Backs up the database and the attachment files: backup --output FILE" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output, !output.isEmpty else {
            throw BackupError(vi: "Dùng: lamtheo backup --output TỆP.zip", en: "Use: lamtheo backup --output FILE.zip")
        }
        let summary = try await Backup.create(from: context.application, to: URL(fileURLWithPath: output))
        let manifest = summary.manifest
        context.console.print("Đã sao lưu / backed up \(manifest.backend.rawValue): \(VietnameseFormat.integer(manifest.facts.totalRows)) dòng / rows "
            + "trong / in \(manifest.facts.rowCounts.count) bảng / tables, \(VietnameseFormat.integer(manifest.files.count)) tệp / files, "
            + "nhật ký / audit #\(manifest.facts.auditHead.events) \(manifest.facts.auditHead.hash) → \(output) "
            + "(\(VietnameseFormat.integer(Int(summary.archiveSize))) byte)")
    }
}

/// `lamtheo restore FILE [--force]`: an archive of `lamtheo backup` into the configured database and files directory,
/// which must be empty unless `--force`. Stop the server first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "archive", help: "the archive written by lamtheo backup")
        var archive: String

        @Flag(name: "force", help: "erase a database or files directory that is not empty")
        var force: Bool

        init() {}
    }

    var help: String { "Restores an archive of lamtheo backup: restore FILE [--force]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let summary = try await Restore.run(URL(fileURLWithPath: signature.archive), into: context.application, force: signature.force)
        let manifest = summary.manifest
        context.console.print("Đã phục hồi / restored \(VietnameseFormat.integer(manifest.facts.totalRows)) dòng / rows "
            + "trong / in \(manifest.facts.rowCounts.count) bảng / tables và / and \(VietnameseFormat.integer(manifest.files.count)) tệp / files, "
            + "đúng danh mục / matching the manifest; nhật ký toàn vẹn / audit trail intact: #\(manifest.facts.auditHead.events) "
            + "\(manifest.facts.auditHead.hash)")
        if !summary.pendingMigrations.isEmpty {
            context.console.print("Còn \(summary.pendingMigrations.count) bước cập nhật cấu trúc / migrations to run: lamtheo migrate")
        }
    }
}
