/// The addresses of briefings, their pages and their API.
enum BriefingRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case contributions(Parameter<Int>)
    case presented(Parameter<Int>, contribution: Parameter<Int>)
    case file(Parameter<Int>, contribution: Parameter<Int>)
    case conclusions(Parameter<Int>)
    case notice(Parameter<Int>)
    /// The notice as a DOCX in the Party's format.
    case noticeFile(Parameter<Int>)

    static let pages: [BriefingRoute] = [.list, .new, .show(.key), .contributions(.key), .presented(.key, contribution: .key),
                                         .file(.key, contribution: .key), .conclusions(.key), .notice(.key), .noticeFile(.key)]
    static let api: [BriefingRoute] = [.list, .show(.key), .contributions(.key), .presented(.key, contribution: .key),
                                       .file(.key, contribution: .key), .conclusions(.key), .notice(.key), .noticeFile(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["briefings"]
        case .new: return ["briefings", "new"]
        case .show(let id): return ["briefings", id.named("id")]
        case .contributions(let id): return Self.show(id).components + ["contributions"]
        case .presented(let id, let contribution): return Self.contributions(id).components + [contribution.named("contributionId"), "presented"]
        case .file(let id, let contribution): return Self.contributions(id).components + [contribution.named("contributionId"), "file"]
        case .conclusions(let id): return Self.show(id).components + ["conclusions"]
        case .notice(let id): return Self.show(id).components + ["notice"]
        case .noticeFile(let id): return Self.notice(id).components + ["docx"]
        }
    }
}
