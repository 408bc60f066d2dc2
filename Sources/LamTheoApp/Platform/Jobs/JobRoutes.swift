/// The addresses of the background jobs: the administrators' page and the API (where each user sees their own).
enum JobRoute: SiteRoute {
    case list
    case show(Parameter<String>)
    case retry(Parameter<String>)
    case cancel(Parameter<String>)

    static let pages: [JobRoute] = [.list, .retry(.key), .cancel(.key)]
    static let api: [JobRoute] = [.list, .show(.key), .retry(.key), .cancel(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["jobs"]
        case .show(let job): return ["jobs", job.named("job")]
        case .retry(let job): return Self.show(job).components + ["retry"]
        case .cancel(let job): return Self.show(job).components + ["cancel"]
        }
    }
}
