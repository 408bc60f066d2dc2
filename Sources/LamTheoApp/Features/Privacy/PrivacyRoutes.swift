/// The addresses of a member's own record (`/me`), the correction requests, and who viewed a member.
enum PrivacyRoute: SiteRoute {
    case me
    case myDataFile
    case myData
    case myCorrections
    case corrections
    case resolveCorrection(Parameter<Int>)
    case viewers(member: Parameter<Int>)

    static let pages: [PrivacyRoute] = [.me, .myDataFile, .myCorrections, .corrections, .resolveCorrection(.key)]
    static let api: [PrivacyRoute] = [.myData, .myCorrections, .viewers(member: .key)]

    var components: [RouteComponent] {
        switch self {
        case .me: return ["me"]
        case .myDataFile: return ["me", "data.json"]
        case .myData: return ["me", "data"]
        case .myCorrections: return ["me", "corrections"]
        case .corrections: return ["corrections"]
        case .resolveCorrection(let id): return ["corrections", id.named("id"), "resolve"]
        case .viewers(let member): return ["members", member.named("id"), "viewers"]
        }
    }
}
