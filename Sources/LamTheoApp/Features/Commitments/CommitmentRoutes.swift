/// The addresses of members' commitments, their pages and their API.
enum CommitmentRoute: SiteRoute {
    /// A year's commitments (GET) and a new one (POST).
    case list
    case rows
    case new
    case figures
    case pledges
    case reminders
    case templates
    case show(Parameter<Int>)
    case checkIns(Parameter<Int>)
    case evidence(Parameter<Int>, checkIn: Parameter<Int>)
    case selfAssessment(Parameter<Int>)
    case assessment(Parameter<Int>)

    static let pages: [CommitmentRoute] = [.list, .rows, .new, .pledges, .reminders, .show(.key), .checkIns(.key), .evidence(.key, checkIn: .key),
                                           .selfAssessment(.key), .assessment(.key)]
    static let api: [CommitmentRoute] = [.list, .figures, .pledges, .reminders, .templates, .show(.key), .checkIns(.key),
                                         .evidence(.key, checkIn: .key), .selfAssessment(.key), .assessment(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["commitments"]
        case .rows: return ["commitments", "rows"]
        case .new: return ["commitments", "new"]
        case .figures: return ["commitments", "figures"]
        case .pledges: return ["commitments", "pledges"]
        case .reminders: return ["commitments", "reminders"]
        case .templates: return ["commitments", "templates"]
        case .show(let id): return ["commitments", id.named("id")]
        case .checkIns(let id): return Self.show(id).components + ["check-ins"]
        case .evidence(let id, let checkIn): return Self.checkIns(id).components + [checkIn.named("checkInId"), "evidence"]
        case .selfAssessment(let id): return Self.show(id).components + ["self-assessment"]
        case .assessment(let id): return Self.show(id).components + ["assessment"]
        }
    }
}
