/// The addresses of the organisation tree, its pages and its API.
enum OrganizationRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    case move(Parameter<Int>)
    case merge(Parameter<Int>)
    case dissolve(Parameter<Int>)
    case children(Parameter<Int>)
    case history(Parameter<Int>)
    case asOf(Parameter<Int>, date: Parameter<String>)
    case kinds

    static let pages: [OrganizationRoute] = [.list, .new, .show(.key), .edit(.key), .move(.key), .merge(.key), .dissolve(.key)]
    static let api: [OrganizationRoute] = [.kinds, .list, .show(.key), .children(.key), .history(.key), .asOf(.key, date: .key),
                                           .move(.key), .merge(.key), .dissolve(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["organizations"]
        case .new: return ["organizations", "new"]
        case .show(let id): return ["organizations", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .move(let id): return Self.show(id).components + ["move"]
        case .merge(let id): return Self.show(id).components + ["merge"]
        case .dissolve(let id): return Self.show(id).components + ["dissolve"]
        case .children(let id): return Self.show(id).components + ["children"]
        case .history(let id): return Self.show(id).components + ["history"]
        case .asOf(let id, let date): return Self.show(id).components + ["as-of", date.named("date")]
        case .kinds: return ["organization-kinds"]
        }
    }
}
