import Foundation
@testable import LamTheoApp
import NIOCore
import Testing

/// The SMTP client against a real SMTP server on loopback (TestSMTPServer: aiosmtpd, or a few lines of
/// asyncio that misbehave on purpose), and the checks it makes before connecting.
@Suite("Mail over SMTP")
struct MailTests {
    static let from = Mailbox(address: "no-reply@dangbo.example.vn", name: "Thành ủy Thành phố")
    static let subject = "Nhắc việc: nộp bài thu hoạch trước 10/12"
    static let message = MailMessage(
        to: "nhung.nguyen@example.vn", toName: "Nguyễn Thị Hồng Nhung", subject: subject,
        text: """
        Kính gửi đồng chí Nhung,

        Bài thu hoạch chuyên đề năm 2026 của đồng chí cần nộp trước ngày 10/12.
        . Dòng này bắt đầu bằng dấu chấm, và dòng sau chỉ có một dấu chấm:
        .
        Trân trọng, = chi ủy Chi bộ khu phố 3.\u{20}
        \(String(repeating: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. ", count: 40))
        """)

    static func settings(_ server: TestSMTPServer, host: String = "127.0.0.1", security: SMTPSettings.Security = .none,
                         timeout: TimeAmount = .seconds(10), caFile: String? = nil) -> SMTPSettings {
        SMTPSettings(host: host, port: server.port, security: security, from: from, timeout: timeout, caFile: caFile)
    }

    /// Runs `body` with a server in `mode`, stopped afterwards whatever happens.
    static func withServer(_ mode: TestSMTPServer.Mode, _ body: (TestSMTPServer) async throws -> Void) async throws {
        let server = try await TestSMTPServer.start(mode)
        defer { server.stop() }
        try await body(server)
    }

    static func sendError(_ transport: SMTPTransport, _ message: MailMessage = message) async -> MailError? {
        do {
            try await transport.send(message)
            return nil
        } catch let error as MailError {
            return error
        } catch {
            Issue.record("not a MailError: \(error)")
            return nil
        }
    }

    // MARK: - Delivered

    @Test("A message arrives as sent: Vietnamese subject, names and body, the headers, a line starting with a dot")
    func receivedAsSent() async throws {
        try await Self.withServer(.accept) { server in
            let reply = try await SMTPTransport(settings: Self.settings(server)).deliver(Self.message)
            #expect(reply.code == 250)
            #expect(reply.description.contains("queued as TEST001"))
            let mail = try #require(try server.received().first)
            #expect(mail.envelope.mail_from == "no-reply@dangbo.example.vn")
            #expect(mail.envelope.rcpt_tos == ["nhung.nguyen@example.vn"])
            #expect(mail.decodedHeader("Subject") == Self.subject)
            #expect(mail.decodedHeader("From") == "Thành ủy Thành phố <no-reply@dangbo.example.vn>")
            #expect(mail.decodedHeader("To") == "Nguyễn Thị Hồng Nhung <nhung.nguyen@example.vn>")
            // On the wire every line ends with CRLF, the last one too.
            #expect(mail.text.replacingOccurrences(of: "\r\n", with: "\n") == Self.message.text + "\n")
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
            let date = try #require(mail.header("Date"))
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
            let sent = try #require(parser.date(from: date), "Date: \(date)")
            #expect(abs(sent.timeIntervalSinceNow) < 60)
            #expect(date.hasSuffix("+0700"))
            let messageID = try #require(mail.header("Message-ID"))
            #expect(messageID.hasPrefix("<") && messageID.hasSuffix("@dangbo.example.vn>"))
            // Without SMTPUTF8 the wire is ASCII, and no line comes near the 998 limit.
            #expect(mail.raw.utf8.allSatisfy { $0 < 0x80 })
            #expect(mail.raw.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
        }
    }

    @Test("Two messages on one transport: a connection each, each its own Message-ID")
    func twoMessages() async throws {
        try await Self.withServer(.accept) { server in
            let transport = try SMTPTransport(settings: Self.settings(server))
            try await transport.send(Self.message)
            try await transport.send(MailMessage(to: "b@example.vn", toName: nil, subject: "Short", text: "Một dòng"))
            let received = try server.received()
            #expect(received.count == 2)
            #expect(Set(received.map { $0.header("Message-ID") }).count == 2)
            #expect(received.last?.header("To") == "b@example.vn")
            #expect(received.last?.header("Subject") == "Short")
        }
    }

