import Foundation
import LamTheoCore
import Vapor
import ZIPFoundation

/// `lamtheo restore`: puts an archive of `lamtheo backup` back into the configured database and files directory.
///
/// Everything is checked before anything is written: the manifest, the backend, that this LamTheo knows every
/// migration of the archive, that the target is empty (unless forced), and every entry against its SHA-256 while it
/// is unpacked into a staging folder. After loading, the restored database must show the manifest's row counts and
/// its audit trail must verify to the manifest's head.
enum Restore {
    struct Summary {
        let manifest: BackupManifest
        /// The migrations this LamTheo has that the archive's database has not yet run (`lamtheo migrate` runs them).
        let pendingMigrations: [String]
    }

    static func run(_ archiveFile: URL, into app: Application, force: Bool) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: archiveFile.path) else {
            throw BackupError(vi: "Không có tệp \(archiveFile.path).", en: "There is no file \(archiveFile.path).")
        }
        let archive: Archive
        do {
            archive = try Archive(url: archiveFile, accessMode: .read)
        } catch {
            throw BackupError.corrupt("\(archiveFile.lastPathComponent) không phải tệp ZIP đọc được / is not a readable ZIP: \(error)")
        }
        let manifest = try readManifest(of: archive)
        let pending = try checkCompatible(manifest, with: app)
        try await checkTargetEmpty(app, force: force)

        let files = app.documentFiles.directory
        let staging = files.deletingLastPathComponent().appendingPathComponent(".lamtheo-restore-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try unpack(manifest, from: archive, to: staging)

        try await DatabaseCopy.load(staging.appendingPathComponent(manifest.database.path), into: app)
        if force { try clear(files) }
        for entry in manifest.files {
            let relative = String(entry.path.dropFirst(BackupManifest.filesFolder.count))
            let target = files.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: staging.appendingPathComponent(entry.path), to: target)
        }
        try await checkRestored(app, against: manifest)
        return Summary(manifest: manifest, pendingMigrations: pending)
    }

    static func readManifest(of archive: Archive) throws -> BackupManifest {
        guard let entry = archive[BackupManifest.entryName] else {
            throw BackupError.corrupt("không có / no \(BackupManifest.entryName)")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw BackupError.corrupt("\(BackupManifest.entryName): \(error)")
        }
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder.backupManifest.decode(BackupManifest.self, from: data)
        } catch {
            throw BackupError.corrupt("\(BackupManifest.entryName) không đọc được / unreadable: \(error)")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw BackupError(vi: "Tệp sao lưu theo định dạng \(manifest.format), bản LamTheo này đọc định dạng \(BackupManifest.currentFormat).",
                              en: "The archive is in format \(manifest.format); this LamTheo reads format \(BackupManifest.currentFormat).")
        }
        // Every entry named once, under its own folder: no path may climb out of the staging folder or the files directory.
        let paths = [manifest.database.path] + manifest.files.map(\.path)
        guard Set(paths).count == paths.count,
              paths.allSatisfy({ !$0.split(separator: "/").contains("..") && !$0.hasPrefix("/") }),
              manifest.files.allSatisfy({ $0.path.hasPrefix(BackupManifest.filesFolder) }) else {
            throw BackupError.corrupt("danh mục có đường dẫn không hợp lệ / the manifest has invalid paths")
        }
        return manifest
    }

    /// Same backend, and no migration this LamTheo does not know (an archive of a newer version). Returns the
    /// migrations still to run on the restored database.
    private static func checkCompatible(_ manifest: BackupManifest, with app: Application) throws -> [String] {
        let backend = BackupManifest.Backend(app.dialect)
        guard manifest.backend == backend else {
            throw BackupError(vi: "Tệp sao lưu của \(manifest.backend.rawValue) không phục hồi được vào \(backend.rawValue) (LAMTHEO_DATABASE_URL).",
                              en: "A \(manifest.backend.rawValue) backup cannot be restored into \(backend.rawValue) (LAMTHEO_DATABASE_URL).")
        }
        let known = SchemaHistory.migrations.map(\.name)
        let unknown = manifest.facts.migrations.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw BackupError(vi: "Tệp sao lưu do bản LamTheo mới hơn tạo (không biết các bước \(unknown.joined(separator: ", "))): hãy dùng bản đó.",
                              en: "The archive was made by a newer LamTheo (unknown migrations \(unknown.joined(separator: ", "))): restore it with that version.")
        }
        return known.filter { !manifest.facts.migrations.contains($0) }
    }

    private static func checkTargetEmpty(_ app: Application, force: Bool) async throws {
        guard !force else { return }
        let tables = try await DatabaseCopy.existingTables(in: app)
        let files = try AttachmentFiles.list(in: app.documentFiles.directory)
        guard tables.isEmpty && files.isEmpty else {
            let what = [tables.isEmpty ? nil : LocalizedText(vi: "cơ sở dữ liệu đã có \(tables.count) bảng", en: "the database has \(tables.count) tables"),
                        files.isEmpty ? nil : LocalizedText(vi: "thư mục tệp đã có \(files.count) tệp", en: "the files directory holds \(files.count) files")]
                .compactMap { $0 }
            throw BackupError(vi: "Nơi phục hồi chưa trống (\(what.map(\.vi).joined(separator: ", "))): thêm --force để xóa và ghi đè.",
                              en: "The target is not empty (\(what.map(\.en).joined(separator: ", "))): add --force to erase and overwrite it.")
        }
    }

    /// Unpacks every entry the manifest names, checking its size and SHA-256 (and ZIP's CRC-32 on the way).
    private static func unpack(_ manifest: BackupManifest, from archive: Archive, to staging: URL) throws {
        let expected = Set([manifest.database.path, BackupManifest.entryName] + manifest.files.map(\.path))
        if let extra = archive.first(where: { !expected.contains($0.path) }) {
            throw BackupError.corrupt("\(extra.path) không có trong danh mục / is not in the manifest")
        }
        for entry in [manifest.database] + manifest.files {
            guard let stored = archive[entry.path] else {
                throw BackupError.corrupt("thiếu / missing \(entry.path)")
            }
            let target = staging.appendingPathComponent(entry.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                _ = try archive.extract(stored, to: target)
            } catch {
                throw BackupError.corrupt("\(entry.path): \(error)")
            }
            let digest = try FileDigest.sha256(of: target)
            guard digest.sha256 == entry.sha256, digest.size == entry.size else {
                throw BackupError.corrupt("\(entry.path): SHA-256 \(digest.sha256.prefix(12))… ≠ \(entry.sha256.prefix(12))…")
            }
        }
    }

    /// Empties the files directory (with `--force`): the restored database names only the archive's files.
    private static func clear(_ directory: URL) throws {
        for item in (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [] {
            try FileManager.default.removeItem(at: item)
        }
    }

    private static func checkRestored(_ app: Application, against manifest: BackupManifest) async throws {
        let facts = try await DatabaseFacts.read(from: app.db.sql, backend: manifest.backend)
        let differing = Set(facts.rowCounts.keys).union(manifest.facts.rowCounts.keys).sorted()
            .filter { facts.rowCounts[$0] != manifest.facts.rowCounts[$0] }
        guard differing.isEmpty, facts.migrations == manifest.facts.migrations else {
            let tables = differing.map { "\($0) \(facts.rowCounts[$0].map(String.init) ?? "–") ≠ \(manifest.facts.rowCounts[$0].map(String.init) ?? "–")" }
            throw BackupError(vi: "Dữ liệu phục hồi khác danh mục: \(tables.joined(separator: "; "))",
                              en: "The restored data differs from the manifest: \(tables.joined(separator: "; "))")
        }
        let (events, head) = try await AuditTrail.verify(on: app.db)
        guard AuditHead(events: events, hash: head) == manifest.facts.auditHead else {
            throw BackupError(vi: "Nhật ký phục hồi kết thúc ở sự kiện #\(events) \(head), danh mục ghi #\(manifest.facts.auditHead.events) \(manifest.facts.auditHead.hash).",
                              en: "The restored audit trail ends at event #\(events) \(head); the manifest says #\(manifest.facts.auditHead.events) \(manifest.facts.auditHead.hash).")
        }
    }
}
