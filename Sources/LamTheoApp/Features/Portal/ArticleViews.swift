import Crypto
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Counting an article's readers: once per visitor per article per day, with no cookie. A visitor is a hash of the
/// address, the browser's name and the day (never stored in clear); browsers that say they are robots are not
/// counted. Each process remembers the day's visitors it has counted, so a reload costs no write.
final class ArticleViewCounter: Sendable {
    private struct Seen {
        var day = ""
        var keys = Set<String>()
    }

    /// Beyond this many, the process forgets and lets the database's unique key decide.
    static let memory = 200_000
    private let seen = NIOLockedValueBox(Seen())

    /// Words in a user agent that robots, previews and scripts send.
    static let robotWords = ["bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "curl", "wget", "python", "httpclient",
                             "http-client", "headless", "lighthouse", "scrapy", "go-http", "okhttp", "java/", "libwww", "monitor", "fetch"]

    static func looksLikeRobot(_ userAgent: String) -> Bool {
        let agent = userAgent.lowercased()
        return agent.isEmpty || robotWords.contains { agent.contains($0) }
    }

    static func visitorKey(address: String, userAgent: String, day: CalendarDate) -> String {
        SHA256.hash(data: Data("lamtheo-view:\(day.iso)|\(address)|\(userAgent)".utf8)).hex
    }

    /// Counts the view unless this visitor was counted today for the article (or is a robot). Bookkeeping, not audited.
    func count(_ articleId: Int, request: Request) async throws {
        let agent = request.headers.first(name: .userAgent) ?? ""
        guard !Self.looksLikeRobot(agent), let address = request.clientAddress else { return }
        let today = CalendarDate.today()
        let key = Self.visitorKey(address: address, userAgent: agent, day: today)
        let (isNew, newDay) = seen.withLockedValue { seen -> (Bool, Bool) in
            let newDay = seen.day != today.iso
            if newDay || seen.keys.count >= Self.memory { seen = Seen(day: today.iso) }
            return (seen.keys.insert("\(articleId)|\(key)").inserted, newDay)
        }
        guard isNew else { return }
        try await request.application.writeBookkeeping { db in
            if newDay {
                // Yesterday's visitors are no longer needed to tell a repeat view.
                try await db.sql.raw("DELETE FROM article_view_keys WHERE day < \(bind: today.iso)").run()
            }
            let inserted = try await db.sql.raw("""
                INSERT INTO article_view_keys (article_id, visitor_key, day) VALUES (\(bind: articleId), \(bind: key), \(bind: today.iso))
                ON CONFLICT (article_id, visitor_key) DO NOTHING RETURNING article_id
                """).all()
            if !inserted.isEmpty {
                try await db.sql.raw("UPDATE articles SET view_count = view_count + 1 WHERE id = \(bind: articleId)").run()
            }
        }
    }
}

extension Application {
    /// The view counter, set by `configure`.
    var articleViews: ArticleViewCounter {
        get { self[configured: ArticleViewCounterKey.self] }
        set { self[configured: ArticleViewCounterKey.self] = newValue }
    }

    private struct ArticleViewCounterKey: StorageKey {
        typealias Value = ArticleViewCounter
    }
}
