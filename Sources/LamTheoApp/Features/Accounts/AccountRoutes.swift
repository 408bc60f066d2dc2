/// The addresses of signing in and out, the access page, and the API's tokens, accounts and roles.
enum AccountRoute: SiteRoute {
    case signIn
    case signOut
    case access
    case newUser
    case grants
    case deleteGrant(Parameter<Int>)
    case tokens
    case currentToken
    case me
    case users
    case userGrants(Parameter<Int>)
    case grant(Parameter<Int>)

    static let pages: [AccountRoute] = [.signIn, .signOut, .access, .newUser, .grants, .deleteGrant(.key)]
    static let api: [AccountRoute] = [.tokens, .currentToken, .me, .users, .userGrants(.key), .grant(.key)]

    var components: [RouteComponent] {
        switch self {
        case .signIn: return ["login"]
        case .signOut: return ["logout"]
        case .access: return ["access"]
        case .newUser: return ["access", "users"]
        case .grants: return ["access", "grants"]
        case .deleteGrant(let id): return ["access", "grants", id.named("id"), "delete"]
        case .tokens: return ["auth", "tokens"]
        case .currentToken: return ["auth", "tokens", "current"]
        case .me: return ["me"]
        case .users: return ["users"]
        case .userGrants(let id): return ["users", id.named("id"), "grants"]
        case .grant(let id): return ["grants", id.named("id")]
        }
    }
}
