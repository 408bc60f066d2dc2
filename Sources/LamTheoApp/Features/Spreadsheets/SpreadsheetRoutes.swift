/// The addresses of imports and exports.
enum SpreadsheetRoute: SiteRoute {
    /// The import page (GET) and a file sent to it (POST).
    case imports
    case job(Parameter<String>)
    case applyJob(Parameter<String>)
    /// A page's download: the file's name says the kind and the format (`members.xlsx`).
    case exportFile(Parameter<String>)
    /// The API's download: the kind, the format in the query.
    case export(kind: Parameter<String>)

    static let pages: [SpreadsheetRoute] = [.imports, .job(.key), .applyJob(.key), .exportFile(.key)]
    static let api: [SpreadsheetRoute] = [.imports, .job(.key), .export(kind: .key)]

    var components: [RouteComponent] {
        switch self {
        case .imports: return ["imports"]
        case .job(let job): return ["imports", job.named("job")]
        case .applyJob(let job): return Self.job(job).components + ["apply"]
        case .exportFile(let file): return ["exports", file.named("file")]
        case .export(let kind): return ["exports", kind.named("kind")]
        }
    }
}
