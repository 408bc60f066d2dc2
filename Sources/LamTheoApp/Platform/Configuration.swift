import Foundation
import Logging
import Vapor

/// Everything LamTheo reads from its environment, read once at start-up. A bad value stops the
/// program with a message that names the variable, rather than failing later on a request.
public struct AppConfiguration: Sendable {
    public var database: DatabaseURL
    public var host: String
    public var port: Int
    /// The address users reach LamTheo at, when it differs from host:port (behind a proxy). An https
    /// address makes cookies Secure.
    public var publicURL: String?
    /// Where documents' attachments are stored (`LAMTHEO_FILES_DIR`); by default `lamtheo-files` next to
    /// the SQLite file, or in the working directory.
    public var filesDirectory: String
    /// How often a serving process's job runner looks for queued jobs (`LAMTHEO_JOBS_TICK`, seconds).
    public var jobsTick = 5
    /// The level each request is logged at (`LAMTHEO_ACCESS_LOG`: a level name, or `off`); nil: not logged. Writing a line
    /// per request to the console costs a busy server more than many of its pages do.
    public var accessLog: Logger.Level? = .info
    /// The bearer token `GET /metrics` answers to (`LAMTHEO_METRICS_TOKEN`); nil: there is no metrics endpoint.
    public var metricsToken: String?
    /// E-mail (`LAMTHEO_SMTP_URL`, `LAMTHEO_SMTP_FROM`, `LAMTHEO_SMTP_CA_FILE`); nil: no e-mail is sent.
    var mail: SMTPSettings?
    /// The reverse proxies whose `X-Forwarded-For` names the client (`LAMTHEO_TRUSTED_PROXIES`: addresses or CIDRs,
    /// comma-separated); none by default, so that a client cannot choose the address its throttles count.
    public var trustedProxies = TrustedProxies.none
    /// A streaming replica that reads which may lag go to (`LAMTHEO_REPLICA_URL`, PostgreSQL only); nil: one database.
    public var replica: ReplicaSettings?
    /// How long a unit's dashboard page, once drawn, is shown again to the next readers of the same unit, day and period
    /// (`LAMTHEO_DASHBOARD_CACHE`, seconds; 0: drawn for every request). Its figures are then that much older at most, as
    /// a replica's are; a client that has just written, or asks with `Cache-Control: no-cache`, gets them drawn anew.
    public var dashboardCache = 5
    /// Seconds between a serving process's reads of each stored generation (`StoredGeneration`): how long a change made
    /// through another process, or by SQL, may take to reach what this one keeps. Tests read them on every request (0).
    var generationCheckInterval: TimeInterval = 1

    var servesTLS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDatabase = "sqlite://./lamtheo.sqlite"
    public static let demoDatabase = "sqlite://./lamtheo-demo.sqlite"

    public init(database: DatabaseURL, host: String = defaultHost, port: Int = defaultPort) {
        self.database = database
        self.host = host
        self.port = port
        filesDirectory = Self.defaultFilesDirectory(for: database)
    }

    static func defaultFilesDirectory(for database: DatabaseURL) -> String {
        guard case .sqliteFile(let path) = database else { return "./lamtheo-files" }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("lamtheo-files").path
    }

    /// - Parameter defaultDatabase: used when `LAMTHEO_DATABASE_URL` is not set (the demo has its own file).
    public static func load(from environment: [String: String], defaultDatabase: String = defaultDatabase) throws -> AppConfiguration {
        let databaseText = environment["LAMTHEO_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDatabase
        guard let database = DatabaseURL(databaseText) else {
            throw ConfigurationError(variable: "LAMTHEO_DATABASE_URL", value: databaseText,
                                     expected: "sqlite:///absolute/path.sqlite, sqlite://./relative.sqlite, sqlite::memory: or postgres://user:password@host:5432/database")
        }
        var configuration = AppConfiguration(database: database)
        if let host = environment["LAMTHEO_HOST"], !host.isEmpty {
            configuration.host = host
        }
        if let portText = environment["LAMTHEO_PORT"], !portText.isEmpty {
            guard let port = Int(portText), (1...65_535).contains(port) else {
                throw ConfigurationError(variable: "LAMTHEO_PORT", value: portText, expected: "a port number from 1 to 65535")
            }
            configuration.port = port
        }
        if let publicURL = environment["LAMTHEO_PUBLIC_URL"], !publicURL.isEmpty {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ConfigurationError(variable: "LAMTHEO_PUBLIC_URL", value: publicURL, expected: "an http:// or https:// address")
            }
            configuration.publicURL = publicURL
        }
        if let directory = environment["LAMTHEO_FILES_DIR"], !directory.isEmpty {
            configuration.filesDirectory = directory
        }
        if let tickText = environment["LAMTHEO_JOBS_TICK"], !tickText.isEmpty {
            guard let tick = Int(tickText), (1...3_600).contains(tick) else {
                throw ConfigurationError(variable: "LAMTHEO_JOBS_TICK", value: tickText, expected: "a number of seconds from 1 to 3600")
            }
            configuration.jobsTick = tick
        }
        if let accessLog = environment["LAMTHEO_ACCESS_LOG"], !accessLog.isEmpty {
            guard accessLog == "off" || Logger.Level(rawValue: accessLog) != nil else {
                throw ConfigurationError(variable: "LAMTHEO_ACCESS_LOG", value: accessLog,
                                         expected: "off, trace, debug, info, notice, warning, error or critical")
            }
            configuration.accessLog = Logger.Level(rawValue: accessLog)
        }
        if let token = environment["LAMTHEO_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= AppMetrics.minimumTokenLength else {
                throw ConfigurationError(variable: "LAMTHEO_METRICS_TOKEN", value: "…",
                                         expected: "a secret of at least \(AppMetrics.minimumTokenLength) characters (openssl rand -hex 32)")
            }
            configuration.metricsToken = token
        }
        configuration.mail = try SMTPSettings.load(from: environment)
        if let proxies = environment["LAMTHEO_TRUSTED_PROXIES"], !proxies.isEmpty {
            guard let trusted = TrustedProxies(proxies) else {
                throw ConfigurationError(variable: "LAMTHEO_TRUSTED_PROXIES", value: proxies,
                                         expected: "IP addresses or CIDR ranges separated by commas, such as 127.0.0.1,10.0.0.0/8,::1")
            }
            configuration.trustedProxies = trusted
        }
        configuration.replica = try ReplicaSettings.load(from: environment, primary: database)
        if let seconds = environment["LAMTHEO_DASHBOARD_CACHE"], !seconds.isEmpty {
            guard let lifetime = Int(seconds), (0...300).contains(lifetime) else {
                throw ConfigurationError(variable: "LAMTHEO_DASHBOARD_CACHE", value: seconds, expected: "a number of seconds from 0 (off) to 300")
            }
            configuration.dashboardCache = lifetime
        }
        return configuration
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let variable: String
    public let value: String
    public let expected: String

    public var description: String {
        "\(variable)=\(value) is not valid: expected \(expected). / \(variable)=\(value) không hợp lệ: cần \(expected)."
    }
}

extension Application {
    /// A part `configure` sets once — a cache, a counter, a followed number —, kept in the application's storage under
    /// `key`: read before `configure` has set it, it stops the program.
    subscript<Key: StorageKey>(configured key: Key.Type) -> Key.Value {
        get {
            guard let value = storage[key] else { preconditionFailure("configure(_:) sets \(Key.self)") }
            return value
        }
        set { storage[key] = newValue }
    }
}
