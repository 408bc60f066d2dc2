/// The addresses of inspections, their pages and their API: one address per step's record.
enum InspectionRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case plan(Parameter<Int>)
    case selfReports(Parameter<Int>)
    case sessions(Parameter<Int>)
    case findings(Parameter<Int>)
    case criticisms(Parameter<Int>)
    case conclusion(Parameter<Int>)
    case recommendations(Parameter<Int>)
    case closure(Parameter<Int>)
    case reads(Parameter<Int>)
    /// The conclusion drafted from the record, as a DOCX in the Party's format.
    case conclusionFile(Parameter<Int>)

    static let steps: [InspectionRoute] = [.plan(.key), .selfReports(.key), .sessions(.key), .findings(.key), .criticisms(.key), .conclusion(.key),
                                           .recommendations(.key), .closure(.key)]
    static let pages: [InspectionRoute] = [.list, .new, .show(.key), .conclusionFile(.key)] + steps
    static let api: [InspectionRoute] = [.list, .show(.key), .reads(.key), .conclusionFile(.key)] + steps

    var components: [RouteComponent] {
        switch self {
        case .list: return ["inspections"]
        case .new: return ["inspections", "new"]
        case .show(let id): return ["inspections", id.named("id")]
        case .plan(let id): return Self.show(id).components + ["plan"]
        case .selfReports(let id): return Self.show(id).components + ["self-reports"]
        case .sessions(let id): return Self.show(id).components + ["sessions"]
        case .findings(let id): return Self.show(id).components + ["findings"]
        case .criticisms(let id): return Self.show(id).components + ["criticisms"]
        case .conclusion(let id): return Self.show(id).components + ["conclusion"]
        case .conclusionFile(let id): return Self.conclusion(id).components + ["docx"]
        case .recommendations(let id): return Self.show(id).components + ["recommendations"]
        case .closure(let id): return Self.show(id).components + ["closure"]
        case .reads(let id): return Self.show(id).components + ["reads"]
        }
    }
}
