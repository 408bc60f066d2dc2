/// The addresses of follow-up tasks, their pages and their API.
enum FollowUpRoute: SiteRoute {
    case list
    case figures
    case show(Parameter<Int>)
    case reports(Parameter<Int>)
    case review(Parameter<Int>)
    case `extension`(Parameter<Int>)
    case cancellation(Parameter<Int>)

    static let pages: [FollowUpRoute] = [.list, .show(.key), .reports(.key), .review(.key), .extension(.key), .cancellation(.key)]
    static let api: [FollowUpRoute] = [.list, .figures, .show(.key), .reports(.key), .review(.key), .extension(.key), .cancellation(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["follow-ups"]
        case .figures: return ["follow-ups", "figures"]
        case .show(let id): return ["follow-ups", id.named("id")]
        case .reports(let id): return Self.show(id).components + ["reports"]
        case .review(let id): return Self.show(id).components + ["review"]
        case .extension(let id): return Self.show(id).components + ["extension"]
        case .cancellation(let id): return Self.show(id).components + ["cancellation"]
        }
    }
}
