import LamTheoCore
import NIOConcurrencyHelpers

/// A link every public page carries, registered at start-up by the feature that owns its page (as features register
/// their to-do or reminder sources in `configure.swift`): the Portal's categories and search, "Gửi ý kiến"… Platform
/// names no feature.
struct PublicNavigationEntry: Sendable {
    enum Place: Sendable {
        /// The bar under the masthead.
        case menu
        /// The footer, discreet (sign-in).
        case footer
        /// The page's Atom feed, announced in the head (`<link rel="alternate">`) and linked in the footer.
        case feed
    }

    /// One entry per id: registering the same id again replaces it (every test application configures anew).
    let id: String
    let title: LocalizedText
    let place: Place
    let link: @Sendable (PublicSite) -> String

    init(id: String, _ title: LocalizedText, place: Place = .menu, link: @escaping @Sendable (PublicSite) -> String) {
        self.id = id
        self.title = title
        self.place = place
        self.link = link
    }
}

/// The public pages' links, in registration order. Kept for the process, like `SiteNavigation`.
enum PublicNavigation {
    private static let registered = NIOLockedValueBox<[PublicNavigationEntry]>([])

    static func register(_ entry: PublicNavigationEntry) {
        registered.withLockedValue { entries in
            if let index = entries.firstIndex(where: { $0.id == entry.id }) {
                entries[index] = entry
            } else {
                entries.append(entry)
            }
        }
    }

    static func entries(_ place: PublicNavigationEntry.Place) -> [PublicNavigationEntry] {
        registered.withLockedValue { $0 }.filter { $0.place == place }
    }
}