    // MARK: - TLS

    @Test("STARTTLS, verified against the CA file: the message travels encrypted")
    func startTLS() async throws {
        let certificate = try TestCertificate.shared.get()
        try await Self.withServer(.startTLS) { server in
            let settings = Self.settings(server, host: "localhost", security: .startTLS, caFile: certificate.certificate)
            try await SMTPTransport(settings: settings).send(Self.message)
            let mail = try #require(try server.received().first)
            #expect(mail.envelope.tls)
            #expect(mail.decodedHeader("Subject") == Self.subject)
        }
    }

    @Test("Implicit TLS (smtps), verified against the CA file, by name and by IP address")
    func implicitTLS() async throws {
        let certificate = try TestCertificate.shared.get()
        try await Self.withServer(.implicitTLS) { server in
            for host in ["localhost", "127.0.0.1"] {
                let settings = Self.settings(server, host: host, security: .implicitTLS, caFile: certificate.certificate)
                try await SMTPTransport(settings: settings).send(Self.message)
            }
            let received = try server.received()
            #expect(received.count == 2)
            #expect(received.allSatisfy { $0.envelope.tls })
        }
    }

    @Test("Certificates are verified by default: an unknown CA is a temporary TLS failure, nothing sent")
    func untrustedCertificate() async throws {
        try await Self.withServer(.startTLS) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server, host: "localhost", security: .startTLS)))
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("TLS"))
            #expect(try server.received().isEmpty)
        }
    }

    @Test("STARTTLS required but not offered: permanent, nothing sent in clear")
    func startTLSNotOffered() async throws {
        try await Self.withServer(.accept) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server, security: .startTLS)))
            guard case .permanent(let text) = error else { Issue.record("expected a permanent error, got \(String(describing: error))"); return }
            #expect(text.contains("STARTTLS"))
            #expect(try server.received().isEmpty)
        }
    }

    // MARK: - Authentication

    /// The URL as an administrator writes it: the user's "@" and the password's accents and "/" percent-encoded.
    static func authURL(_ server: TestSMTPServer, password: String, mechanism: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let user = TestSMTPServer.user.addingPercentEncoding(withAllowedCharacters: allowed)!
        let secret = password.addingPercentEncoding(withAllowedCharacters: allowed)!
        return "smtp://\(user):\(secret)@127.0.0.1:\(server.port)?starttls=never&auth=\(mechanism)&timeout=10"
    }

    @Test("AUTH PLAIN and LOGIN with the URL's percent-decoded user and password", arguments: ["plain", "login"])
    func authentication(mechanism: String) async throws {
        try await Self.withServer(.auth) { server in
            let settings = try SMTPSettings.parse(url: Self.authURL(server, password: TestSMTPServer.password, mechanism: mechanism), from: Self.from)
            #expect(settings.credentials == .init(username: TestSMTPServer.user, password: TestSMTPServer.password))
            try await SMTPTransport(settings: settings).send(Self.message)
            #expect(try server.received().first?.envelope.auth_mechanism == mechanism.uppercased())
        }
    }

    @Test("A wrong password: permanent, naming authentication, never the password", arguments: ["plain", "login"])
    func wrongPassword(mechanism: String) async throws {
        try await Self.withServer(.auth) { server in
            let settings = try SMTPSettings.parse(url: Self.authURL(server, password: "sai-mật-khẩu", mechanism: mechanism), from: Self.from)
            let error = await Self.sendError(try SMTPTransport(settings: settings))
            guard case .permanent(let text) = error else { Issue.record("expected a permanent error, got \(String(describing: error))"); return }
            #expect(text.contains("authentication"))
            #expect(text.contains("535"))
            #expect(!text.contains("sai-mật-khẩu"))
            #expect(try server.received().isEmpty)
        }
    }

    // MARK: - Refusals and failures

    @Test("550 to RCPT TO: permanent, with the server's words")
    func recipientRefused() async throws {
        try await Self.withServer(.rejectRecipient) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server)))
            guard case .addressRefused(let text) = error else { Issue.record("expected the address refused, got \(String(describing: error))"); return }
            #expect(text.contains("RCPT TO"))
            #expect(text.contains("550 5.1.1 <nhung.nguyen@example.vn>: Recipient address rejected"))
        }
    }

    @Test("451 at the end of DATA: temporary")
    func deferred() async throws {
        try await Self.withServer(.deferData) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server)))
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("451 4.3.0"))
        }
    }

    @Test("A server that never answers: temporary, within the configured timeout")
    func timeout() async throws {
        try await Self.withServer(.silent) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server, timeout: .milliseconds(500))))
            let elapsed = clock.now - start
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("0.5"))
            #expect(text.contains("greeting"))
            // It ends (the text names the 0.5 s that fired); how soon depends on the shared event loops: in CI's full
            // suite, with database tests on every core, 9 s passed before the timer ran.
            #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(30), "took \(elapsed)")
        }
    }

    @Test("A connection dropped after EHLO or during DATA: temporary, saying where", arguments: [
        (TestSMTPServer.Mode.dropAfterEHLO, "EHLO"), (.dropAfterData, "message content"),
    ])
    func dropped(mode: TestSMTPServer.Mode, step: String) async throws {
        try await Self.withServer(mode) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server)))
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("closed the connection"))
            #expect(text.contains(step))
        }
    }

    @Test("A reply slipped in behind the 220 to STARTTLS is refused; a server that does not speak SMTP is named as such")
    func protocolViolations() async throws {
        try await Self.withServer(.injectAfterStartTLS) { server in
            let certificate = try TestCertificate.shared.get()
            let settings = Self.settings(server, host: "localhost", security: .startTLS, caFile: certificate.certificate)
            let error = await Self.sendError(try SMTPTransport(settings: settings))
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("STARTTLS") && text.contains("data after the reply to STARTTLS"))
        }
        try await Self.withServer(.notSMTP) { server in
            let error = await Self.sendError(try SMTPTransport(settings: Self.settings(server)))
            guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
            #expect(text.contains("not an SMTP reply") && text.contains("SSH-2.0"))
        }
    }

    @Test("An invalid address: permanent, before connecting")
    func invalidAddress() async throws {
        // Nothing listens there: trying to connect would be a temporary error.
        let settings = SMTPSettings(host: "127.0.0.1", port: Self.closedPort(), security: .none, from: Self.from)
        for address in ["khong-hop-le", "a@b", "nhung@thànhủy.vn", "a b@example.vn", "x@example.vn\r\nRCPT TO:<y@example.vn>"] {
            var message = Self.message
            message.to = address
            let error = await Self.sendError(try SMTPTransport(settings: settings), message)
            guard case .addressRefused(let text) = error else { Issue.record("\(address): expected the address refused, got \(String(describing: error))"); continue }
            #expect(text.contains("invalid e-mail address"))
        }
    }

    @Test("No server at all: connection refused is temporary")
    func connectionRefused() async throws {
        let settings = SMTPSettings(host: "127.0.0.1", port: Self.closedPort(), security: .none, from: Self.from, timeout: .seconds(5))
        let error = await Self.sendError(try SMTPTransport(settings: settings))
        guard case .temporary(let text) = error else { Issue.record("expected a temporary error, got \(String(describing: error))"); return }
        #expect(text.contains("could not connect"))
    }

    /// A port nothing listens on: bound, read and closed again.
    static func closedPort() -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    // MARK: - The command

    @Test("lamtheo send-test-mail: the message arrives, the server's answer is printed; a refusal exits non-zero with the reason")
    func sendTestMailCommand() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lamtheo").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no lamtheo binary beside the tests at \(binary)")
        for (mode, expectedStatus) in [(TestSMTPServer.Mode.accept, Int32(0)), (.rejectRecipient, 1)] {
            try await Self.withServer(mode) { server in
                let log = server.folder.appendingPathComponent("command.log").path
                let status = try TestSMTPServer.runToEnd([binary, "send-test-mail", "quan-tri@example.vn"], log: log, environment: [
                    "LAMTHEO_DATABASE_URL": "sqlite::memory:",
                    "LAMTHEO_SMTP_URL": "smtp://127.0.0.1:\(server.port)?starttls=never&timeout=10",
                    "LAMTHEO_SMTP_FROM": "Thành ủy <no-reply@dangbo.example.vn>",
                ])
                let output = try String(contentsOfFile: log, encoding: .utf8)
                #expect(status == expectedStatus, "\(output)")
                if mode == .accept {
                    #expect(output.contains("250 2.0.0 Ok: queued as TEST001"), "\(output)")
                    let mail = try #require(try server.received().first)
                    #expect(mail.decodedHeader("Subject")?.hasPrefix("Thư thử của LamTheo") == true)
                    #expect(mail.decodedHeader("From") == "Thành ủy <no-reply@dangbo.example.vn>")
                    #expect(mail.text.contains("lamtheo send-test-mail"))
                } else {
                    #expect(output.contains("550 5.1.1"), "\(output)")
                    #expect(output.contains("the recipient's address was refused"), "\(output)")
                }
            }
        }
    }

    @Test("send-test-mail without LAMTHEO_SMTP_URL says what to set; a bad URL stops the program naming the variable, not the password")
    func commandConfiguration() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lamtheo").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-mail-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let unset = try TestSMTPServer.runToEnd([binary, "send-test-mail", "a@example.vn"], log: log,
                                                environment: ["LAMTHEO_DATABASE_URL": "sqlite::memory:", "LAMTHEO_SMTP_URL": ""])
        #expect(unset != 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("LAMTHEO_SMTP_URL"))
        let bad = try TestSMTPServer.runToEnd([binary, "send-test-mail", "a@example.vn"], log: log, environment: [
            "LAMTHEO_DATABASE_URL": "sqlite::memory:", "LAMTHEO_SMTP_URL": "smtp://user:bi-mat@mail.example.vn?startls=never",
            "LAMTHEO_SMTP_FROM": "no-reply@example.vn",
        ])
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(bad == 2)
        #expect(output.contains("LAMTHEO_SMTP_URL=smtp://user:***@mail.example.vn"), "\(output)")
        #expect(!output.contains("bi-mat"))
    }
}

