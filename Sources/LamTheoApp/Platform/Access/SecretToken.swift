import Foundation
import Vapor

/// Secrets that travel as random tokens and rest as hashes.
enum SecretToken {
    /// 32 random bytes, URL-safe, with a prefix that says what it is (`lt_` for API tokens, `ls_` for sessions).
    static func make(prefix: String) -> String {
        prefix + Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// Whether a secret sent equals the one expected, in a time that does not tell how many first bytes matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count, !left.isEmpty else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The cookie carrying a signed-in browser's session secret: set by the sign-in (Accounts), and the secret
/// the CSRF token is bound to.
enum Cookies {
    static let session = "lamtheo_session"
}
