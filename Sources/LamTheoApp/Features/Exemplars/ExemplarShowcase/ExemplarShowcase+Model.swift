import LamTheoCore

/// The public showcase of a committee's site: the commended exemplars of its subtree (a commendation is a public act),
/// and each one's story. Only what the commendation made public is here: no evidence file, verification note,
/// lifecycle actor or member record.
enum ExemplarShowcase {
    static let perPage = 20

    /// An exemplar in the list, by its latest commendation.
    struct Entry: Sendable {
        let id: Int
        let title: String
        let kind: ExemplarKind
        let unitName: String
        let summary: String?
        let lastCommendedOn: CalendarDate
    }

    struct Model: Sendable {
        let site: PublicSite
        /// The campaign the list is filtered by, and those the site's commended exemplars follow.
        let campaign: Int?
        let campaigns: [ExemplarShow.Choice]
        let page: Int
        let entries: [Entry]
        let hasMore: Bool
    }

    /// One exemplar's public story.
    struct Story: Sendable {
        let site: PublicSite
        let id: Int
        let title: String
        let kind: ExemplarKind
        let unitName: String
        /// The campaign's title or the topic in words.
        let theme: String?
        let summary: String?
        let figures: [ExemplarShow.Model.Figure]
        let commendations: [ExemplarShow.Model.Decision]
        let adoptions: [ExemplarShow.Model.Spread]
    }
}
