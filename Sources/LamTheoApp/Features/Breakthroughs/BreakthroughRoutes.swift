/// The addresses of units' breakthroughs, their pages and their API.
enum BreakthroughRoute: SiteRoute {
    case list
    case new
    case rollup
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    case checkIns(Parameter<Int>)
    case evidence(Parameter<Int>, checkIn: Parameter<Int>)

    static let pages: [BreakthroughRoute] = [.list, .new, .show(.key), .edit(.key), .checkIns(.key), .evidence(.key, checkIn: .key)]
    static let api: [BreakthroughRoute] = [.list, .rollup, .show(.key), .checkIns(.key), .evidence(.key, checkIn: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["breakthroughs"]
        case .new: return ["breakthroughs", "new"]
        case .rollup: return ["breakthroughs", "rollup"]
        case .show(let id): return ["breakthroughs", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .checkIns(let id): return Self.show(id).components + ["check-ins"]
        case .evidence(let id, let checkIn): return Self.checkIns(id).components + [checkIn.named("checkInId"), "evidence"]
        }
    }
}
