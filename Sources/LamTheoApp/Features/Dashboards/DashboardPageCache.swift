import Foundation
import LamTheoCore
import Vapor

/// Units' dashboard pages as drawn, kept `lifetime` seconds (`LAMTHEO_DASHBOARD_CACHE`) for the next readers of the same
/// unit, day, period and language. Drawing one reads a score of stored figures and writes some 100 KB of HTML and SVG
/// (10 ms for the demo city), and a committee's officers open the same few dashboards all day. Only what is the same
/// for every reader is kept — the title, the trail and the content, never the frame with the reader's name, menu,
/// inbox count and tokens — and a reader's right to the unit is checked before a kept page is shown. Its figures are
/// at most `lifetime` older than the database's, as a replica's may be; a reader who has just written or asks with
/// `Cache-Control: no-cache` (`readsAfresh`) gets the page drawn afresh, which is then kept for the others. The API's
/// dashboard is always read afresh: a script that writes, then reads, sends no cookie.
final class DashboardPageCache: Sendable {
    struct Key: Hashable, Sendable {
        let unitId: Int
        let day: CalendarDate
        let period: ReportingPeriod
        let language: UILanguage
        let allChildren: Bool
    }

    /// The part of a dashboard page that is the same for every reader.
    struct Page: Sendable {
        let title: String
        let crumbs: [Crumb]
        let content: RenderedHTML

        var layout: Layout {
            Layout(title: title, crumbs: crumbs, drawn: content)
        }
    }

    /// Pages of about 100 KB: 50 MB at most.
    static let capacity = 500

    private struct Entry: Sendable {
        let page: Page
        let unitPath: TreePath
        /// The access generation known when its unit was read (nil: not yet read by this process).
        let accessGeneration: Int64?
    }

    /// Seconds; 0: every page is drawn for its request and none is kept.
    let lifetime: Int
    private let pages = ExpiringCache<Key, Entry>(capacity: DashboardPageCache.capacity)

    init(lifetime: Int) {
        self.lifetime = lifetime
    }

    /// The page kept at `key` with its unit's path, if the unit was read under `accessGeneration`: the path is then where
    /// the unit still stands, as far as this process's callers know, and a reader's right to it can be checked on it.
    func kept(_ key: Key, accessGeneration: Int64?) -> (page: Page, unitPath: TreePath)? {
        guard let accessGeneration, let entry = pages.value(key), entry.accessGeneration == accessGeneration else { return nil }
        return (entry.page, entry.unitPath)
    }

    /// The page kept at `key` when `reuse` allows it, else `draw`'s, kept for the others until `lifetime` after it
    /// began to read: no reader sees figures older than that. `accessGeneration`: as known when `unit` was read.
    func page(_ key: Key, of unit: TreePath, reuse: Bool, accessGeneration: Int64?, draw: () async throws -> Page) async throws -> Page {
        if reuse, let kept = pages.value(key) { return kept.page }
        let started = Date()
        let page = try await draw()
        if lifetime > 0 {
            pages.keep(Entry(page: page, unitPath: unit, accessGeneration: accessGeneration), at: key, until: started.addingTimeInterval(TimeInterval(lifetime)))
        }
        return page
    }
}

extension DashboardShow.View {
    /// The page without its frame, as any reader sees it. Drawn with no form token: a POST form on the dashboard
    /// would be refused, never carry the token of the reader it was first drawn for.
    func keptPage(_ language: UILanguage) -> DashboardPageCache.Page {
        let layout = layout(PageContext(language: language, csrfToken: ""))
        return DashboardPageCache.Page(title: layout.title, crumbs: layout.crumbs, content: RenderedHTML(layout.content))
    }
}

extension Application {
    /// Set by `configure`.
    var dashboardPages: DashboardPageCache {
        get { self[configured: DashboardPageCacheKey.self] }
        set { self[configured: DashboardPageCacheKey.self] = newValue }
    }

    private struct DashboardPageCacheKey: StorageKey {
        typealias Value = DashboardPageCache
    }
}
