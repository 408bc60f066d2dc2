/// The addresses of exemplars, their pages and their API.
enum ExemplarRoute: SiteRoute {
    case list
    case new
    case figures
    /// Who may grant which form: the dated rules, and a new version (administrators).
    case authority
    /// The lowest rating a unit nominated as a collective needs (administrators change it).
    case nominationRule
    case show(Parameter<Int>)
    case verification(Parameter<Int>)
    case commendations(Parameter<Int>)
    case replicationRequests(Parameter<Int>)
    case adoptions(Parameter<Int>)
    case evidence(Parameter<Int>)
    case evidenceFile(Parameter<Int>, evidence: Parameter<Int>)

    static let pages: [ExemplarRoute] = [.list, .new, .show(.key), .verification(.key), .commendations(.key), .replicationRequests(.key),
                                         .adoptions(.key), .evidence(.key), .evidenceFile(.key, evidence: .key)]
    static let api: [ExemplarRoute] = [.list, .figures, .authority, .nominationRule, .show(.key), .verification(.key), .commendations(.key),
                                       .replicationRequests(.key), .adoptions(.key), .evidence(.key), .evidenceFile(.key, evidence: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["exemplars"]
        case .new: return ["exemplars", "new"]
        case .figures: return ["exemplars", "figures"]
        case .authority: return ["exemplars", "authority"]
        case .nominationRule: return ["exemplars", "nomination-rule"]
        case .show(let id): return ["exemplars", id.named("id")]
        case .verification(let id): return Self.show(id).components + ["verification"]
        case .commendations(let id): return Self.show(id).components + ["commendations"]
        case .replicationRequests(let id): return Self.show(id).components + ["replication-requests"]
        case .adoptions(let id): return Self.show(id).components + ["adoptions"]
        case .evidence(let id): return Self.show(id).components + ["evidence"]
        case .evidenceFile(let id, let evidence): return Self.evidence(id).components + [evidence.named("evidenceId")]
        }
    }
}
