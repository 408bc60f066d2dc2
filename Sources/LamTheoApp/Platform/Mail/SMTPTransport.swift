import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends each message over its own SMTP connection (EHLO, STARTTLS or implicit TLS, AUTH, MAIL FROM,
/// RCPT TO, DATA, QUIT): reminders are few per minute, and a fresh connection leaves no state to go
/// stale between them. Every failure becomes a `MailError`; no step waits longer than the timeout.
struct SMTPTransport: MailTransport {
    let settings: SMTPSettings
    private let tls: NIOSSLContext?
    private let group: any EventLoopGroup

    /// Throws `ConfigurationError` when the TLS set-up cannot be made (an unreadable CA file).
    init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.settings = settings
        self.group = group
        do {
            tls = settings.security == .none ? nil : try settings.makeTLSContext()
        } catch {
            throw ConfigurationError(variable: "LAMTHEO_SMTP_CA_FILE", value: settings.caFile ?? "", expected: "a readable file of PEM certificates (\(error))")
        }
    }

    func send(_ message: MailMessage) async throws {
        _ = try await deliver(message)
    }

    /// Sends the message and returns the server's answer to it (the reply to the end of DATA).
    func deliver(_ message: MailMessage) async throws -> SMTPReply {
        guard MailAddress.isValid(message.to) else {
            throw MailError.addressRefused("Địa chỉ e-mail không hợp lệ (invalid e-mail address): “\(message.to)”")
        }
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(host: settings.host, port: settings.port,
                                                       tls: settings.security == .implicitTLS ? tls : nil,
                                                       timeout: settings.timeout, group: group)
        } catch {
            throw MailError.temporary("Không kết nối được tới máy chủ thư (could not connect to the mail server) \(settings.host):\(settings.port): \(error)")
        }
        defer { connection.close() }
        let dialogue = Dialogue(connection: connection, settings: settings)
        do {
            return try await dialogue.send(message, tls: tls)
        } catch let error as MailError {
            throw error
        } catch let failure as SMTPConnectionFailure {
            throw dialogue.error(failure)
        } catch {
            throw MailError.temporary("Lỗi khi gửi thư (sending failed) at \(dialogue.step.words): \(error)")
        }
    }
}

/// The conversation of one connection, remembering its step so that a failure can say where it happened.
private final class Dialogue {
    let connection: SMTPConnection
    let settings: SMTPSettings
    var step = Step.greeting

    init(connection: SMTPConnection, settings: SMTPSettings) {
        self.connection = connection
        self.settings = settings
    }

    enum Step {
        case greeting, ehlo, startTLS, authentication, sender, recipient, data, content

        var words: String {
            switch self {
            case .greeting: "lời chào (greeting)"
            case .ehlo: "EHLO"
            case .startTLS: "STARTTLS"
            case .authentication: "xác thực (authentication, AUTH)"
            case .sender: "người gửi (MAIL FROM)"
            case .recipient: "người nhận (RCPT TO)"
            case .data: "DATA"
            case .content: "nội dung thư (message content)"
            }
        }
    }

    func send(_ message: MailMessage, tls: NIOSSLContext?) async throws -> SMTPReply {
        try expect(await connection.reply(), 220)
        var capabilities = try await hello()
        if settings.security == .startTLS {
            step = .startTLS
            guard let tls, capabilities.keywords.contains("STARTTLS") else {
                throw MailError.permanent("Máy chủ thư không có STARTTLS mà cấu hình đòi hỏi (the server does not offer STARTTLS, which the configuration requires): \(settings.host):\(settings.port)")
            }
            try expect(await connection.command("STARTTLS"), 220)
            try await connection.startTLS(tls, host: settings.host)
            capabilities = try await hello()
        }
        if let credentials = settings.credentials {
            try await authenticate(credentials, offered: capabilities.authMechanisms)
        }
        step = .sender
        try expect(await connection.command("MAIL FROM:<\(settings.from.address)>"), 250)
        step = .recipient
        try expect(await connection.command("RCPT TO:<\(message.to)>"), 250, 251)
        step = .data
        try expect(await connection.command("DATA"), 354)
        step = .content
        let text = MailFormat.message(message, from: settings.from, date: Date(), messageID: MailFormat.newMessageID(domain: settings.from.domain))
        connection.write(MailFormat.dotStuffed(text))
        let accepted = try await connection.reply()
        try expect(accepted, 250)
        // The message is the server's now: a QUIT that goes unanswered changes nothing.
        connection.write("QUIT\r\n")
        _ = try? await connection.reply(within: min(settings.timeout, .seconds(2)))
        return accepted
    }

    struct Capabilities {
        var keywords: Set<String> = []
        var authMechanisms: Set<String> = []
    }

    /// EHLO, or HELO for a server that knows no extensions (then nothing beyond plain SMTP is used).
    private func hello() async throws -> Capabilities {
        step = .ehlo
        let reply = try await connection.command("EHLO \(settings.heloName)")
        if reply.code >= 500, settings.security == .none, settings.credentials == nil {
            try expect(await connection.command("HELO \(settings.heloName)"), 250)
            return Capabilities()
        }
        try expect(reply, 250)
        var capabilities = Capabilities()
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            capabilities.keywords.insert(keyword)
            if keyword == "AUTH" { capabilities.authMechanisms.formUnion(words.dropFirst()) }
        }
        return capabilities
    }

    private func authenticate(_ credentials: SMTPSettings.Credentials, offered: Set<String>) async throws {
        step = .authentication
        let mechanism = settings.authMechanism ?? (offered.contains("PLAIN") || !offered.contains("LOGIN") ? .plain : .login)
        switch mechanism {
        case .plain:
            let token = Data("\0\(credentials.username)\0\(credentials.password)".utf8).base64EncodedString()
            try expect(await connection.command("AUTH PLAIN \(token)"), 235)
        case .login:
            try expect(await connection.command("AUTH LOGIN"), 334)
            try expect(await connection.command(Data(credentials.username.utf8).base64EncodedString()), 334)
            try expect(await connection.command(Data(credentials.password.utf8).base64EncodedString()), 235)
        }
    }

    /// 4xx: try later; 5xx (or a reply that makes no sense here): retrying will not help.
    private func expect(_ reply: SMTPReply, _ codes: Int...) throws {
        guard !codes.contains(reply.code) else { return }
        if (400..<500).contains(reply.code) {
            throw MailError.temporary("Máy chủ thư tạm thời từ chối ở bước \(step.words) (the mail server deferred): \(reply)")
        }
        let text = "Máy chủ thư từ chối ở bước \(step.words) (the mail server refused): \(reply)"
        throw step == .recipient ? MailError.addressRefused(text) : MailError.permanent(text)
    }

    func error(_ failure: SMTPConnectionFailure) -> MailError {
        let at = "ở bước \(step.words)"
        switch failure {
        case .timedOut:
            let tenths = Int((Double(settings.timeout.nanoseconds) / 1e8).rounded())
            let seconds = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
            return .temporary("Máy chủ thư không trả lời trong \(seconds) giây \(at) (no answer from the mail server within \(seconds) s)")
        case .closed:
            return .temporary("Máy chủ thư đóng kết nối \(at) (the mail server closed the connection)")
        case .tls(let detail):
            return .temporary("Lỗi TLS với máy chủ thư \(at) (TLS failure with \(settings.host)): \(detail)")
        case .malformed(let detail):
            return .temporary("Máy chủ thư trả lời sai giao thức \(at) (not an SMTP reply): \(detail)")
        case .other(let detail):
            return .temporary("Lỗi kết nối tới máy chủ thư \(at) (connection error): \(detail)")
        }
    }
}
