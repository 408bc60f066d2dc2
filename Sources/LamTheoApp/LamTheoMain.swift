import Fluent
import Foundation
import LamTheoCore
import NIOCore
import NIOPosix
import Vapor

/// The `lamtheo` command: `serve`, `migrate`, `demo` and the rest, all on the same configuration.
public enum LamTheoMain {
    /// Runs Swift's tasks on the event loops that serve the sockets, instead of handing each request from a loop's
    /// thread to the concurrency pool's and back (every async handler and middleware did: a third of a signed-in
    /// request's CPU was threads waking each other, `lamtheo benchmark-http`). Must come before anything async in
    /// the process starts; false when the process has already used the default executor.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

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
