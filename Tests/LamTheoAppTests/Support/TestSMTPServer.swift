import Foundation
import Testing

/// A real SMTP server on loopback, one per test: `smtp_server.py` beside this file, on aiosmtpd. On a
/// fresh machine aiosmtpd is installed with pip into `.build/test-python` (put on PYTHONPATH), so that
/// a plain `swift test` runs these tests. Without python3 they are skipped, unless
/// `LAMTHEO_REQUIRE_SMTP=1` (as CI sets), which turns that into a failure.
final class TestSMTPServer: Sendable {
    enum Mode: String, Sendable {
        case accept
        case startTLS = "starttls"
        case implicitTLS = "tls"
        case auth
        case rejectRecipient = "reject-rcpt"
        case deferData = "defer"
        case silent
        case dropAfterEHLO = "drop-ehlo"
        case dropAfterData = "drop-data"
        case injectAfterStartTLS = "inject"
        case notSMTP = "not-smtp"
    }

    static let user = "thu-ky@dangbo.example.vn"
    static let password = "mật khẩu: p@ss/word"

    let port: Int
    /// Where the accepting modes write what they receive.
    let folder: URL
    private let pid: pid_t

    private init(port: Int, folder: URL, pid: pid_t) {
        self.port = port
        self.folder = folder
        self.pid = pid
    }

    /// Starts the server in `mode` and waits until it listens. Skips the test when python3 is missing
    /// and SMTP is not required.
    static func start(_ mode: Mode) async throws -> TestSMTPServer {
        let python = try pythonOrSkip()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ready = folder.appendingPathComponent("port").path
        let certificate = try TestCertificate.shared.get()
        let pid = try spawn([python, scriptPath, "--mode", mode.rawValue, "--ready", ready, "--folder", folder.path,
                             "--cert", certificate.certificate, "--key", certificate.key, "--user", user, "--password", password],
                            log: folder.appendingPathComponent("server.log").path)
        for _ in 0..<300 {
            if let text = try? String(contentsOfFile: ready, encoding: .utf8), let port = Int(text) {
                return TestSMTPServer(port: port, folder: folder, pid: pid)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let log = (try? String(contentsOfFile: folder.appendingPathComponent("server.log").path, encoding: .utf8)) ?? ""
        throw StartError(description: "the test SMTP server did not start within 15 s: \(log)")
    }

    /// SIGKILL: the server keeps nothing worth a clean exit.
    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages received so far, in order: the raw message and what the server knew of it.
    func received() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let base = folder.appendingPathComponent(String(name.dropLast(4)))
            let raw = try String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8)
            let facts = try JSONDecoder().decode(ReceivedMail.Envelope.self, from: Data(contentsOf: base.appendingPathExtension("json")))
            return ReceivedMail(raw: raw, envelope: facts)
        }
    }

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: - python3 and aiosmtpd

    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["LAMTHEO_REQUIRE_SMTP"] == "1"
    }

    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py").path
    private static let pythonPath = packageRoot.appendingPathComponent(".build/test-python").path

    private enum Python {
        case available(String)
        case missing(String)
    }

    /// Found, and aiosmtpd installed, once for the test process.
    private static let python: Python = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        guard let python = directories.map({ "\($0)/python3" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return .missing("python3 is not on PATH")
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-pip-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        if (try? runToEnd([python, "-c", "import aiosmtpd"], log: log)) == 0 { return .available(python) }
        let status = try? runToEnd([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", pythonPath, "aiosmtpd"], log: log)
        guard status == 0, (try? runToEnd([python, "-c", "import aiosmtpd"], log: log)) == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return .missing("aiosmtpd could not be installed into \(pythonPath): \(output)")
        }
        return .available(python)
    }()

    private static func pythonOrSkip() throws -> String {
        switch python {
        case .available(let path):
            return path
        case .missing(let reason):
            if isRequired { throw StartError(description: "SMTP tests are required (LAMTHEO_REQUIRE_SMTP=1): \(reason)") }
            try Test.cancel("Skipped: no test SMTP server (\(reason)); LAMTHEO_REQUIRE_SMTP=1 makes this a failure")
        }
    }

    // MARK: - Processes

    /// Starts a program with PYTHONPATH set, its output to `log`. posix_spawn rather than Foundation's
    /// Process, for the reason TestPostgres gives.
    static func spawn(_ argv: [String], log: String, environment extra: [String: String] = [:]) throws -> pid_t {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = [pythonPath, environment["PYTHONPATH"]].compactMap { $0 }.joined(separator: ":")
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment.merge(extra) { $1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // The test process's threads block signals (Dispatch does): the child starts with none blocked
        // and every signal at its default, so that it can be stopped.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw StartError(description: "could not start \(argv[0]): error \(spawned)") }
        return pid
    }

    /// Runs a program to its end and returns its exit status.
    @discardableResult
    static func runToEnd(_ argv: [String], log: String, environment: [String: String] = [:]) throws -> Int32 {
        let pid = try spawn(argv, log: log, environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1, made with openssl once per test process:
/// the TLS tests hand it to LamTheo as its CA file.
final class TestCertificate: Sendable {
    let certificate: String
    let key: String

    private init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    static let shared: Result<TestCertificate, TestSMTPServer.StartError> = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-smtp-tls-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let log = folder.appendingPathComponent("openssl.log").path
        let status = try? TestSMTPServer.runToEnd(
            ["/usr/bin/env", "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], log: log)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return .failure(TestSMTPServer.StartError(description: "openssl could not make a test certificate: \(output)"))
        }
        return .success(TestCertificate(certificate: certificate, key: key))
    }()
}

/// A message as the test server received it, read with the tests' own small parser: headers unfolded,
/// encoded-words decoded, the body decoded by its Content-Transfer-Encoding.
struct ReceivedMail {
    struct Envelope: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var tls: Bool
        var auth_mechanism: String?
    }

    let raw: String
    let envelope: Envelope

    private var parts: (header: String, body: String) {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalized.range(of: "\n\n") else { return (normalized, "") }
        return (String(normalized[..<split.lowerBound]), String(normalized[split.upperBound...]))
    }

    /// Each header once, its continuation lines joined, as sent (not decoded).
    var headers: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in parts.header.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !result.isEmpty {
                result[result.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header's text with its encoded-words decoded (RFC 2047: adjacent words join without the space between them).
    func decodedHeader(_ name: String) -> String? {
        header(name).map(Self.decodeWords)
    }

    var text: String {
        let body = parts.body
        switch header("Content-Transfer-Encoding")?.lowercased() {
        case "quoted-printable":
            return Self.decodeQuotedPrintable(body)
        case "base64":
            let bytes = Data(base64Encoded: body.filter { !$0.isWhitespace }) ?? Data()
            return String(decoding: bytes, as: UTF8.self)
        default:
            return body
        }
    }

    static func decodeWords(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?"#)
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            result += text[last..<range.lowerBound]
            let encoding = text[Range(match.range(at: 2), in: text)!].uppercased()
            let payload = String(text[Range(match.range(at: 3), in: text)!])
            if encoding == "B" {
                result += String(decoding: Data(base64Encoded: payload) ?? Data(), as: UTF8.self)
            } else {
                result += decodeQuotedPrintable(payload.replacingOccurrences(of: "_", with: " "))
            }
            last = range.upperBound
        }
        return result + text[last...]
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
               let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