/// What is checked before any connection: the settings at start-up, addresses, and the message's encoding.
@Suite("Mail settings and format")
struct MailFormatTests {
    static let from = Mailbox(address: "no-reply@example.vn")

    func configurationError(_ environment: [String: String]) -> ConfigurationError? {
        do {
            _ = try SMTPSettings.load(from: environment)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test("LAMTHEO_SMTP_URL and LAMTHEO_SMTP_FROM: defaults, options and what is refused")
    func settings() throws {
        #expect(try SMTPSettings.load(from: [:]) == nil)
        let submission = try #require(try SMTPSettings.load(from: ["LAMTHEO_SMTP_URL": "smtp://user:p%40ss@mail.example.vn",
                                                                   "LAMTHEO_SMTP_FROM": "Thành ủy <no-reply@example.vn>"]))
        #expect(submission.port == 587 && submission.security == .startTLS && submission.credentials?.password == "p@ss")
        #expect(submission.from == Mailbox(address: "no-reply@example.vn", name: "Thành ủy"))
        #expect(submission.timeout == .seconds(30) && submission.heloName == "example.vn")
        #expect(!submission.description.contains("p@ss"))
        let implicit = try SMTPSettings.parse(url: "smtps://mail.example.vn?timeout=2.5&auth=login&helo=app.example.vn", from: Self.from)
        #expect(implicit.port == 465 && implicit.security == .implicitTLS && implicit.authMechanism == .login)
        #expect(implicit.timeout == .milliseconds(2_500) && implicit.heloName == "app.example.vn")
        let relay = try SMTPSettings.parse(url: "smtp://relay.internal.example.vn?starttls=never", from: Self.from)
        #expect(relay.port == 25 && relay.security == SMTPSettings.Security.none)
        #expect(try SMTPSettings.parse(url: "smtp://u:p@localhost:2525?starttls=never", from: Self.from).credentials != nil)

