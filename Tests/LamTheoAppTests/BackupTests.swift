import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// `lamtheo backup` and `lamtheo restore`: a round trip brings back every row and attachment file with the same audit
/// head; a damaged archive or a target that is not empty is refused before anything is written.
@Suite("Backup and restore")
struct BackupTests {
    /// What the tests put in a database before backing it up.
    struct Filled {
        let tree: SmallTree
        let attachmentKey: String
        let feedbackFile: String
    }

    /// Units, members, a document with a PDF, a feedback attachment in its own folder and an import waiting in uploads/.
    private func fill(_ app: Application) async throws -> Filled {
        let tree = try await SmallTree.make(on: app)
        try await app.createMember("Nguyễn Văn An", card: "79000001", in: tree.cellA1)
        try await app.createMember("Trần Thị Bình", card: "79000002", in: tree.cellB1)
        let plan = try await app.registerDocument("89-KH/TU", "Kế hoạch thực hiện Kết luận 01-KL/TW", on: "2021-07-01", by: tree.city)
        let store = app.documentFiles
        let attachment = try await app.write(AuditSubject("document.attach", DocumentAttachment.self), origin: .commandLine(user: "test")) {
            try await DocumentCommands.attach(to: plan, fileName: "Kế hoạch 89.pdf", data: DocumentTests.pdf, store: store, on: $0)
        }
        let feedbackKey = try DocumentFileStore(directory: store.directory.appendingPathComponent("feedback")).save(Data("ảnh hiện trường".utf8))
        let uploads = store.directory.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        try Data("so-dang-vien.csv".utf8).write(to: uploads.appendingPathComponent("waiting.csv"))
        return Filled(tree: tree, attachmentKey: attachment.storageKey, feedbackFile: "feedback/\(feedbackKey.prefix(2))/\(feedbackKey)")
    }

    private func facts(_ app: Application) async throws -> DatabaseFacts {
        try await DatabaseFacts.read(from: app.db.sql, backend: BackupManifest.Backend(app.dialect))
    }

    private func backUp(_ app: Application, in scratch: URL) async throws -> (URL, BackupManifest) {
        let archive = scratch.appendingPathComponent("lamtheo-backup.zip")
        return (archive, try await Backup.create(from: app, to: archive).manifest)
    }

    /// The error `body` throws, expected to be a `BackupError`.
    private func refusal(_ body: () async throws -> Void) async -> BackupError? {
        do {
            try await body()
            Issue.record("expected a refusal")
            return nil
        } catch let error as BackupError {
            return error
        } catch {
            Issue.record("expected a BackupError, got \(String(reflecting: error))")
            return nil
        }
    }

