/// The addresses of the member roll, its pages and its API.
enum MemberRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    case transfer(Parameter<Int>)
    case positions(Parameter<Int>)
    case endPosition(Parameter<Int>, position: Parameter<Int>)

    static let pages: [MemberRoute] = [.list, .new, .show(.key), .edit(.key), .transfer(.key)]
    static let api: [MemberRoute] = [.list, .show(.key), .transfer(.key), .positions(.key), .endPosition(.key, position: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["members"]
        case .new: return ["members", "new"]
        case .show(let id): return ["members", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .transfer(let id): return Self.show(id).components + ["transfer"]
        case .positions(let id): return Self.show(id).components + ["positions"]
        case .endPosition(let id, let position): return Self.positions(id).components + [position.named("positionId"), "end"]
        }
    }
}
