/// The addresses of ratings: periods, a unit's sheet and roll-up, closures, rules, a member's own.
enum RatingRoute: SiteRoute {
    /// The page of periods; the API's sheet of a unit's ratings.
    case ratings
    case periods
    case period(Parameter<Int>)
    case sheet(period: Parameter<Int>)
    case figures(period: Parameter<Int>)
    /// A page's form records a member's step, or a unit's, in a period; the API takes the period in the body.
    case memberSteps(period: Parameter<Int>)
    case unitSteps(period: Parameter<Int>)
    /// One sheet of scores for every member of a unit: a cell's proposals, or the decisions.
    case bulkSteps(period: Parameter<Int>)
    case steps
    case closures(period: Parameter<Int>)
    case reopen(closure: Parameter<Int>)
    case rules
    case rule(Parameter<Int>)
    case evidence
    case mine
    case selfAssessment(period: Parameter<Int>)

    static let pages: [RatingRoute] = [.ratings, .periods, .period(.key), .sheet(period: .key), .memberSteps(period: .key), .unitSteps(period: .key),
                                       .bulkSteps(period: .key), .closures(period: .key), .reopen(closure: .key), .rules, .rule(.key), .mine, .selfAssessment(period: .key)]
    static let api: [RatingRoute] = [.periods, .period(.key), .figures(period: .key), .closures(period: .key), .reopen(closure: .key),
                                     .ratings, .mine, .evidence, .steps, .rules, .rule(.key)]

    var components: [RouteComponent] {
        switch self {
        case .ratings: return ["ratings"]
        case .periods: return ["rating-periods"]
        case .period(let id): return ["rating-periods", id.named("id")]
        case .sheet(let period): return Self.period(period).components + ["sheet"]
        case .figures(let period): return Self.period(period).components + ["figures"]
        case .memberSteps(let period): return Self.period(period).components + ["steps"]
        case .unitSteps(let period): return Self.period(period).components + ["unit-steps"]
        case .bulkSteps(let period): return Self.sheet(period: period).components + ["entry"]
        case .steps: return ["ratings", "steps"]
        case .closures(let period): return Self.period(period).components + ["closures"]
        case .reopen(let closure): return ["rating-closures", closure.named("id"), "reopen"]
        case .rules: return ["rating-rules"]
        case .rule(let id): return ["rating-rules", id.named("id")]
        case .evidence: return ["ratings", "evidence"]
        case .mine: return ["me", "ratings"]
        case .selfAssessment(let period): return Self.mine.components + [period.named("id")]
        }
    }

    var formerAPIComponents: [[RouteComponent]] {
        switch self {
        // A member's own ratings joined the rest of self-service under /me.
        case .mine: return [["ratings", "mine"]]
        default: return []
        }
    }
}
