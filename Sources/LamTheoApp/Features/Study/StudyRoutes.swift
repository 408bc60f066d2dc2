/// The addresses of study sessions and reflections: a unit's sessions, a cell's reflections, a member's own.
enum StudyRoute: SiteRoute {
    case sessions
    case newSession
    case session(Parameter<Int>)
    case editSession(Parameter<Int>)
    case deleteSession(Parameter<Int>)
    case attendance(Parameter<Int>)
    case reflections
    case newReflection
    case reflection(Parameter<Int>)
    case reviewReflection(Parameter<Int>)
    case reflectionFile(Parameter<Int>)
    case reflectionExtensions
    case myReflections
    case myReflection(campaign: Parameter<Int>)

    static let pages: [StudyRoute] = [.sessions, .newSession, .session(.key), .editSession(.key), .deleteSession(.key), .attendance(.key),
                                      .reflections, .newReflection, .reviewReflection(.key), .reflectionFile(.key), .reflectionExtensions, .myReflections,
                                      .myReflection(campaign: .key)]
    static let api: [StudyRoute] = [.sessions, .session(.key), .attendance(.key), .reflections, .reflection(.key), .reviewReflection(.key),
                                    .reflectionExtensions, .myReflections]

    var components: [RouteComponent] {
        switch self {
        case .sessions: return ["study-sessions"]
        case .newSession: return ["study-sessions", "new"]
        case .session(let id): return ["study-sessions", id.named("id")]
        case .editSession(let id): return Self.session(id).components + ["edit"]
        case .deleteSession(let id): return Self.session(id).components + ["delete"]
        case .attendance(let id): return Self.session(id).components + ["attendance"]
        case .reflections: return ["reflections"]
        case .newReflection: return ["reflections", "new"]
        case .reflection(let id): return ["reflections", id.named("id")]
        case .reviewReflection(let id): return Self.reflection(id).components + ["review"]
        case .reflectionFile(let id): return Self.reflection(id).components + ["file"]
        case .reflectionExtensions: return ["reflections", "extensions"]
        case .myReflections: return ["me", "reflections"]
        case .myReflection(let campaign): return ["me", "reflections", campaign.named("campaign")]
        }
    }
}
