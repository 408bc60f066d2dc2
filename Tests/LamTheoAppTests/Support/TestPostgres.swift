import Foundation

/// A throwaway PostgreSQL cluster for the test run: initialised in a temporary folder, started on a free
/// port as an unprivileged user (PostgreSQL refuses root), and removed when the test process exits.
///
/// `LAMTHEO_TEST_POSTGRES_URL` points the tests at an existing server instead. Without either, the
/// PostgreSQL half of each test is skipped, unless `LAMTHEO_REQUIRE_POSTGRES=1` (as CI sets), which
/// turns a missing PostgreSQL into a failure.
enum TestPostgres {
    enum Availability {
        /// A server URL with credentials, without a database name.
        case available(baseURL: String)
        case unavailable(reason: String)
    }

    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["LAMTHEO_REQUIRE_POSTGRES"] == "1"
    }

    /// Started once, on first use, for the whole test process.
    static let availability: Availability = {
        if let url = ProcessInfo.processInfo.environment["LAMTHEO_TEST_POSTGRES_URL"], !url.isEmpty {
            return .available(baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url)
        }
        do {
            return .available(baseURL: try startCluster())
        } catch {
            return .unavailable(reason: "\(error)")
        }
    }()

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    private static let clusterUser = "postgres"

    private static func startCluster() throws -> String {
        guard let bin = binDirectory() else {
            throw StartError(description: "no PostgreSQL server binaries (initdb, pg_ctl) found under /usr/lib/postgresql")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        let data = root + "/data"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot {
            try run("/bin/chown", ["-R", "\(clusterUser):", root], as: nil)
        }
        let user = asRoot ? clusterUser : nil
        try run(bin + "/initdb", ["-D", data, "-U", "lamtheo", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], as: user)
        let port = freePort()
        let options = "-p \(port) -k \(root) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600"
        try run(bin + "/pg_ctl", ["-D", data, "-l", root + "/server.log", "-o", options, "-w", "-t", "60", "start"], as: user)
        clusterToStop = (bin: bin, data: data, root: root, user: user)
        atexit {
            guard let cluster = TestPostgres.clusterToStop else { return }
            try? TestPostgres.run(cluster.bin + "/pg_ctl", ["-D", cluster.data, "-m", "immediate", "stop"], as: cluster.user)
            try? FileManager.default.removeItem(atPath: cluster.root)
        }
        return "postgres://lamtheo@127.0.0.1:\(port)"
    }

    nonisolated(unsafe) private static var clusterToStop: (bin: String, data: String, root: String, user: String?)?

    private static func binDirectory() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(base)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// Runs a program to completion with posix_spawn and waitpid. Foundation's Process is avoided here:
    /// waiting on it from inside a test's task can stall when every cooperative thread is busy.
    static func run(_ executable: String, _ arguments: [String], as user: String?) throws {
        let argv = user.map { ["/usr/sbin/runuser", "-u", $0, "--", executable] + arguments } ?? [executable] + arguments
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-pg-command-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Output goes to a file: the server that pg_ctl starts would hold a pipe open for ever.
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw StartError(description: "could not start \(argv[0]): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitCode == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw StartError(description: "\(executable) failed (status \(status)): \(text)")
        }
    }

    /// Asks the kernel for a free port by binding to port 0.
    private static func freePort() -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
