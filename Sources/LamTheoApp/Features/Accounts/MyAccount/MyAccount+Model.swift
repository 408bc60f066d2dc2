import Foundation
import LamTheoCore

/// One's own account (`/me/account`): who one is, the password, and the browser sessions and API tokens in
/// force, each of which its owner may end.
enum MyAccount {}

extension MyAccount {
    struct Model: Sendable {
        let username: String
        let displayName: String
        let roles: [RoleLine]
        let passwordChangedAt: Date?
        /// This browser's first, then the most recently seen.
        let sessions: [SessionLine]
        /// The newest first.
        let tokens: [TokenLine]

        var otherSessions: Int { sessions.filter { !$0.isThisBrowser }.count }
    }

    struct SessionLine: Sendable, Hashable {
        let id: Int
        let startedAt: Date?
        let lastSeenAt: Date?
        let expiresAt: Date
        let ip: String?
        let userAgent: String?
        let isThisBrowser: Bool
    }

    struct TokenLine: Sendable, Hashable {
        let id: Int
        let name: String
        let createdAt: Date?
        let expiresAt: Date
        let lastUsedAt: Date?
    }
}

/// What a browser's `User-Agent` says in a few words ("Chrome · Android"), for telling one's sessions apart.
enum BrowserName {
    static func summary(_ userAgent: String?) -> String? {
        guard let agent = userAgent, !agent.isEmpty else { return nil }
        let browsers = [("Edg/", "Edge"), ("coc_coc_browser", "Cốc Cốc"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"),
                        ("Firefox/", "Firefox"), ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("HeadlessChrome", "Chrome (headless)"),
                        ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"), ("python", "Python")]
        let systems = [("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
                       ("CrOS", "ChromeOS"), ("Linux", "Linux")]
        let browser = browsers.first { agent.contains($0.0) }?.1 ?? String(agent.prefix { $0 != "/" && $0 != " " }.prefix(40))
        let system = systems.first { agent.contains($0.0) }?.1
        return [browser, system].compactMap { $0 }.joined(separator: " · ")
    }
}
