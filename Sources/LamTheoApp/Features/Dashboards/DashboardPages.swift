import LamTheoCore
import Vapor

/// A unit's dashboard on the web.
enum DashboardPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(DashboardRoute.show, use: show).requiring(.capability(.read))
    }

    static func show(request: Request) async throws -> Response {
        let unit = try await request.readableUnit()
        let model = try await DashboardShow.Query.run(unit: unit, day: try request.queryDay("day", default: .today()),
                                                      period: try request.reportingPeriod(), on: request.reads)
        return DashboardShow.View(model: model, allChildren: try request.queryText("children") == "all").response(for: request)
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
