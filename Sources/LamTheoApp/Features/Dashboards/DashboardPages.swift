import LamTheoCore
import Vapor

/// A unit's dashboard on the web.
enum DashboardPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(DashboardRoute.show, use: show).requiring(.capability(.read))
    }

    /// The reader's right to the unit is checked first; the page may then be one drawn a moment ago (`DashboardPageCache`),
    /// whose unit's place is known while who may do what has not changed: the unit is then not read again.
    static func show(request: Request) async throws -> Response {
        let (day, period) = (try request.queryDay("day", default: .today()), try request.reportingPeriod())
        let allChildren = try request.queryText("children") == "all"
        func key(_ unitId: Int) -> DashboardPageCache.Key {
            DashboardPageCache.Key(unitId: unitId, day: day, period: period, language: request.language, allChildren: allChildren)
        }
        let cache = request.application.dashboardPages
        // As read when the caller was: a unit moved or closed since has moved it (045).
        let accessGeneration = request.application.accessGeneration.known
        let reuse = !request.readsAfresh
        if reuse, let unitId = try request.askedUnitId, let kept = cache.kept(key(unitId), accessGeneration: accessGeneration) {
            try request.require(.read, at: kept.unitPath)
            return kept.page.layout.response(for: request)
        }
        let unit = try await request.readableUnit()
        let page = try await cache.page(key(unit.requireID()), of: unit.treePath, reuse: reuse, accessGeneration: accessGeneration) {
            let model = try await DashboardShow.Query.run(unit: unit, day: day, period: period, on: request.reads)
            return DashboardShow.View(model: model, allChildren: allChildren).keptPage(request.language)
        }
        return page.layout.response(for: request)
    }
}

extension Request {
    /// `?period=month|quarter|half-year|year`, a month by default.
    func reportingPeriod() throws -> ReportingPeriod {
        guard let text = try queryText("period"), !text.isEmpty else { return .month }
        guard let period = ReportingPeriod(rawValue: text) else {
            throw DomainError.invalid([FieldError(field: "period", message: LocalizedText(
                vi: "Kỳ phải là month, quarter, half-year hoặc year", en: "The period must be month, quarter, half-year or year"))])
        }
        return period
    }
}