    @Test("a round trip into an empty database brings back every row and file, and the audit trail verifies to the same head",
          arguments: TestBackend.allCases)
    func roundTrip(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { source in
            try await withScratch { scratch in
                let filled = try await fill(source)
                let (archive, manifest) = try await backUp(source, in: scratch)
                let sourceFacts = try await facts(source)
                #expect(manifest.facts == sourceFacts)
                #expect(manifest.facts.rowCounts["members"] == 2 && manifest.facts.rowCounts["document_attachments"] == 1)
                #expect(manifest.files.map(\.path) == ["files/\(filled.attachmentKey.prefix(2))/\(filled.attachmentKey)", "files/\(filled.feedbackFile)"].sorted(),
                        "every attachment, none of the imports waiting in uploads/")
                let sourceTrail = try await AuditTrail.verify(on: source.db)
                #expect(manifest.facts.auditHead == AuditHead(events: sourceTrail.count, hash: sourceTrail.head))

                try await withEmptyTarget(beside: source, in: scratch) { target in
                    let summary = try await Restore.run(archive, into: target, force: false)
                    #expect(summary.pendingMigrations.isEmpty)
                    #expect(try await facts(target) == sourceFacts)
                    let trail = try await AuditTrail.verify(on: target.db)
                    #expect(trail.count == sourceTrail.count && trail.head == sourceTrail.head)
                    let attachment = try #require(try await DocumentAttachment.query(on: target.db).first())
                    #expect(attachment.storageKey == filled.attachmentKey && attachment.fileName == "Kế hoạch 89.pdf")
                    #expect(try target.documentFiles.read(filled.attachmentKey) == DocumentTests.pdf)
                    #expect(try AttachmentFiles.list(in: target.documentFiles.directory).map { BackupManifest.filesFolder + $0 } == manifest.files.map(\.path))
                    let members = try await Member.query(on: target.db).all().map(\.cardNumber).sorted()
                    #expect(members == ["79000001", "79000002"])
                }
            }
        }
    }

    @Test("a damaged or truncated archive is refused with a message naming what is wrong, and nothing is restored",
          arguments: TestBackend.allCases)
    func corruptArchive(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { source in
            try await withScratch { scratch in
                _ = try await fill(source)
                let (archive, _) = try await backUp(source, in: scratch)
                var bytes = try Data(contentsOf: archive)
                // The PDF is stored as it is (not compressed): one bit of it changed.
                let pdf = try #require(bytes.range(of: DocumentTests.pdf))
                bytes[pdf.lowerBound + 10] ^= 0x01
                let damaged = scratch.appendingPathComponent("damaged.zip")
                try bytes.write(to: damaged)
                let truncated = scratch.appendingPathComponent("truncated.zip")
                try bytes.prefix(bytes.count / 2).write(to: truncated)

                // Typed: a closure whose only `try`s are inside #expect is otherwise taken for one that cannot throw.
                try await withEmptyTarget(beside: source, in: scratch) { (target: Application) async throws in
                    let flipped = await refusal { _ = try await Restore.run(damaged, into: target, force: false) }
                    #expect(flipped?.description.hasPrefix("Tệp sao lưu bị hỏng hoặc bị sửa (files/") == true)
                    #expect(flipped?.description.contains("nothing was restored") == true)
                    let cut = await refusal { _ = try await Restore.run(truncated, into: target, force: false) }
                    #expect(cut?.description.contains("is not a readable ZIP") == true)
                    #expect(try await DatabaseCopy.existingTables(in: target).isEmpty)
                    #expect(try AttachmentFiles.list(in: target.documentFiles.directory).isEmpty)
                }
            }
        }
    }

    @Test("a target that is not empty is refused without --force and left as it was; --force puts the archive's data back",
          arguments: TestBackend.allCases)
    func nonEmptyTarget(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            try await withScratch { scratch in
                let filled = try await fill(app)
                let (archive, manifest) = try await backUp(app, in: scratch)
                try await app.createMember("Lê Văn Cường", card: "79000003", in: filled.tree.cellA2)
                let before = try await facts(app)

                let refused = await refusal { _ = try await Restore.run(archive, into: app, force: false) }
                #expect(refused?.description.hasPrefix("Nơi phục hồi chưa trống (cơ sở dữ liệu đã có \(before.rowCounts.count) bảng, thư mục tệp đã có 2 tệp)") == true)
                #expect(refused?.description.contains("add --force") == true)
                #expect(try await facts(app) == before)

                _ = try await Restore.run(archive, into: app, force: true)
                #expect(try await facts(app) == manifest.facts)
                #expect(try await Member.query(on: app.db).count() == 2)
                #expect(try AttachmentFiles.list(in: app.documentFiles.directory).map { BackupManifest.filesFolder + $0 } == manifest.files.map(\.path))
            }
        }
    }
}

/// A scratch folder for archives and restored files, removed afterwards.
private func withScratch(_ body: (URL) async throws -> Void) async throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-backup-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try await body(scratch)
}

/// A LamTheo configured on an empty database of the source's kind (a new SQLite file, or a new database on the same
/// PostgreSQL server) and an empty files directory, not migrated: what `lamtheo restore` meets on a new machine.
private func withEmptyTarget(beside source: Application, in scratch: URL, _ body: (Application) async throws -> Void) async throws {
    let database: DatabaseURL
    var created: String?
    if case .postgres(let url) = source.configuredDatabase {
        let name = "lamtheo_restore_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await source.db.sql.raw("CREATE DATABASE \(ident: name)").run()
        created = name
        let server = try #require(url.lastIndex(of: "/"))
        database = .postgres(url: url[..<server] + "/\(name)")
    } else {
        database = .sqliteFile(path: scratch.appendingPathComponent("restored.sqlite").path)
    }
    var configuration = AppConfiguration(database: database)
    configuration.filesDirectory = scratch.appendingPathComponent("restored-files").path
    let target = try await Application.make(.testing)
    target.logger.logLevel = .warning
    var failure: (any Error)?
    do {
        try await configure(target, configuration)
        try await body(target)
    } catch {
        failure = error
    }
    try? await target.asyncShutdown()
    if let created {
        try await source.db.sql.raw("DROP DATABASE IF EXISTS \(ident: created) WITH (FORCE)").run()
    }
    if let failure { throw failure }
}
