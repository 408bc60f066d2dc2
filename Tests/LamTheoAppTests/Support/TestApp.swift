import Foundation
@testable import LamTheoApp
import Testing
import VaporTesting

/// The two databases every database test runs on.
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// Runs `body` against a fresh, migrated LamTheo on `backend`: a new SQLite file, or a new database
/// in the test PostgreSQL cluster. Both are removed afterwards.
func withTestApp(_ backend: TestBackend, _ body: (Application) async throws -> Void) async throws {
    try await withTestApp(backend, configuring: { _ in }, body)
}

/// `withTestApp`, with the configuration changed first.
func withTestApp(_ backend: TestBackend, configuring: (inout AppConfiguration) -> Void, _ body: (Application) async throws -> Void) async throws {
    let database: DatabaseURL
    var cleanup: @Sendable () async throws -> Void = {}
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-test-\(UUID().uuidString).sqlite").path
        database = .sqliteFile(path: path)
        cleanup = {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    case .postgres:
        switch TestPostgres.availability {
        case .unavailable(let reason):
            if TestPostgres.isRequired {
                Issue.record("PostgreSQL is required (LAMTHEO_REQUIRE_POSTGRES=1) but could not be started: \(reason)")
            }
            return
        case .available(let baseURL):
            let name = "lamtheo_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            try await psql(baseURL, "CREATE DATABASE \(name)")
            database = .postgres(url: "\(baseURL)/\(name)")
            cleanup = { try await psql(baseURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }
    // Attachments go to a directory of the test's own.
    var configuration = AppConfiguration(database: database)
    configuration.filesDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-files-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: configuration.filesDirectory) }
    // Tests read what they have just written with no cookie: dashboards are drawn for each request unless a test keeps them.
    configuration.dashboardCache = 0
    // Tests change accounts, grants and units by SQL as well as through the application: the stored generations are read
    // on every request (the callers' and the units' caches are tested with a serving interval of their own).
    configuration.generationCheckInterval = 0
    configuring(&configuration)

    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    // Every answer a test provokes under /api/v1 is checked against the API document: what it does not describe
    // fails the test.
    let audit = APIResponseAudit()
    defer {
        for finding in audit.findings { Issue.record("\(backend): an answer the API document does not describe: \(finding)") }
    }
    do {
        try await configure(app, configuration)
        // Outermost, so that it sees every answer as the client gets it, errors included.
        app.middleware.use(audit, at: .beginning)
        // Cheap hashing and a fast throttle: the tests sign in often and on purpose fail to.
        app.passwords.use(.bcrypt(cost: 4))
        app.signInThrottle.delayUnit = .milliseconds(1)
        try await app.autoMigrate()
        try await body(app)
    } catch {
        // Database drivers hide details from `description`; a failing test needs them.
        Issue.record("\(backend): \(String(reflecting: error))")
        try? await app.asyncShutdown()
        try? await cleanup()
        throw error
    }
    try await app.asyncShutdown()
    try? await cleanup()
}

/// Runs one SQL statement on the cluster's maintenance database with the psql client, waiting on a thread
/// of its own. Waiting on one of Swift concurrency's few threads deadlocks: `DROP DATABASE` waits until every
/// backend of the cluster has answered a signal, and a backend sending rows to another test waits for that
/// test to read them, which it cannot do while psql holds the threads.
private func psql(_ baseURL: String, _ statement: String) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        Thread.detachNewThread {
            do {
                try TestPostgres.run("/usr/bin/psql", ["\(baseURL)/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], as: nil)
                continuation.resume()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
