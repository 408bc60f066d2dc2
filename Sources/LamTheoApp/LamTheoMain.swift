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
        var failure: (any Error)?
        do {
            try await configure(app, configuration)
            if command == nil || command == "serve" || isDemo {
                try await app.autoMigrate()
            }
            if isDemo {
                try await DemoData.prepare(app, database: configuration.database)
            }
            try await app.execute()
        } catch {
            failure = error
        }
        try? await app.asyncShutdown()
        // A command that fails says why on standard error and exits non-zero, without a crash report.
        if let failure {
            FileHandle.standardError.write(Data("lamtheo: \(failure)\n".utf8))
            exit(1)
        }
    }
}