        let refused = [
            "http://mail.example.vn", "smtp://", "smtp://mail.example.vn/path", "smtp://mail.example.vn?startls=never",
            "smtps://mail.example.vn?starttls=never", "smtp://mail.example.vn?timeout=0", "smtp://mail.example.vn?auth=cram-md5",
            "smtp://user@mail.example.vn", "smtp://user:secret@mail.example.vn?starttls=never", "smtp://mail.example.vn:70000",
        ]
        for url in refused {
            let error = configurationError(["LAMTHEO_SMTP_URL": url, "LAMTHEO_SMTP_FROM": "no-reply@example.vn"])
            #expect(error?.variable == "LAMTHEO_SMTP_URL", "\(url)")
            #expect(error?.description.contains("secret") == false, "\(url)")
        }
        for from in ["", "Thành ủy", "Thành ủy <no-reply>", "<a@b.vn"] {
            #expect(configurationError(["LAMTHEO_SMTP_URL": "smtps://mail.example.vn", "LAMTHEO_SMTP_FROM": from])?.variable == "LAMTHEO_SMTP_FROM", "\(from)")
        }
        let missingCA = configurationError(["LAMTHEO_SMTP_URL": "smtps://mail.example.vn", "LAMTHEO_SMTP_FROM": "a@example.vn",
                                            "LAMTHEO_SMTP_CA_FILE": "/nonexistent/ca.pem"])
        #expect(missingCA?.variable == "LAMTHEO_SMTP_CA_FILE")
    }

    @Test("Addresses: ASCII local part, ASCII domain (an IDN only as xn--)")
    func addresses() {
        for valid in ["a@example.vn", "nguyen.van.a+nhac-viec@mail.dangbo.example.vn", "o'brien@example.com", "x@xn--thnhy-3ta8d.vn", "A_B@EXAMPLE.VN"] {
            #expect(MailAddress.isValid(valid), "\(valid)")
        }
        let tooLong = String(repeating: "a", count: 65) + "@example.vn"
        for invalid in ["", "a", "a@", "@example.vn", "a@b", "a@example.123", ".a@example.vn", "a..b@example.vn", "a.@example.vn",
                        "a b@example.vn", "\"a\"@example.vn", "nhung@thànhủy.vn", "nhung@example.vn ", "a@-example.vn", "a@example-.vn",
                        "a@example..vn", "a@[127.0.0.1]", "a@b@example.vn", "a@example.vn\r\n", "hồng@example.vn", tooLong] {
            #expect(!MailAddress.isValid(invalid), "\(invalid)")
        }
    }

    @Test("Encoded-words: short lines, never a split character, decoded back to the text")
    func encodedWords() {
        let subject = "Nhắc việc: \(String(repeating: "nộp bài thu hoạch “Học tập và làm theo” trước 10/12, ", count: 5))"
        let header = MailFormat.headerText(subject)
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 - "Subject: ".count })
        #expect(ReceivedMail.decodeWords(header.replacingOccurrences(of: "\r\n", with: "")) == subject)
        #expect(MailFormat.headerText("Short ASCII") == "Short ASCII")
        // A line break in a subject or a name cannot start a new header.
        #expect(!MailFormat.headerText("a\r\nBcc: x@example.vn").contains("\n"))
        let mailbox = MailFormat.mailbox(Mailbox(address: "a@example.vn", name: "A\nBcc: x@example.vn"))
        #expect(mailbox.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0 == " <a@example.vn>" })
        #expect(!mailbox.replacingOccurrences(of: "\r\n ", with: " ").contains("\n"))
        #expect(MailFormat.mailbox(Mailbox(address: "a@example.vn", name: "Tran, \"B\"")).hasPrefix("=?UTF-8?B?"))
    }

    @Test("Quoted-printable and dot-stuffing")
    func bodyEncoding() {
        for text in ["", "a", "trailing space ", "tab\t", "= sign", String(repeating: "ế", count: 300), "x\n\n.\n..y\r\nz"] {
            let encoded = MailFormat.quotedPrintable(text)
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 && !$0.hasSuffix(" ") }, "\(text)")
            #expect(ReceivedMail.decodeQuotedPrintable(encoded.replacingOccurrences(of: "\r\n", with: "\n"))
                == text.replacingOccurrences(of: "\r\n", with: "\n"), "\(text)")
        }
        #expect(MailFormat.dotStuffed(".a\r\nb\r\n.") == "..a\r\nb\r\n..\r\n.\r\n")
    }
}
