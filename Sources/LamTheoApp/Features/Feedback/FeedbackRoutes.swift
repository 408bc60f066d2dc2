/// The addresses of citizens' feedback: the officers' pages and API (`/feedback…`), and the public form and tracking
/// page of a committee's site (`/site/{slug}/feedback…`), whose API lets a client fetch a form token, submit and track.
enum FeedbackRoute: SiteRoute {
    case list
    case show(Parameter<Int>)
    case acknowledgement(Parameter<Int>)
    case forward(Parameter<Int>)
    case answer(Parameter<Int>)
    case rejection(Parameter<Int>)
    case publication(Parameter<Int>)
    case contactErasure(Parameter<Int>)
    case attachment(Parameter<Int>, file: Parameter<Int>)
    /// A committee's answer deadline for its subtree (`?unit=`).
    case settings
    /// The public form of a site (GET) and its submission (POST).
    case submit(Parameter<String>)
    /// A signed form token (and the challenge when one is due) for an API client of the public form.
    case formToken(Parameter<String>)
    /// The public tracking page of a site; the API's lookup by code.
    case siteTrack(Parameter<String>)
    case track

    static let pages: [FeedbackRoute] = [.list, .show(.key), .acknowledgement(.key), .forward(.key), .answer(.key), .rejection(.key),
                                         .publication(.key), .contactErasure(.key), .attachment(.key, file: .key), .settings,
                                         .submit(.key), .siteTrack(.key)]
    static let api: [FeedbackRoute] = [.list, .show(.key), .acknowledgement(.key), .forward(.key), .answer(.key), .rejection(.key),
                                       .publication(.key), .contactErasure(.key), .attachment(.key, file: .key),
                                       .submit(.key), .formToken(.key), .track]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["feedback"]
        case .show(let id): return ["feedback", id.named("id")]
        case .acknowledgement(let id): return Self.show(id).components + ["acknowledgement"]
        case .forward(let id): return Self.show(id).components + ["forward"]
        case .answer(let id): return Self.show(id).components + ["answer"]
        case .rejection(let id): return Self.show(id).components + ["rejection"]
        case .publication(let id): return Self.show(id).components + ["publication"]
        case .contactErasure(let id): return Self.show(id).components + ["contact-erasure"]
        case .attachment(let id, let file): return Self.show(id).components + ["attachments", file.named("attachmentId")]
        case .settings: return ["feedback", "settings"]
        case .submit(let slug): return ["site", slug.named("slug"), "feedback"]
        case .formToken(let slug): return Self.submit(slug).components + ["token"]
        case .siteTrack(let slug): return Self.submit(slug).components + ["track"]
        case .track: return ["feedback", "track"]
        }
    }
}
