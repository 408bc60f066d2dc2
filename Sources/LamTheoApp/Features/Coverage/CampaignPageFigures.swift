import Fluent
import LamTheoCore
import NIOConcurrencyHelpers

/// Figures another feature keeps about a campaign, which the campaign's page shows for the unit at hand beside its
/// coverage (the library's "đã đọc tài liệu: n/m đảng viên"). Registered at start-up (`configure`), as the dashboard's
/// sources are: Coverage names no feature.
protocol CampaignPageFigureSource: Sendable {
    /// Stable, e.g. "library".
    var name: String { get }
    /// The figures of `unit`'s subtree for the campaign, from stored or indexed counts; none when it has nothing to say.
    func figures(campaign: Int, unit: DashboardUnit, on db: any Database) async throws -> [DashboardFigure]
}

enum CampaignPageFigures {
    private static let registered = NIOLockedValueBox([any CampaignPageFigureSource]())

    /// Adds `source`; a second source of the same name changes nothing.
    static func register(_ source: any CampaignPageFigureSource) {
        registered.withLockedValue { sources in
            if !sources.contains(where: { $0.name == source.name }) { sources.append(source) }
        }
    }

    /// Every registered source's figures, in registration order.
    static func figures(campaign: Int, unit: DashboardUnit, on db: any Database) async throws -> [DashboardFigure] {
        var figures: [DashboardFigure] = []
        for source in registered.withLockedValue({ $0 }) {
            figures += try await source.figures(campaign: campaign, unit: unit, on: db)
        }
        return figures
    }
}
