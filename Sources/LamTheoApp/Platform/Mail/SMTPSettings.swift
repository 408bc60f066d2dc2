import Foundation
import NIOCore
import NIOSSL

/// Where and how e-mail is sent, from `LAMTHEO_SMTP_URL`, `LAMTHEO_SMTP_FROM` and `LAMTHEO_SMTP_CA_FILE`.
///
/// The address: `smtp://[user:password@]host[:port][?options]` or `smtps://…`.
/// - `smtp://` talks SMTP on port 587 and requires STARTTLS before anything else (sending is refused
///   when the server does not offer it); `?starttls=never` sends in clear, for a relay on this machine
///   or a private network (port 25 by default then). `smtps://` is TLS from the first byte, port 465.
/// - `user:password` (percent-encoded: `%40` for `@`) turns on AUTH: PLAIN when the server offers it,
///   otherwise LOGIN; `?auth=plain` or `?auth=login` chooses. Credentials in clear are accepted for a
///   loopback host only.
/// - `?timeout=30`: seconds allowed for connecting and for each of the server's replies.
/// - `?helo=name`: the name given in EHLO, the sender's domain by default.
/// Certificates are verified against the system's roots, plus those in `LAMTHEO_SMTP_CA_FILE` (PEM)
/// for a relay with a private CA.
struct SMTPSettings: Sendable, CustomStringConvertible {
    enum Security: Sendable, Equatable {
        case startTLS, implicitTLS, none
    }

    enum AuthMechanism: String, Sendable, Equatable {
        case plain, login
    }

    struct Credentials: Sendable, Equatable {
        var username: String
        var password: String
    }

    var host: String
    var port: Int
    var security: Security
    var credentials: Credentials?
    /// nil: PLAIN when offered, otherwise LOGIN.
    var authMechanism: AuthMechanism?
    var from: Mailbox
    var timeout: TimeAmount
    var caFile: String?
    var heloName: String

    static let defaultTimeout = TimeAmount.seconds(30)

    init(host: String, port: Int, security: Security, credentials: Credentials? = nil, authMechanism: AuthMechanism? = nil,
         from: Mailbox, timeout: TimeAmount = defaultTimeout, caFile: String? = nil, heloName: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.authMechanism = authMechanism
        self.from = from
        self.timeout = timeout
        self.caFile = caFile
        self.heloName = heloName ?? from.domain
    }

    /// nil when `LAMTHEO_SMTP_URL` is not set; a bad value of any of the three variables throws.
    static func load(from environment: [String: String]) throws -> SMTPSettings? {
        guard let urlText = environment["LAMTHEO_SMTP_URL"], !urlText.isEmpty else { return nil }
        let fromText = environment["LAMTHEO_SMTP_FROM"] ?? ""
        guard let from = Mailbox(parsing: fromText) else {
            throw ConfigurationError(variable: "LAMTHEO_SMTP_FROM", value: fromText,
                                     expected: "the sender's address, with or without a name: Thành ủy <no-reply@example.vn>")
        }
        var settings = try parse(url: urlText, from: from)
        if let caFile = environment["LAMTHEO_SMTP_CA_FILE"], !caFile.isEmpty {
            guard (try? NIOSSLCertificate.fromPEMFile(caFile))?.isEmpty == false else {
                throw ConfigurationError(variable: "LAMTHEO_SMTP_CA_FILE", value: caFile, expected: "a readable file of PEM certificates")
            }
            settings.caFile = caFile
        }
        return settings
    }

    static func parse(url text: String, from: Mailbox) throws -> SMTPSettings {
        func invalid(_ expected: String) -> ConfigurationError {
            ConfigurationError(variable: "LAMTHEO_SMTP_URL", value: masked(text), expected: expected)
        }
        let shape = "smtp://user:password@host:587, smtps://user:password@host:465 or smtp://host:25?starttls=never"
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["smtp", "smtps"].contains(scheme), let host = components.host, !host.isEmpty,
              components.path.isEmpty || components.path == "/" else {
            throw invalid(shape)
        }
        var security: Security = scheme == "smtps" ? .implicitTLS : .startTLS
        var authMechanism: AuthMechanism?
        var timeout = defaultTimeout
        var heloName: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch (item.name, value) {
            case ("starttls", "required") where scheme == "smtp": security = .startTLS
            case ("starttls", "never") where scheme == "smtp": security = .none
            case ("auth", _):
                guard let mechanism = AuthMechanism(rawValue: value.lowercased()) else { throw invalid("auth=plain or auth=login") }
                authMechanism = mechanism
            case ("timeout", _):
                guard let seconds = Double(value), seconds > 0, seconds <= 600 else { throw invalid("timeout=<seconds>, from 0 to 600") }
                timeout = .nanoseconds(Int64(seconds * 1_000_000_000))
            case ("helo", _) where MailAddress.isValid("postmaster@" + value):
                heloName = value
            default:
                throw invalid("\(shape); options: starttls=required|never (smtp:// only), auth=plain|login, timeout=<seconds>, helo=<host name>")
            }
        }
        let port = components.port ?? (security == .implicitTLS ? 465 : security == .startTLS ? 587 : 25)
        guard (1...65_535).contains(port) else { throw invalid("a port from 1 to 65535") }
        var credentials: Credentials?
        if let user = components.user, !user.isEmpty {
            guard let password = components.password, !password.isEmpty else { throw invalid("user:password@host, both given") }
            credentials = Credentials(username: user, password: password)
        }
        if credentials != nil, security == .none, !isLoopback(host) {
            throw invalid("TLS (smtps:// or STARTTLS) when a password is sent to another machine")
        }
        return SMTPSettings(host: host, port: port, security: security, credentials: credentials, authMechanism: authMechanism,
                            from: from, timeout: timeout, heloName: heloName)
    }

    /// The URL's password replaced by `***`, for messages and logs; found by hand, since a URL too
    /// broken to parse may still hold one.
    static func masked(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return text.replacingCharacters(in: authority.index(after: colon)..<at, with: "***")
    }

    static func isLoopback(_ host: String) -> Bool {
        ["localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Full verification: the system's roots and the CA file's, and the host's name (or IP address).
    func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Safe to print: no password.
    var description: String {
        let mode = switch security {
        case .startTLS: "STARTTLS"
        case .implicitTLS: "TLS"
        case .none: "không mã hóa / no TLS"
        }
        let user = credentials.map { ", AUTH \($0.username)" } ?? ""
        return "\(host):\(port) (\(mode)\(user)), from \(from.address)"
    }
}
