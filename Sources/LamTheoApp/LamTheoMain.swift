import Fluent
import Foundation
import LamTheoCore
import Vapor

/// The `lamtheo` command: `serve`, `migrate`, `demo` and the rest, all on the same configuration.
public enum LamTheoMain {
    public static func run() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let command = environment.arguments.dropFirst().first
        let isDemo = command == "demo"
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.load(from: ProcessInfo.processInfo.environment,
                                                      defaultDatabase: isDemo ? AppConfiguration.demoDatabase : AppConfiguration.defaultDatabase)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(2)
        }
        // `demo` is `serve` on a demo database that it fills first.
        if isDemo { environment.arguments[1] = "serve" }

        let app = try await Application.make(environment)
        var failed = false
        do {
            try await configure(app, configuration)
            if command == nil || command == "serve" || isDemo {
                try await app.migrateOneAtATime()
            }
            if isDemo {
                try await DemoData.prepare(app, database: configuration.database)
            }
        } catch {
            FileHandle.standardError.write(Data("lamtheo: \(error)\n".utf8))
            failed = true
        }
        if !failed {
            do {
                try await app.execute()
            } catch {
                // The console has already reported it.
                failed = true
            }
        }
        try? await app.asyncShutdown()
        // A command that fails exits non-zero, without a crash report.
        if failed { exit(1) }
    }
}
