import Crypto
import Foundation
import Vapor
import ZIPFoundation

/// `lamtheo backup`: one ZIP holding the database's copy, every attachment file and the manifest.
///
/// The database is copied first, then the files: a file is written before the row naming it commits and removed only
/// after that row's removal commits, so every file the copy names is on disk when the files are read. (The one
/// exception: an attachment removed in the moment between the two copies is left out, though the copied row names it.)
enum Backup {
    /// What a backup wrote, for the command's summary.
    struct Summary {
        let manifest: BackupManifest
        let archiveSize: Int64
    }

    static func create(from app: Application, to output: URL) async throws -> Summary {
        // Beside the output, not in /tmp: a national database's copy needs the room the archive will take anyway.
        let staging = output.deletingLastPathComponent().appendingPathComponent(".lamtheo-backup-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }

        let backend = BackupManifest.Backend(app.dialect)
        let databaseName = backend == .sqlite ? "database/lamtheo.sqlite" : "database/lamtheo.pgdump"
        let databaseCopy = staging.appendingPathComponent("database")
        let facts = try await DatabaseCopy.take(of: app, to: databaseCopy)

        // Written beside the output and renamed at the end: a failed backup leaves no half archive under its name.
        let partial = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        let archive = try Archive(url: partial, accessMode: .create)
        // An SQLite file shrinks well; pg_dump's custom format is compressed already, and so are PDFs, images and DOCX.
        let database = try add(databaseCopy, as: databaseName, to: archive, compression: backend == .sqlite ? .deflate : .none)
        var files: [BackupManifest.Entry] = []
        for relativePath in try AttachmentFiles.list(in: app.documentFiles.directory) {
            let file = app.documentFiles.directory.appendingPathComponent(relativePath)
            do {
                files.append(try add(file, as: BackupManifest.filesFolder + relativePath, to: archive, compression: .none))
            } catch where !FileManager.default.fileExists(atPath: file.path) {
                continue
            }
        }
        let manifest = BackupManifest(format: BackupManifest.currentFormat, backend: backend, createdAt: Date(),
                                      database: database, files: files, facts: facts)
        let manifestData = try JSONEncoder.backupManifest.encode(manifest)
        try archive.addEntry(with: BackupManifest.entryName, type: .file, uncompressedSize: Int64(manifestData.count),
                             compressionMethod: .deflate) { position, size in
            manifestData.subdata(in: Int(position)..<Int(position) + size)
        }
        guard rename(partial.path, output.path) == 0 else {
            throw BackupError(vi: "Không ghi được \(output.path) (lỗi \(errno)).", en: "Could not write \(output.path) (error \(errno)).")
        }
        let size = (try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? NSNumber)?.int64Value ?? 0
        return Summary(manifest: manifest, archiveSize: size)
    }

    /// Adds one file under `name` and returns its manifest entry.
    private static func add(_ file: URL, as name: String, to archive: Archive, compression: CompressionMethod) throws -> BackupManifest.Entry {
        let digest = try FileDigest.sha256(of: file)
        try archive.addEntry(with: name, fileURL: file, compressionMethod: compression)
        return BackupManifest.Entry(path: name, size: digest.size, sha256: digest.sha256)
    }
}

/// The attachment store's files as paths under its directory: documents', reflections', evidence, portal images,
/// reports' archived versions (all `ab/abcdef…`) and feedback attachments (`feedback/ab/…`). `uploads/` is left out:
/// imports waiting for their job, which a restored database's jobs no longer expect.
enum AttachmentFiles {
    static let transientFolders: Set<String> = ["uploads"]

    static func list(in directory: URL) throws -> [String] {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root + "/") else { continue }
            let relative = String(path.dropFirst(root.count + 1))
            if transientFolders.contains(String(relative.prefix { $0 != "/" })) {
                walker.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                paths.append(relative)
            }
        }
        return paths.sorted()
    }
}

/// SHA-256 of a file, read a megabyte at a time (a database copy may be gigabytes).
enum FileDigest {
    static func sha256(of file: URL) throws -> (sha256: String, size: Int64) {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hasher.finalize().hex, size)
    }
}

extension JSONEncoder {
    /// The manifest as people read it: keys sorted, indented, dates in ISO 8601.
    static var backupManifest: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var backupManifest: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
