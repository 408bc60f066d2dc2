import Vapor

/// One e-mail to one person: plain text, Vietnamese welcome everywhere (the transport encodes it).
struct MailMessage: Sendable {
    /// The address, checked with `MailAddress.isValid` before anything is sent.
    var to: String
    /// The display name, may be Vietnamese.
    var toName: String?
    var subject: String
    /// The plain-text body; lines may be of any length (the transport wraps them for the wire).
    var text: String
}

/// Why a message was not sent, and whether trying again later can help. The text is for people (an
/// administrator's list of failed deliveries, the `send-test-mail` command): Vietnamese, the English in
/// brackets, then the server's own reply when there was one.
enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Retrying the same message will not help: the server refused it with a 5xx reply (the sender, the
    /// content, or the authentication), or the server lacks something the configuration requires (STARTTLS).
    case permanent(String)
    /// Retrying will not help, and the fault is the recipient's address: invalid (checked before connecting)
    /// or refused by the server at RCPT TO. What an administrator is shown to correct.
    case addressRefused(String)
    /// Try again later: a 4xx reply, a timeout, a refused or dropped connection, a TLS failure.
    case temporary(String)

    var description: String {
        switch self {
        case .permanent(let text): return "permanent: \(text)"
        case .temporary(let text): return "temporary: \(text)"
        case .addressRefused(let text): return "address refused: \(text)"
        }
    }

    var text: String {
        switch self {
        case .permanent(let text), .temporary(let text), .addressRefused(let text): return text
        }
    }
}

/// Sends e-mail. `send` throws `MailError` only, never hangs beyond its timeouts.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

extension Application {
    /// The configured e-mail transport: nil when `LAMTHEO_SMTP_URL` is not set (no e-mail is sent).
    var mailTransport: (any MailTransport)? {
        get { storage[MailTransportKey.self] }
        set { storage[MailTransportKey.self] = newValue }
    }

    private struct MailTransportKey: StorageKey {
        typealias Value = any MailTransport
    }
}
