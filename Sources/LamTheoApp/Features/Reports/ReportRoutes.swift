/// The addresses of reports, their pages and their API.
enum ReportRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    case refresh(Parameter<Int>)
    case issue(Parameter<Int>)
    /// The draft as it stands, as `docx`, `pdf` or `xlsx`.
    case draft(Parameter<Int>, format: Parameter<String>)
    /// An issued version's files, as stored.
    case version(Parameter<Int>, version: Parameter<Int>, format: Parameter<String>)

    static let pages: [ReportRoute] = [.list, .new, .show(.key), .edit(.key), .refresh(.key), .issue(.key), .draft(.key, format: .key),
                                       .version(.key, version: .key, format: .key)]
    static let api: [ReportRoute] = [.list, .show(.key), .refresh(.key), .issue(.key), .draft(.key, format: .key),
                                     .version(.key, version: .key, format: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["reports"]
        case .new: return ["reports", "new"]
        case .show(let id): return ["reports", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .refresh(let id): return Self.show(id).components + ["refresh"]
        case .issue(let id): return Self.show(id).components + ["issue"]
        case .draft(let id, let format): return Self.show(id).components + ["draft", format.named("format")]
        case .version(let id, let version, let format): return Self.show(id).components + ["versions", version.named("version"), format.named("format")]
        }
    }
}
