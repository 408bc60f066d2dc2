/// The addresses of the inbox, a person's notification settings and the reminders of a unit.
enum NotificationRoute: SiteRoute {
    case inbox
    case show(Parameter<Int>)
    case read(Parameter<Int>)
    case readAll
    case settings
    case reminders
    case upcoming
    case rules
    case rule(Parameter<Int>)
    case ruleRemoval(Parameter<Int>)

    static let pages: [NotificationRoute] = [.inbox, .show(.key), .read(.key), .readAll, .settings, .reminders, .rules, .ruleRemoval(.key)]
    static let api: [NotificationRoute] = [.inbox, .show(.key), .read(.key), .readAll, .settings, .reminders, .upcoming, .rules, .rule(.key)]

    var components: [RouteComponent] {
        switch self {
        case .inbox: return ["notifications"]
        case .show(let id): return ["notifications", id.named("id")]
        case .read(let id): return Self.show(id).components + ["read"]
        case .readAll: return ["notifications", "read"]
        case .settings: return ["me", "notifications"]
        case .reminders: return ["reminders"]
        case .upcoming: return ["reminders", "upcoming"]
        case .rules: return ["reminders", "rules"]
        case .rule(let id): return ["reminders", "rules", id.named("id")]
        case .ruleRemoval(let id): return Self.rule(id).components + ["removal"]
        }
    }
}
