import LamTheoCore
import Vapor

/// `/api/v1/dashboard`: the figures of a unit's dashboard — each section's figures for its subtree with how they are
/// computed and the same day of the period before, its children's lead figure (lagging first), and the trend.
enum DashboardAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(DashboardRoute.show, use: show).requiring(.capability(.read))
    }

    struct FigureDTO: Content {
        let key: String
        let title: String
        let count: Int?
        let total: Int?
        let explanation: String
        let path: String?
        let higherIsBetter: Bool
        let previous: ValueDTO?
    }

    struct ValueDTO: Content {
        let count: Int?
        let total: Int?
    }

    struct ChildDTO: Content {
        let organizationId: Int
        let name: String
        let count: Int?
        let total: Int?
        let lagging: Bool
    }

    struct TrendPointDTO: Content {
        let day: CalendarDate
        /// The lead figure's share in percent, or its count; null where nothing was stored.
        let value: Double?
        let previous: Double?
    }

    struct PartDTO: Content {
        let label: String
        let count: Int
    }

    struct SectionDTO: Content {
        let key: String
        let title: String
        let figures: [FigureDTO]
        let leadFigure: String?
        let children: [ChildDTO]
        let trend: [TrendPointDTO]
        let distribution: [PartDTO]?
    }

    struct DashboardDTO: Content {
        let organizationId: Int
        let name: String
        let day: CalendarDate
        let period: ReportingPeriod
        let sections: [SectionDTO]
    }

    static func show(request: Request) async throws -> DashboardDTO {
        let unit = try await request.readableUnit()
        let model = try await DashboardShow.Query.run(unit: unit, day: try request.queryDay("day", default: .today()),
                                                      period: try request.reportingPeriod(), on: request.reads)
        let language = request.language
        return DashboardDTO(organizationId: model.unitId, name: model.unitName, day: model.day, period: model.period, sections: model.sections.map { entry in
            SectionDTO(
                key: entry.section.key, title: entry.section.title(language),
                figures: entry.section.figures.map { figure in
                    FigureDTO(key: figure.key, title: figure.title(language), count: figure.count, total: figure.total, explanation: figure.explanation.map { $0(language) } ?? "",
                              path: figure.link, higherIsBetter: figure.higherIsBetter,
                              previous: entry.previous[figure.key].map { ValueDTO(count: $0.count, total: $0.total) })
                },
                leadFigure: entry.section.leadFigure,
                children: entry.children.map { ChildDTO(organizationId: $0.id, name: $0.name, count: $0.figure?.count, total: $0.figure?.total, lagging: $0.isLagging) },
                trend: entry.trendDays.indices.map { TrendPointDTO(day: entry.trendDays[$0], value: entry.trend[$0], previous: entry.trendBefore[$0]) },
                distribution: entry.section.distribution?.parts.map { PartDTO(label: $0.label(language), count: $0.count) })
        })
    }
}
