import Fluent
import LamTheoCore
import SQLKit

/// The exemplars of the units' subtrees by the step they have reached — nominated, verified, commended, replicated —
/// and the units that replicated them. Counted from the rows (per unit, not per member: tens of thousands
/// nationally), for the unit asked about and its children in one grouped query over the `exemplars_subtree` range.
struct ExemplarDashboard: DashboardSource {
    let name = "exemplars"

    /// A subtree's exemplars by state, and the distinct units that adopted one of them at least.
    private struct Steps {
        var exemplars: [ExemplarState: Int] = [:]
        var adoptingUnits = 0

        /// Exemplars that reached `state` or a later step (a commended one was verified first).
        func reached(_ state: ExemplarState) -> Int {
            ExemplarState.allCases.drop { $0 != state }.reduce(0) { $0 + (exemplars[$1] ?? 0) }
        }
    }

    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]] {
        let ids = units.map(\.id)
        guard !ids.isEmpty else { return [:] }
        let subtrees: SQLQueryString = """
            organizations c JOIN exemplars x ON x.organization_path >= c.path AND x.organization_path < c.path || '~'
            """
        let rows = try await db.sql.raw("""
            SELECT c.id AS unit, x.state AS state, COUNT(*) AS exemplars, 0 AS adopting_units
            FROM \(subtrees) WHERE c.id IN (\(binds: ids)) GROUP BY c.id, x.state
            UNION ALL
            SELECT c.id, NULL, 0, COUNT(DISTINCT d.organization_id)
            FROM \(subtrees) JOIN exemplar_adoptions d ON d.exemplar_id = x.id WHERE c.id IN (\(binds: ids)) GROUP BY c.id
            """).all()
        var steps: [Int: Steps] = [:]
        for row in rows {
            let unit = try row.decode(column: "unit", as: Int.self)
            if let state = try row.decode(column: "state", as: String?.self).flatMap(ExemplarState.init(rawValue:)) {
                steps[unit, default: Steps()].exemplars[state] = try row.decode(column: "exemplars", as: Int.self)
            } else {
                steps[unit, default: Steps()].adoptingUnits = try row.decode(column: "adopting_units", as: Int.self)
            }
        }
        return steps.reduce(into: [:]) { sections, entry in
            sections[entry.key] = [section(unit: entry.key, entry.value, explained: entry.key == explaining)]
        }
    }

    private func section(unit: Int, _ steps: Steps, explained: Bool) -> DashboardSection {
        let key = "exemplars"
        // Each step out of the one before, linked to those still waiting for it.
        func exemplars(_ state: ExemplarState?) -> String {
            ExemplarRoute.list.path(query: [.unit: unit, "state": state?.rawValue])
        }
        func figure(_ state: ExemplarState, title: LocalizedText, counted: @autoclosure () -> LocalizedText, after previous: ExemplarState,
                    whole: @autoclosure () -> LocalizedText) -> DashboardFigure {
            let figure = CoverageFigure(count: steps.reached(state), total: steps.reached(previous))
            return DashboardFigure(key: "\(key).\(state.rawValue)", title: title, count: figure.count, total: figure.total,
                                   explanation: DashboardFigure.explanation(figure, counted: counted(), whole: whole()), link: exemplars(previous),
                                   explained: explained)
        }
        let nominated = LocalizedText(vi: "điển hình (mô hình hay, gương điển hình) của các đơn vị đã được đề nghị, ở mọi bước",
                                      en: "the units' exemplars (models, examples) nominated, at every step")
        let verified = LocalizedText(vi: "điển hình đã được cấp trên thẩm định", en: "exemplars verified by the level above")
        return DashboardSection(key: key, title: LocalizedText(vi: "Điển hình tiên tiến, mô hình hay", en: "Exemplars"), figures: [
            DashboardFigure(key: "\(key).nominated", title: LocalizedText(vi: "Điển hình đã được đề nghị", en: "Exemplars nominated"),
                            count: steps.reached(.nominated), total: nil,
                            explanation: DashboardFigure.explanation(steps.reached(.nominated), counted: nominated), link: exemplars(nil),
                            explained: explained),
            figure(.verified, title: LocalizedText(vi: "Điển hình đã được thẩm định", en: "Exemplars verified"),
                   counted: verified, after: .nominated, whole: nominated),
            figure(.commended, title: LocalizedText(vi: "Điển hình đã được khen thưởng", en: "Exemplars commended"),
                   counted: Self.commended, after: .verified, whole: verified),
            figure(.replicated, title: LocalizedText(vi: "Điển hình đã được nhân rộng", en: "Exemplars replicated"),
                   counted: LocalizedText(vi: "điển hình đã được ít nhất một đơn vị khác nhân rộng", en: "exemplars at least one other unit has adopted"),
                   after: .commended, whole: Self.commended),
            DashboardFigure(key: "\(key).adopting-units", title: LocalizedText(vi: "Đơn vị đã nhân rộng điển hình", en: "Units that replicated them"),
                            count: steps.adoptingUnits, total: nil,
                            explanation: DashboardFigure.explanation(steps.adoptingUnits, counted: LocalizedText(
                                vi: "đơn vị (trong hoặc ngoài các đơn vị này) đã nhân rộng ít nhất một trong các điển hình đó",
                                en: "units (within these units or elsewhere) that adopted one of those exemplars at least")),
                            link: exemplars(.replicated), explained: explained),
        ], leadFigure: "\(key).commended", topic: .exemplars)
    }

    /// What the commended figure counts, with the forms a commendation takes ("biểu dương, giấy khen, bằng khen, cờ thi
    /// đua"): built once.
    private static let commended: LocalizedText = {
        let labels = CommendationForm.allCases.map(\.label)
        let forms = LocalizedText(vi: labels.map { $0.vi.lowercased() }.joined(separator: ", "), en: labels.map { $0.en.lowercased() }.joined(separator: ", "))
        return LocalizedText(vi: "điển hình đã có quyết định khen thưởng (\(forms.vi))", en: "exemplars with a commendation decision (\(forms.en))")
    }()
}
